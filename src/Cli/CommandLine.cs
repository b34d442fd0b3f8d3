using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using Init.Logging;
using Init.Signals;

namespace Init.Cli;

/// <summary>
/// `init [OPTIONS] [--] COMMAND [ARG...]`, tini's options and environment variables, parsed with
/// System.CommandLine.
/// </summary>
internal sealed class CommandLine
{
    private readonly Option<bool> _subreaper = new("-s", "--subreaper")
    {
        Arity = ArgumentArity.Zero,
        Description = "Register as a child subreaper (automatic when init is not PID 1). Env: TINI_SUBREAPER.",
    };
    private readonly Option<Signal?> _parentDeathSignal = new("-p", "--parent-death-signal")
    {
        Description = "Have the kernel send SIGNAL to init (which forwards it) when init's parent dies.",
        HelpName = "SIGNAL",
        Arity = ArgumentArity.OneOrMore,
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
        CustomParser = ParseExitCodes,
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
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseDuration,
    };
    private readonly Option<TimeSpan?> _stopDelay = new("--stop-delay")
    {
        Description = "Hold a SIGTERM to init back for DURATION before forwarding it, while a load balancer drains; " +
                      "a second SIGTERM or a SIGINT forwards it at once. Env: INIT_STOP_DELAY.",
        HelpName = "DURATION",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseDuration,
    };
    private readonly Option<string?> _user = new("-u", "--user")
    {
        Description = "Run the command as USER[:GROUP] (names or numbers), resolved from /etc/passwd and /etc/group " +
                      "as `docker run --user` does; init itself stays root. Env: INIT_USER.",
        HelpName = "USER[:GROUP]",
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
    private readonly Command _root;

    public CommandLine()
    {
        // A plain Command: RootCommand takes its name from argv[0] and throws when that is "/" or empty
        // (`exec -a / init`), and brings a version option (not in docker's format), "-?" and directives.
        _root = new Command(Log.ProgramName,
            "A container init: runs COMMAND, forwards every signal to it, reaps every zombie and exits " +
            "with COMMAND's status. Options end at the first argument that is not one, or at '--'.")
        {
            _subreaper, _parentDeathSignal, _verbose, _warnOnReap, _processGroup, _successCodes, _rewrites,
            _gracePeriod, _stopDelay, _user, _pause, _license, _version, new HelpOption("--help", "-h"),
        };
        // Declared for the help text only: the command itself never reaches the parser.
        _root.Arguments.Add(_command);
    }

    public ParseOutcome Parse(string[] args, Func<string, string?> environment)
    {
        var tokens = new List<string>();
        if (OptionScanner.Scan(args, _root.Options, tokens, out int commandStart) is string error) return Usage.Error(error);
        var result = _root.Parse(tokens, new ParserConfiguration { ResponseFileTokenReplacer = null });

        if (result.Errors.Count > 0) return Usage.Error(result.Errors[0].Message);
        if (result.Action is HelpAction) return PrintHelp(result);
        if (result.GetValue(_version)) return Print(VersionInfo.Line + "\n");
        if (result.GetValue(_license)) return Print(LicenseText());

        int verboseCount = result.GetResult(_verbose)?.IdentifierTokenCount ?? 0;
        TimeSpan? gracePeriod = result.GetValue(_gracePeriod);
        var given = new InitOptions
        {
            Command = args[commandStart..],
            CommandIndex = commandStart,
            Subreaper = result.GetValue(_subreaper),
            ParentDeathSignal = result.GetValue(_parentDeathSignal),
            Verbosity = Log.Warnings + verboseCount,
            WarnOnReap = result.GetValue(_warnOnReap),
            ForwardToProcessGroup = result.GetValue(_processGroup),
            SuccessCodes = new HashSet<int>(result.GetValue(_successCodes) ?? []),
            GracePeriod = gracePeriod ?? InitOptions.DefaultGracePeriod,
            StopDelay = result.GetValue(_stopDelay),
            Rewrites = result.GetValue(_rewrites) ?? SignalRewrites.None,
            Pause = result.GetValue(_pause),
            User = result.GetValue(_user),
        };
        return InitArguments.Complete(given, verbosityGiven: verboseCount > 0, gracePeriodGiven: gracePeriod is not null, environment);
    }

    /// <summary>Given more than once, the last one counts, as with getopt; each must be a signal.</summary>
    private static Signal? ParseSignal(ArgumentResult result)
    {
        Signal? last = null;
        foreach (var token in result.Tokens)
        {
            if (!Signal.TryParse(token.Value, allowZero: false, out var signal))
                result.AddError($"'{token.Value}' is not a signal name or number (for {OptionName(result)})");
            else if (!SignalRoles.CanBeParentDeathSignal(signal)) // -p is the only signal option
                result.AddError($"{signal} cannot be a parent-death signal: the init never receives it (for {OptionName(result)})");
            else
            {
                last = signal;
                continue;
            }
            return null;
        }
        return last;
    }

    /// <summary>Given more than once, the last one counts, as with getopt; each must be a duration.</summary>
    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        TimeSpan? last = null;
        foreach (var token in result.Tokens)
        {
            if (Duration.TryParse(token.Value, out var duration))
            {
                last = duration;
                continue;
            }
            result.AddError($"{Duration.Describe(token.Value)} (for {OptionName(result)})");
            return null;
        }
        return last;
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

    private static int[]? ParseExitCodes(ArgumentResult result)
    {
        var codes = new int[result.Tokens.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            string token = result.Tokens[i].Value;
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out codes[i]) && codes[i] <= 255) continue;
            result.AddError($"'{token}' is not an exit code from 0 to 255 (for {OptionName(result)})");
            return null;
        }
        return codes;
    }

    private static string OptionName(ArgumentResult result) =>
        (result.Parent as OptionResult)?.IdentifierToken?.Value ?? "option";

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
