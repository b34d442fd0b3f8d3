using System;

namespace Init.Signals;

/// <summary>
/// The one place that says which signals the init does not simply forward, and why.
/// Every other signal from 1 to 64 is received and forwarded to the child.
/// </summary>
internal static class SignalRoles
{
    /// <summary>
    /// Never blocked. The twin of this list is `not_blocked` in src/Native/preinit.c, which blocks
    /// everything else before the runtime starts; SignalRolesTests fails when the two differ.
    /// </summary>
    private static readonly Signal[] NotBlocked =
    [
        // The kernel does not let these be caught or blocked.
        Signal.SIGKILL, Signal.SIGSTOP,
        // The .NET runtime turns these into NullReferenceException and DivideByZeroException;
        // blocked, a real fault would kill the init instead.
        Signal.SIGSEGV, Signal.SIGFPE,
        // Synchronous faults of the init itself: they must keep their default action (tini does the same).
        Signal.SIGBUS, Signal.SIGILL, Signal.SIGABRT, Signal.SIGTRAP, Signal.SIGSYS,
        // glibc reserves 32 (thread cancellation) and 33 (setxid) and silently drops them from any mask.
        new Signal(32), new Signal(33),
        // The runtime interrupts its threads with SIGRTMIN for the GC, so no thread may block it; it
        // is received through a handler instead (see SignalReceiver).
        Signal.SIGRTMIN,
    ];

    /// <summary>The signals no thread of the init blocks, as listed here.</summary>
    public static ReadOnlySpan<Signal> NeverBlocked => NotBlocked;

    /// <summary>Received but not forwarded.</summary>
    private static readonly Signal[] ReceivedNotForwarded =
    [
        // A child changed state: the init reaps instead.
        Signal.SIGCHLD,
        // Job-control stops for the init's own terminal I/O; blocking them keeps the init from stopping
        // when it logs to a terminal it does not own (tini ignores them for the same reason).
        Signal.SIGTTIN, Signal.SIGTTOU,
    ];

    /// <summary>Every signal the init blocks in all its threads and reads from its signalfd.</summary>
    public static SignalSet Blocked()
    {
        var set = SignalSet.Empty();
        foreach (var signal in Signal.All)
        {
            if (Array.IndexOf(NotBlocked, signal) < 0) set.Add(signal);
        }
        return set;
    }

    /// <summary>Whether a signal sent to the init reaches its main loop: the blocked ones and SIGRTMIN.</summary>
    public static bool IsReceived(Signal signal) =>
        signal.Number >= 1 && signal.Number <= Signal.RealTimeMax &&
        (Array.IndexOf(NotBlocked, signal) < 0 || signal == Signal.SIGRTMIN);

    /// <summary>A signal the init receives and does not need for itself (CHLD drives reaping).</summary>
    public static bool CanBeRewritten(Signal signal) => IsReceived(signal) && signal != Signal.SIGCHLD;

    public static string WhyNotRewritable(Signal signal) =>
        signal == Signal.SIGCHLD ? "the init needs it to reap" : "the init never receives it";

    public static bool IsForwarded(Signal signal) =>
        IsReceived(signal) && Array.IndexOf(ReceivedNotForwarded, signal) < 0;

    /// <summary>
    /// -p: what the kernel sends when the init's parent dies must reach the init: a signal it
    /// receives, or KILL and STOP, which act on it directly (as with tini).
    /// </summary>
    public static bool CanBeParentDeathSignal(Signal signal) =>
        IsReceived(signal) || signal == Signal.SIGKILL || signal == Signal.SIGSTOP;
}
