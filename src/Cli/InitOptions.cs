using System;
using System.Collections.Generic;
using Init.Logging;
using Init.Signals;

namespace Init.Cli;

/// <summary>What the command line and the environment asked for.</summary>
internal sealed record InitOptions
{
    /// <summary>The command and its arguments, as .NET decoded them (for messages); empty with -P.</summary>
    public required string[] Command { get; init; }

    /// <summary>Where the command starts in the init's own arguments.</summary>
    public required int CommandIndex { get; init; }

    /// <summary>-s / TINI_SUBREAPER. Registering is automatic when not PID 1; this only makes it explicit.</summary>
    public bool Subreaper { get; init; }

    /// <summary>-p: the signal the kernel sends the init when its parent dies.</summary>
    public Signal? ParentDeathSignal { get; init; }

    public int Verbosity { get; init; } = Log.Warnings;

    /// <summary>-w: warn when a process other than the child is reaped.</summary>
    public bool WarnOnReap { get; init; }

    /// <summary>-g / TINI_KILL_PROCESS_GROUP: forward to the child's whole process group.</summary>
    public bool ForwardToProcessGroup { get; init; }

    /// <summary>-e: exit codes (after the 128+N mapping) reported as 0.</summary>
    public IReadOnlySet<int> SuccessCodes { get; init; } = new HashSet<int>();

    /// <summary>--grace-period / INIT_GRACE_PERIOD: how long leftover processes get between SIGTERM and SIGKILL.</summary>
    public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>--stop-delay / INIT_STOP_DELAY: how long a SIGTERM is held back before it is forwarded; null (or zero) forwards at once.</summary>
    public TimeSpan? StopDelay { get; init; }

    /// <summary>-r FROM:TO.</summary>
    public SignalRewrites Rewrites { get; init; } = SignalRewrites.None;

    /// <summary>-u / --user / INIT_USER: USER[:GROUP] the command runs as; null runs it as the init runs.</summary>
    public string? User { get; init; }

    /// <summary>-P: run no command; reap until SIGTERM or SIGINT.</summary>
    public bool Pause { get; init; }
}
