using System;

namespace Init.Signals;

/// <summary>
/// The one place that says which signals the init does not simply forward, and why.
/// Every other signal from 1 to 64 is caught and forwarded to the child.
/// </summary>
internal static class SignalRoles
{
    /// <summary>Left with their disposition and never blocked.</summary>
    private static readonly Signal[] NotCaught =
    [
        // The kernel does not let these be caught or blocked.
        Signal.SIGKILL, Signal.SIGSTOP,
        // The .NET runtime turns these into NullReferenceException and DivideByZeroException;
        // blocked, a real fault would kill the init instead.
        Signal.SIGSEGV, Signal.SIGFPE,
        // Synchronous faults of the init itself: they must keep their default action (tini does the same).
        Signal.SIGBUS, Signal.SIGILL, Signal.SIGABRT, Signal.SIGTRAP, Signal.SIGSYS,
        // glibc reserves 32 (thread cancellation) and 33 (setxid) and silently drops them from any
        // mask; the runtime uses SIGRTMIN (34) to interrupt threads for the GC and unblocks it in every thread.
        new Signal(32), new Signal(33), new Signal(Signal.RealTimeMin),
    ];

    /// <summary>Caught (blocked and read from the signalfd) but not forwarded.</summary>
    private static readonly Signal[] CaughtNotForwarded =
    [
        // A child changed state: the init reaps instead.
        Signal.SIGCHLD,
        // Job-control stops for the init's own terminal I/O; blocking them keeps the init from stopping
        // when it logs to a terminal it does not own (tini ignores them for the same reason).
        Signal.SIGTTIN, Signal.SIGTTOU,
    ];

    /// <summary>Every signal the init blocks in all its threads and reads from its signalfd.</summary>
    public static SignalSet Caught()
    {
        var set = SignalSet.Empty();
        for (int n = 1; n <= Signal.RealTimeMax; n++)
        {
            var signal = new Signal(n);
            if (Array.IndexOf(NotCaught, signal) < 0) set.Add(signal);
        }
        return set;
    }

    /// <summary>A signal the init receives and does not need for itself (CHLD drives reaping).</summary>
    public static bool CanBeRewritten(Signal signal) =>
        signal.Number >= 1 && signal.Number <= Signal.RealTimeMax &&
        Array.IndexOf(NotCaught, signal) < 0 && signal != Signal.SIGCHLD;

    public static string WhyNotRewritable(Signal signal) =>
        signal == Signal.SIGCHLD ? "the init needs it to reap" : "the init never receives it";

    public static bool IsForwarded(Signal signal) =>
        signal.Number >= 1 && signal.Number <= Signal.RealTimeMax &&
        Array.IndexOf(NotCaught, signal) < 0 &&
        Array.IndexOf(CaughtNotForwarded, signal) < 0;
}
