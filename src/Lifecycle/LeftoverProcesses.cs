using Init.Logging;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>The processes still running when the command has ended, which the init is responsible for.</summary>
internal static class LeftoverProcesses
{
    /// <summary>As PID 1: every other process in the namespace. Otherwise: the init's own descendants only.</summary>
    public static void Signal(Signal signal)
    {
        if (ProcessRole.IsPid1)
        {
            // kill(-1) reaches every process of the namespace except the caller, atomically.
            kill(-1, signal.Number);
            Log.Debug($"sent {signal} to every process in the namespace");
            return;
        }
        int count = Descendants.Signal(signal);
        Log.Debug($"sent {signal} to {count} descendant processes");
    }
}
