using System;
using System.Collections.Generic;
using Init.Logging;
using Init.Signals;

namespace Init.Cli;

/// <summary>What the command line and the environment asked for; filled in by <see cref="CommandLine"/>.</summary>
internal sealed class InitOptions
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>The command and its arguments, as .NET decoded them (for messages); empty with -P.</summary>
    public string[] Command { get; set; } = [];

    /// <summary>Where the command starts in the init's own arguments.</summary>
    public int CommandIndex { get; set; }

    /// <summary>-s / TINI_SUBREAPER. Registering is automatic when not PID 1; this only makes it explicit.</summary>
    public bool Subreaper { get; set; }

    /// <summary>-p: the signal the kernel sends the init when its parent dies.</summary>
    public Signal? ParentDeathSignal { get; set; }

    /// <summary>0 = errors only, 1 = warnings (default), 2 = -v, 3 = -vv, 4 = -vvv.</summary>
    public int Verbosity { get; set; } = Log.Warnings;

    /// <summary>-w: warn when a process other than the command is reaped.</summary>
    public bool WarnOnReap { get; set; }

    /// <summary>-g / TINI_KILL_PROCESS_GROUP: forward to the command's whole process group.</summary>
    public bool ForwardToProcessGroup { get; set; }

    /// <summary>-e: exit codes (after the 128+N mapping) reported as 0.</summary>
    public HashSet<int> SuccessCodes { get; } = [];

    /// <summary>--grace-period: how long leftover processes get between SIGTERM and SIGKILL.</summary>
    public TimeSpan GracePeriod { get; set; } = DefaultGracePeriod;

    /// <summary>--stop-delay: how long a SIGTERM is held back before it is forwarded; null (or zero) forwards at once.</summary>
    public TimeSpan? StopDelay { get; set; }

    /// <summary>--termination-log: the file (Kubernetes' terminationMessagePath) that gets the reason the command ended abnormally.</summary>
    public string? TerminationLog { get; set; }

    /// <summary>-r FROM:TO.</summary>
    public SignalRewrites Rewrites { get; } = new();

    /// <summary>--also: more commands, each as its words; the first to exit stops the others.</summary>
    public List<string[]> AlsoCommands { get; } = [];

    /// <summary>-u / --user / INIT_USER: USER[:GROUP] the command runs as; null runs it as the init runs.</summary>
    public string? User { get; set; }

    /// <summary>-P: run no command; reap until SIGTERM or SIGINT.</summary>
    public bool Pause { get; set; }
}

