using System;
using System.Runtime.CompilerServices;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>
/// Blocks a set of signals in every thread of the process, not only the calling one.
/// </summary>
/// <remarks>
/// A process-directed signal goes to any thread that does not block it. NativeAOT starts a finalizer
/// thread with an empty mask before Main; a signal the kernel hands to it meets the default
/// disposition and is dropped (PID 1) or kills the init (any other PID). A thread's mask can only be
/// changed by that thread, so the finalizer thread is made to block the set itself, by running a
/// finalizer. Threads created later inherit the mask of their creator, which is then blocked too;
/// concurrent GC is off in Init.csproj so no background GC thread appears.
/// </remarks>
internal static unsafe class ThreadSignalMasks
{
    private static sigset_t s_finalizerSet;
    private static volatile bool s_finalizerBlocked;

    /// <summary>Blocks <paramref name="set"/> everywhere; returns the calling thread's mask from before.</summary>
    public static SignalSet BlockEverywhere(SignalSet set)
    {
        sigset_t raw = set.Raw;
        sigset_t previous;
        pthread_sigmask(SIG_BLOCK, &raw, &previous);

        s_finalizerSet = raw;
        for (int attempt = 0; attempt < 3 && !s_finalizerBlocked; attempt++)
        {
            LeaveGarbageWithFinalizer();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        if (!s_finalizerBlocked)
            Logging.Log.Warn("could not block signals in the runtime's finalizer thread; signals may be lost");

        return new SignalSet { Raw = previous };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveGarbageWithFinalizer() => _ = new FinalizerThreadMask();

    private sealed class FinalizerThreadMask
    {
        ~FinalizerThreadMask()
        {
            sigset_t set = s_finalizerSet;
            if (pthread_sigmask(SIG_BLOCK, &set, null) == 0) s_finalizerBlocked = true;
        }
    }
}
