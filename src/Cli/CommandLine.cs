using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using Init.Logging;
using Init.Signals;

namespace Init.Cli;

/// <summary>
/// `init [OPTIONS] [--] COMMAND [ARG...]`, tini's options and environment variables, parsed with
/// System.CommandLine.
/// </summary>
internal sealed class CommandLine
{
    public const int UsageErrorExitCode = 2;
    public const string Usage = "Usage: init [OPTIONS] [--] COMMAND [ARG...]";

    private readonly Option<bool> _subreaper = new("-s", "--subreaper")
    {
        Arity = ArgumentArity.Zero,
        Description = "Register as a child subreaper (automatic when init is not PID 1). Env: TINI_SUBREAPER.",
    };
    private readonly Option<Signal?> _parentDeathSignal = new("-p", "--parent-death-signal")
    {
        Description = "Have the kernel send SIGNAL to init (which forwards it) when init's parent dies.",
        HelpName = "SIGNAL",
        CustomParser = ParseSignal,
    };
    private readonly Option<bool> _verbose = new("-v", "--verbose")
    {
        Description = "Log more to stderr; repeat for more (-vvv). Env: TINI_VERBOSITY=N.",
        Arity = ArgumentArity.Zero,
    };
    private readonly Option<bool> _warnOnReap = new("-w", "--warn-on-reap")
    {
        Arity = ArgumentArity.Zero,
        Description = "Warn when a zombie that is not the command is reaped.",
    };
    private readonly Option<bool> _processGroup = new("-g", "--process-group")
    {
        Arity = ArgumentArity.Zero,
        Description = "Forward signals to the command's whole process group. Env: TINI_KILL_PROCESS_GROUP.",
    };
    private readonly Option<int[]> _successCodes = new("-e", "--expect-exit")
    {
        Description = "Report exit code CODE (0-255, 128+N for a signal death) as 0. Repeatable.",
        HelpName = "CODE",
    };
    private readonly Option<SignalRewrites> _rewrites = new("-r", "--rewrite")
    {
        Description = "Forward signal FROM as signal TO; TO = 0 drops it. Repeatable. E.g. -r TERM:QUIT, -r 15:3.",
        HelpName = "FROM:TO",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseRewrites,
    };
    private readonly Option<TimeSpan?> _gracePeriod = new("--grace-period")
    {
        Description = "After the command exits: SIGTERM the remaining processes, SIGKILL them after DURATION " +
                      "(500ms, 2s, 1.5 = seconds; default 5s; 0 exits at once like tini). Env: INIT_GRACE_PERIOD.",
        HelpName = "DURATION",
        CustomParser = ParseDuration,
    };
    private readonly Option<bool> _pause = new("-P", "--pause")
    {
        Description = "Run no command: only reap, and exit 0 on SIGTERM or SIGINT (a pod's pause process).",
        Arity = ArgumentArity.Zero,
    };
    private readonly Option<bool> _license = new("-l", "--license")
    {
        Arity = ArgumentArity.Zero,
        Description = "Print the licence and exit.",
    };
    private readonly Option<bool> _version = new("--version")
    {
        Arity = ArgumentArity.Zero,
        Description = "Print the version and exit.",
    };
    private readonly Argument<string[]> _command = new("COMMAND")
    {
        Description = "The command to run, and its arguments.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly RootCommand _root;

    public CommandLine()
    {
        _root = new RootCommand(
            "A container init: runs COMMAND, forwards every signal to it, reaps every zombie and exits " +
            "with COMMAND's status. Options end at the first argument that is not one, or at '--'.")
        {
            _subreaper, _parentDeathSignal, _verbose, _warnOnReap, _processGroup, _successCodes, _rewrites,
            _gracePeriod, _pause, _license,
        };
        // The built-in --version prints the bare assembly version; docker expects tini's format.
        foreach (var builtIn in _root.Options.OfType<VersionOption>().ToList()) _root.Options.Remove(builtIn);
        _root.Options.Add(_version);
        _root.Directives.Clear();
        // Declared for the help text only: the command itself never reaches the parser.
        _root.Arguments.Add(_command);
        _successCodes.Validators.Add(ValidateExitCodes);
    }

    public ParseOutcome Parse(string[] args, Func<string, string?> environment)
    {
        CommandBoundary.Find(args, _root.Options, out int optionsEnd, out int commandStart);
        var result = _root.Parse(args[..optionsEnd], new ParserConfiguration { ResponseFileTokenReplacer = null });

        if (result.Errors.Count > 0) return UsageError(result.Errors[0].Message);
        // Only an option the parser does not know can land in COMMAND (see CommandBoundary).
        if (result.GetValue(_command) is [var unknown, ..]) return UsageError($"unrecognized option '{(unknown.StartsWith('-') ? unknown : "-" + unknown)}'");
        if (result.Action is HelpAction) return PrintHelp(result);
        if (result.GetValue(_version)) return Print(VersionInfo.Line + "\n");
        if (result.GetValue(_license)) return Print(LicenseText());
        bool pause = result.GetValue(_pause);
        if (pause && commandStart < args.Length) return UsageError($"-P runs no command, but '{args[commandStart]}' was given");
        if (!pause && commandStart >= args.Length) return UsageError("missing command to run");

        TimeSpan gracePeriod = InitOptions.DefaultGracePeriod;
        if (result.GetValue(_gracePeriod) is TimeSpan fromOption) gracePeriod = fromOption;
        else if (environment("INIT_GRACE_PERIOD") is string fromEnvironment && !Duration.TryParse(fromEnvironment, out gracePeriod))
            return UsageError($"'{fromEnvironment}' is not a duration (for INIT_GRACE_PERIOD)");

        int verboseCount = result.GetResult(_verbose)?.IdentifierTokenCount ?? 0;
        return new ParseOutcome.Run(new InitOptions
        {
            Command = args[commandStart..],
            CommandIndex = commandStart,
            Subreaper = result.GetValue(_subreaper) || environment("TINI_SUBREAPER") is not null,
            ParentDeathSignal = result.GetValue(_parentDeathSignal),
            Verbosity = verboseCount > 0 ? Log.Warnings + verboseCount : VerbosityFrom(environment("TINI_VERBOSITY")),
            WarnOnReap = result.GetValue(_warnOnReap),
            ForwardToProcessGroup = result.GetValue(_processGroup) || environment("TINI_KILL_PROCESS_GROUP") is not null,
            SuccessCodes = new HashSet<int>(result.GetValue(_successCodes) ?? []),
            GracePeriod = gracePeriod,
            Rewrites = result.GetValue(_rewrites) ?? SignalRewrites.None,
            Pause = pause,
        });
    }

    private static int VerbosityFrom(string? value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int level) ? level : Log.Warnings;

    private static Signal? ParseSignal(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!Signal.TryParse(token, allowZero: false, out var signal))
            result.AddError($"'{token}' is not a signal name or number (for {OptionName(result)})");
        else if (!SignalRoles.CanBeParentDeathSignal(signal)) // -p is the only signal option
            result.AddError($"{signal} cannot be a parent-death signal: the init never receives it (for {OptionName(result)})");
        else return signal;
        return null;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Duration.TryParse(token, out var duration)) return duration;
        result.AddError($"'{token}' is not a duration such as 500ms, 2s or 1.5 (for {OptionName(result)})");
        return null;
    }

    /// <summary>Every -r rule given; the first bad one is the error.</summary>
    private static SignalRewrites? ParseRewrites(ArgumentResult result)
    {
        var rewrites = new SignalRewrites();
        foreach (var token in result.Tokens)
        {
            if (rewrites.TryAdd(token.Value, out string? error)) continue;
            result.AddError($"{error} (for {OptionName(result)})");
            return null;
        }
        return rewrites;
    }

    private static void ValidateExitCodes(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (!int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code > 255)
                result.AddError($"'{token.Value}' is not an exit code from 0 to 255 (for {result.IdentifierToken?.Value ?? "-e"})");
        }
    }

    private static string OptionName(ArgumentResult result) =>
        (result.Parent as OptionResult)?.IdentifierToken?.Value ?? "option";

    private static ParseOutcome UsageError(string message)
    {
        Log.Error(message.TrimEnd('.'));
        FileDescriptorOutput.WriteAll(FileDescriptorOutput.StandardError,
            System.Text.Encoding.UTF8.GetBytes(Usage + "   (see 'init --help')\n"));
        return new ParseOutcome.Exit(UsageErrorExitCode);
    }

    private static ParseOutcome PrintHelp(ParseResult result)
    {
        using var output = new FileDescriptorWriter(FileDescriptorOutput.StandardOutput);
        result.Invoke(new InvocationConfiguration
        {
            Output = output,
            Error = output,
            // Otherwise invoking registers SIGINT/SIGTERM handlers and starts the runtime's signal thread.
            ProcessTerminationTimeout = null,
        });
        return new ParseOutcome.Exit(0);
    }

    private static ParseOutcome Print(string text)
    {
        FileDescriptorOutput.WriteAll(FileDescriptorOutput.StandardOutput, System.Text.Encoding.UTF8.GetBytes(text));
        return new ParseOutcome.Exit(0);
    }

    private static string LicenseText()
    {
        using var stream = typeof(CommandLine).Assembly.GetManifestResourceStream("LICENSE");
        return stream is null ? "MIT License\n" : new StreamReader(stream).ReadToEnd();
    }
}
