using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Init.Logging;
using Init.Probe;
using Init.Reaping;
using Init.Signals;
using Init.Spawning;

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

    // No environment twins: a health check is a command line of its own (HEALTHCHECK CMD), so a flag can
    // always be given; and the container's own init reads the same environment, which INIT_PROBE would
    // turn into a one-shot probe. README.md, "Health checks: --probe".
    private static readonly InitOption ProbeOption = new(null, "probe", "URL", null,
        "Run no command: check http://HOST[:PORT][/PATH] (healthy: status 200-399) or tcp://HOST:PORT (healthy: " +
        "it accepts a connection) once, print what was seen, and exit 0 if healthy, 1 if not. HOST: an IP address, " +
        "localhost or a name in /etc/hosts. For HEALTHCHECK in images without curl.",
        (options, value) =>
        {
            options.Probe = ProbeUrl.Parse(value!, out string? error);
            return error;
        });

    private static readonly InitOption ProbeTimeout = new(null, "probe-timeout", "DURATION", null,
        "With --probe: how long the whole check may take (default 10s); past it, unhealthy.",
        (options, value) => Duration(value!, duration => options.ProbeTimeout = duration) ??
                            (options.ProbeTimeout > TimeSpan.Zero ? null : "the probe timeout must be more than 0"));

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
        new(null, "secret", "NAME", "INIT_SECRETS",
            "Give every command NAME with the contents of the file NAME_FILE names, and no NAME_FILE (docker-library's " +
            "file_env); read before anything starts and before --user. Repeatable; comma-separated in the variable.",
            (options, value) => Secret(options, value!)) { ListSeparator = ',' },
        new(null, "rlimit", "NAME=SOFT[:HARD]", "INIT_RLIMIT",
            "Start every command with this resource limit (names as prlimit(1): nofile, nproc, core...; numbers or " +
            "unlimited; no HARD keeps the hard limit); the init keeps its own. Repeatable; comma-separated in the variable.",
            (options, value) => ResourceLimit(options, value!)) { ListSeparator = ',' },
        new('P', "pause", null, "INIT_PAUSE",
            "Run no command: only reap, and exit 0 on SIGTERM or SIGINT (a pod's pause process).",
            (options, value) => Flag(value, () => options.Pause = true)),
        new(null, "reload-on", "PATH", "INIT_RELOAD_ON",
            "When file or directory PATH changes (written, replaced, a file added or removed; a Kubernetes ConfigMap " +
            "or Secret update), send --reload-signal to the command(s), once per burst of changes. Repeatable; one per line in the variable.",
            (options, value) => ReloadOn(options, value!)) { ListSeparator = '\n' },
        new(null, "reload-signal", "SIGNAL", "INIT_RELOAD_SIGNAL",
            "The signal --reload-on sends, as it is (-r does not rewrite it); default SIGHUP.",
            (options, value) => ReloadSignal(options, value!)),
        new(null, "wait-all", null, "INIT_WAIT_ALL",
            "When the command exits, stay until every process it left (a daemon it started) has ended; exit with the " +
            "command's status if it failed, else with the last process's.",
            (options, value) => Flag(value, () => options.WaitAll = true)),
        ProbeOption,
        ProbeTimeout,
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

        options.CommandIndex = commandStart;
        options.Command = args[commandStart..];
        if (options.Probe is not null) return ProbeOnly(options, given);
        if (given.Find(g => g.Option == ProbeTimeout) is { Name: string timeoutName }) return UsageError($"{timeoutName} applies only with --probe");
        if (EnvironmentSettings.Apply(options, given, environment) is string environmentError) return UsageError(environmentError);
        if (options.Pause && options.Command.Length > 0) return UsageError($"-P runs no command, but '{options.Command[0]}' was given");
        if (options.Pause && options.User is not null) return UsageError("-P runs no command, but --user gives a user to run it as");
        if (options.Pause && options.Secrets.Count > 0) return UsageError($"-P runs no command, but --secret gives '{options.Secrets[0]}' to it");
        if (options.Pause && options.Limits.Count > 0) return UsageError($"-P runs no command, but --rlimit gives '{options.Limits[0]}' to it");
        if (options.Pause && options.AlsoCommands.Count > 0) return UsageError($"-P runs no command, but --also gives '{options.AlsoCommands[0][0]}'");
        if (options.Pause && options.ReloadOn.Count > 0) return UsageError("-P runs no command, but --reload-on would signal it");
        if (options.WaitAll && options.Pause) return UsageError("--wait-all waits for what a command leaves, but -P runs none");
        if (options.WaitAll && options.AlsoCommands.Count > 0) return UsageError("--wait-all cannot be combined with --also: the first command to exit stops the others");
        if (!options.Pause && options.Command.Length == 0) return UsageError("missing command to run");
        return new ParseOutcome.Run(options);
    }

    /// <summary>
    /// A probe runs nothing, so no option of a run applies; and the environment is the container's,
    /// whose INIT_* variables are for the container's init: it is not read.
    /// </summary>
    private static ParseOutcome ProbeOnly(InitOptions options, List<GivenOption> given)
    {
        if (options.Command.Length > 0) return UsageError($"--probe runs no command, but '{options.Command[0]}' was given");
        if (given.Find(g => g.Option != ProbeOption && g.Option != ProbeTimeout && g.Option != Verbose) is { Name: string other })
            return UsageError($"--probe runs no command, so {other} does not apply");
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

    /// <summary>A name file_env could take: bash reads the variable it names with ${!NAME}.</summary>
    private static string? Secret(InitOptions options, string name)
    {
        bool valid = name.Length > 0 && !char.IsAsciiDigit(name[0]);
        foreach (char c in name) valid &= char.IsAsciiLetterOrDigit(c) || c == '_';
        if (!valid) return $"'{name}' is not a variable name (letters, digits and '_', not starting with a digit)";
        options.Secrets.Add(name);
        return null;
    }

    /// <summary>Given twice for one NAME, the last wins.</summary>
    private static string? ResourceLimit(InitOptions options, string value)
    {
        if (LimitRequest.Parse(value, out string? problem) is not { } request) return problem;
        options.Limits.RemoveAll(given => given.Resource == request.Resource);
        options.Limits.Add(request);
        return null;
    }

    private static string? ReloadOn(InitOptions options, string path)
    {
        if (path.Length == 0) return "the path to watch is empty";
        options.ReloadOn.Add(path);
        return null;
    }

    private static string? ReloadSignal(InitOptions options, string value)
    {
        if (!Signal.TryParse(value, allowZero: false, out var signal)) return $"'{value}' is not a signal name or number";
        options.ReloadSignal = signal;
        return null;
    }

    private static string? Duration(string value, Action<TimeSpan> set)
    {
        if (!Cli.Duration.TryParse(value, out var duration)) return Cli.Duration.Describe(value);
        set(duration);
        return null;
    }
}
