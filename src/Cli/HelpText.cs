using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using Init.Logging;

namespace Init.Cli;

/// <summary>
/// `init --help`: System.CommandLine's help for the option table (<see cref="CommandLine.Options"/>),
/// with the init's own usage line. The only use of System.CommandLine, in a file of its own so the
/// benchmark can measure a build without it (bench/README.md).
/// </summary>
internal static class HelpText
{
    public static string For(string summary, InitOption help, Func<string, string?> environment)
    {
        // Its own width would come from Console (see HelpWidth).
        var helpOption = new HelpOption("--" + help.Long, "-" + help.Short) { Action = new HelpAction { MaxWidth = HelpWidth.For(environment) } };
        var command = new Command(Log.ProgramName, summary) { helpOption };
        foreach (var option in CommandLine.Options)
        {
            if (option == help) continue;
            string[] aliases = option.Short is char c ? ["-" + c] : [];
            string description = option.Variable is null ? option.Description : $"{option.Description} Env: {option.Variable}.";
            command.Options.Add(option.TakesValue
                ? new Option<string>("--" + option.Long, aliases) { Description = description, HelpName = option.ValueName }
                : new Option<bool>("--" + option.Long, aliases) { Description = description, Arity = ArgumentArity.Zero });
        }
        var text = new StringWriter();
        command.Parse(["--help"]).Invoke(new InvocationConfiguration
        {
            Output = text,
            Error = text,
            // Otherwise invoking registers SIGINT/SIGTERM handlers and starts the runtime's signal thread.
            ProcessTerminationTimeout = null,
        });
        // Its usage line describes its own parser ("init [options]"), which the init does not use.
        return text.ToString().Replace($"  {Log.ProgramName} [options]", "  " + CommandLine.UsageLine[7..]);
    }
}
