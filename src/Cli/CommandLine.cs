using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Init.Processes;
using Init.Reaping;
using Init.Logging;
using Init.Signals;

namespace Init.Cli;

/// <summary>
/// `init [OPTIONS] [--] COMMAND [ARG...]`: the option table, read from the arguments by
/// <see cref="OptionScanner"/> (getopt's conventions, as tini's users type them) and from the
/// environment by <see cref="EnvironmentSettings"/>. System.CommandLine writes the help from the same
/// table; its parser is not used, as its conventions are not getopt's (it reads the command's own
/// options, splits values at ':' and '=', and takes a value such as "--" or "-v" for an option).
/// </summary>
internal static class CommandLine
{
    public const string UsageLine = "Usage: init [OPTIONS] [--] COMMAND [ARG...]";

    private const string Summary =
        "A container init: runs COMMAND, forwards every signal to it, reaps every zombie and exits with " +
        "COMMAND's status. Options end at the first argument that is not one, or at '--'.";

    private static readonly InitOption Help = new('h', "help", null, null, "Print this help and exit.", Nothing);
    private static readonly InitOption Version = new(null, "version", null, null, "Print the version and exit.", Nothing);
    private static readonly InitOption License = new('l', "license", null, null, "Print the licence and exit.", Nothing);

    /// <summary>-v: counted, so -vv is more than -v (TINI_VERBOSITY is read only without it).</summary>
    public static readonly InitOption Verbose = new('v', "verbose", null, null,
        "Log more to stderr; repeat for more (-vvv). Env: TINI_VERBOSITY=N.",
        (options, _) =>
        {
            options.Verbosity++;
            return null;
        });

    /// <summary>Every option, in the order help lists them.</summary>
    public static readonly InitOption[] Options =
    [
        new('s', "subreaper", null, null,
            "Register as a child subreaper (automatic when init is not PID 1). Env: TINI_SUBREAPER.",
            (options, value) => Flag(value, () => options.Subreaper = true)),
        new('p', "parent-death-signal", "SIGNAL", "INIT_PARENT_DEATH_SIGNAL",
            "Have the kernel send SIGNAL to init (which forwards it) when init's parent dies.",
            (options, value) => ParentDeathSignal(options, value!)),
        Verbose,
        new('w', "warn-on-reap", null, "INIT_WARN_ON_REAP",
            "Warn when a zombie that is not the command is reaped.",
            (options, value) => Flag(value, () => options.WarnOnReap = true)),
        new('g', "process-group", null, null,
            "Forward signals to the command's whole process group. Env: TINI_KILL_PROCESS_GROUP.",
            (options, value) => Flag(value, () => options.ForwardToProcessGroup = true)),
        new('e', "expect-exit", "CODE", "INIT_EXPECT_EXIT",
            "Report exit code CODE (0-255, 128+N for a signal death) as 0. Repeatable.",
            (options, value) => ExitCode(options, value!)) { ListSeparator = ',' },
        new('r', "rewrite", "FROM:TO", "INIT_REWRITE",
            "Forward signal FROM as signal TO; TO = 0 drops it. Repeatable. E.g. -r TERM:QUIT, -r 15:3.",
            (options, value) => options.Rewrites.TryAdd(value!)) { ListSeparator = ',' },
        new(null, "also", "'CMD ARG...'", "INIT_ALSO",
            "Run this command too, split into words as a shell would (quotes, backslashes; no expansion). When " +
            "any command exits, the others are stopped as a stop request would stop them. Repeatable; one per line in the variable.",
            (options, value) => AlsoCommand(options, value!)) { ListSeparator = '\n' },
        new(null, "grace-period", "DURATION", "INIT_GRACE_PERIOD",
            "After the command exits: SIGTERM the remaining processes, SIGKILL them after DURATION " +
            "(500ms, 2s, 1.5 = seconds; default 5s; 0 exits at once like tini).",
            (options, value) => Duration(value!, duration => options.GracePeriod = duration)),
        new(null, "stop-delay", "DURATION", "INIT_STOP_DELAY",
            "Hold a SIGTERM to init back for DURATION before forwarding it, while a load balancer drains; " +
            "a second SIGTERM or a SIGINT forwards it at once.",
            (options, value) => Duration(value!, duration => options.StopDelay = duration)),
        new(null, "termination-log", "PATH", "INIT_TERMINATION_LOG",
            "When the command ends abnormally (killed by a signal, or an exit code -e does not name), write why " +
            "to PATH if it exists and is empty (Kubernetes' terminationMessagePath).",
            (options, value) => TerminationLog(options, value!)),
        new('u', "user", "USER[:GROUP]", "INIT_USER",
            "Run the command(s) as USER (and GROUP): names or numbers, resolved from the container's /etc/passwd " +
            "and /etc/group as `docker run --user` resolves them.",
            (options, value) =>
            {
                options.User = value;
                return null;
            }),
        new('P', "pause", null, "INIT_PAUSE",
            "Run no command: only reap, and exit 0 on SIGTERM or SIGINT (a pod's pause process).",
            (options, value) => Flag(value, () => options.Pause = true)),
        License,
        Version,
        Help,
    ];

