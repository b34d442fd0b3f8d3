using System;
using Init.Native;

namespace Init.Reaping;

/// <summary>A process the init waited for.</summary>
internal readonly record struct ReapedProcess(int Pid, ExitStatus Status);

/// <summary>Collects every child that has ended. It reports them; the caller decides what they mean.</summary>
internal static unsafe class Reaper
{
    /// <summary>
    /// Waits, without blocking, for every ended child until none is left, and reports each to
    /// <paramref name="onReaped"/> as it goes (an orphan storm leaves no list behind to grow the
    /// heap). SIGCHLD coalesces, so one signal may stand for many exits.
    /// </summary>
    /// <returns>
    /// Whether the init still has children. A descendant's chain of parents always leads to a child
    /// of the init (orphans are reparented to it), so false means no descendant is left at all.
    /// </returns>
    public static bool ReapAll(Action<ReapedProcess> onReaped)
    {
        while (true)
        {
            int status;
            int pid = Wait.wait4(-1, &status, Wait.WNOHANG, null);
            if (pid > 0)
            {
                onReaped(new ReapedProcess(pid, new ExitStatus(status)));
                continue;
            }
            if (pid == 0) return true; // children remain, none has ended
            if (Errno.Last == Tmds.Linux.LibC.EINTR) continue;
            return false; // ECHILD
        }
    }
}
