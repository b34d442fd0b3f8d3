using System;
using Init.Logging;

namespace Init.Cli;

/// <summary>
/// The init's arguments and environment, read into <see cref="InitOptions"/>. `init -- CMD` and
/// `init CMD` (what `docker run --init` and most ENTRYPOINTs pass) have no options to parse, so
/// System.CommandLine is not even built for them: it is paid for only when an option is given.
/// </summary>
internal static class InitArguments
{
    public static ParseOutcome Parse(string[] args, Func<string, string?> environment)
    {
        // No input may end in a stack trace: should the parser fail on some input, that is one line and exit 2.
        try
        {
            if (args is [var first, ..] && (first == "--" || !OptionScanner.IsOption(first)))
            {
                int commandStart = first == "--" ? 1 : 0;
                var options = new InitOptions { Command = args[commandStart..], CommandIndex = commandStart };
                return Complete(options, verbosityGiven: false, gracePeriodGiven: false, environment);
            }
            return new CommandLine().Parse(args, environment);
        }
        catch (Exception e)
        {
            Log.Error($"cannot read the arguments: {e.Message}".ReplaceLineEndings(" "));
            return new ParseOutcome.Exit(Usage.ErrorExitCode);
        }
    }

    /// <summary>The options the command line gave, checked and completed from the environment.</summary>
    public static ParseOutcome Complete(InitOptions given, bool verbosityGiven, bool gracePeriodGiven, Func<string, string?> environment)
    {
        if (given.Pause && given.Command.Length > 0) return Usage.Error($"-P runs no command, but '{given.Command[0]}' was given");
        if (!given.Pause && given.Command.Length == 0) return Usage.Error("missing command to run");
        if (EnvironmentSettings.Apply(given, verbosityGiven, gracePeriodGiven, environment, out var options) is string error)
            return Usage.Error(error);
        return new ParseOutcome.Run(options);
    }
}
