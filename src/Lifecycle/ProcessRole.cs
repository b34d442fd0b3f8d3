using Init.Logging;
using Init.Native;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>The init's place in the process tree: orphans it adopts, and what its parent's death means.</summary>
internal static class ProcessRole
{
    public static bool IsPid1 => getpid() == 1;

    /// <summary>
    /// Orphans are reparented to the nearest subreaper ancestor, else to PID 1 of the namespace. PID 1
    /// gets them anyway; anywhere else (a Kubernetes pod with a shared PID namespace) the init must
    /// register, or its command's orphans escape it and are never reaped by it.
    /// </summary>
    public static void AdoptOrphans()
    {
        if (IsPid1) return;
        if (Prctl.prctl(Prctl.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        {
            Log.Warn("cannot register as child subreaper (" + Errno.Describe(Errno.Last) +
                     "); orphans of the command will not be reaped by init");
            return;
        }
        Log.Debug("registered as child subreaper");
    }

    public static void SetParentDeathSignal(Signal signal)
    {
        if (Prctl.prctl(Prctl.PR_SET_PDEATHSIG, (nuint)signal.Number, 0, 0, 0) != 0)
            throw new InitFailure($"cannot set parent-death signal {signal}: {Errno.Describe(Errno.Last)}");
        Log.Debug($"parent-death signal set to {signal}");
        // A parent that exited before prctl (the init takes milliseconds to get here) never triggers
        // it; the init has been reparented by then, so it acts as if the signal had come.
        int parent = StartupState.ParentPid;
        if (getppid() == parent) return;
        Log.Debug($"parent {parent} exited before the parent-death signal was set; sending {signal} now");
        if (!SignalQueue.SendToSelf(signal.Number, parent))
            throw new InitFailure($"cannot send parent-death signal {signal}: {Errno.Describe(Errno.Last)}");
    }
}