    public static ParseOutcome Parse(string[] args, Func<string, string?> environment)
    {
        // No input may end in a stack trace: should reading it fail on some input, that is one line and exit 2.
        try
        {
            return Read(args, environment);
        }
        catch (Exception e)
        {
            Log.Error($"cannot read the arguments: {e.Message}".ReplaceLineEndings(" "));
            return new ParseOutcome.Exit(ExitCodes.UsageError);
        }
    }

    private static ParseOutcome Read(string[] args, Func<string, string?> environment)
    {
        var options = new InitOptions();
        var given = new List<GivenOption>();
        if (OptionScanner.Scan(args, Options, given, out int commandStart) is string scanError) return UsageError(scanError);
        foreach (var (option, name, value) in given)
        {
            if (option.Apply(options, value) is string error) return UsageError($"{error} (for {name})");
        }
        if (given.Exists(g => g.Option == Help)) return Print(HelpText.For(Summary, Help, environment));
        if (given.Exists(g => g.Option == Version)) return Print(BuildInfo.VersionLine + "\n");
        if (given.Exists(g => g.Option == License)) return Print(BuildInfo.License + "\n");

        if (EnvironmentSettings.Apply(options, given, environment) is string environmentError) return UsageError(environmentError);
        options.CommandIndex = commandStart;
        options.Command = args[commandStart..];
        if (options.Pause && options.Command.Length > 0) return UsageError($"-P runs no command, but '{options.Command[0]}' was given");
        if (options.Pause && options.User is not null) return UsageError("-P runs no command, but --user gives a user to run it as");
        if (options.Pause && options.AlsoCommands.Count > 0) return UsageError($"-P runs no command, but --also gives '{options.AlsoCommands[0][0]}'");
        if (!options.Pause && options.Command.Length == 0) return UsageError("missing command to run");
        return new ParseOutcome.Run(options);
    }

    /// <summary>One line naming the problem, one with the usage; exit 2.</summary>
    private static ParseOutcome UsageError(string message)
    {
        Log.Error(message.TrimEnd('.').ReplaceLineEndings(" "));
        Log.Raw(UsageLine + "   (see 'init --help')");
        return new ParseOutcome.Exit(ExitCodes.UsageError);
    }

    private static ParseOutcome Print(string text)
    {
        Log.WriteAll(Log.StandardOutput, Encoding.UTF8.GetBytes(text));
        return new ParseOutcome.Exit(0);
    }

    private static string? Nothing(InitOptions options, string? value) => null;

    /// <summary>A flag, or its variable: 1, true, yes or on sets it; 0, false, no or off leaves it unset.</summary>
    private static string? Flag(string? value, Action set)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "1" or "true" or "yes" or "on":
                set();
                return null;
            case "0" or "false" or "no" or "off":
                return null;
            default:
                return $"'{value}' is neither 1, true, yes, on nor 0, false, no, off";
        }
    }

    private static string? ParentDeathSignal(InitOptions options, string value)
    {
        if (!Signal.TryParse(value, allowZero: false, out var signal)) return $"'{value}' is not a signal name or number";
        if (!SignalRoles.CanBeParentDeathSignal(signal)) return $"{signal} cannot be a parent-death signal: the init never receives it";
        options.ParentDeathSignal = signal;
        return null;
    }

    private static string? ExitCode(InitOptions options, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code > 255)
            return $"'{value}' is not an exit code from 0 to 255";
        options.SuccessCodes.Add(code);
        return null;
    }

    private static string? TerminationLog(InitOptions options, string path)
    {
        if (path.Length == 0) return "the termination log's path is empty";
        options.TerminationLog = path;
        return null;
    }

    private static string? AlsoCommand(InitOptions options, string value)
    {
        if (CommandWords.Split(value, out string? problem) is not { } words) return $"{problem} in '{value}'";
        options.AlsoCommands.Add([.. words]);
        return null;
    }

    private static string? Duration(string value, Action<TimeSpan> set)
    {
        if (!Cli.Duration.TryParse(value, out var duration)) return Cli.Duration.Describe(value);
        set(duration);
        return null;
    }
}
