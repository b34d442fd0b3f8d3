using System.Collections.Generic;
using Init.Logging;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>
/// The processes still running when the command has ended, which the init is responsible for: as
/// PID 1, every other process in the namespace; otherwise, its own descendants only.
/// </summary>
internal sealed class LeftoverProcesses
{
    // Pids already sent SIGTERM. A process gets one SIGTERM, never a second one that it might take
    // as "stop now"; a process forked after a sweep is sent its own by the next one.
    private readonly HashSet<int> _terminated = [];

    /// <summary>Sends SIGTERM to every leftover process that has not been sent one yet.</summary>
    public void TerminateNewOnes()
    {
        int count;
        if (ProcessRole.IsPid1)
        {
            count = 0;
            foreach (int pid in Descendants.AllOthersInNamespace())
            {
                if (_terminated.Add(pid) && kill(pid, Signal.SIGTERM.Number) == 0) count++;
            }
        }
        else
        {
            count = Descendants.Signal(Signal.SIGTERM, _terminated);
        }
        if (count > 0) Log.Debug($"sent SIGTERM to {count} processes");
    }

    public static void KillAll()
    {
        if (ProcessRole.IsPid1)
        {
            // kill(-1) reaches every process of the namespace except the caller, atomically.
            kill(-1, Signal.SIGKILL.Number);
            return;
        }
        int count = Descendants.Signal(Signal.SIGKILL, []);
        Log.Debug($"sent SIGKILL to {count} descendant processes");
    }
}
