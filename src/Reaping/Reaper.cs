using System.Collections.Generic;
using Init.Native;

namespace Init.Reaping;

/// <summary>A process the init waited for.</summary>
internal readonly record struct ReapedProcess(int Pid, ExitStatus Status);

/// <summary>Collects every child that has ended. It reports them; the caller decides what they mean.</summary>
internal static unsafe class Reaper
{
    /// <summary>
    /// Waits, without blocking, for every ended child until none is left, and adds each to
    /// <paramref name="reaped"/>. SIGCHLD coalesces, so one signal may stand for many exits.
    /// </summary>
    public static void ReapAll(List<ReapedProcess> reaped)
    {
        while (true)
        {
            int status;
            int pid = Wait.wait4(-1, &status, Wait.WNOHANG, null);
            if (pid > 0)
            {
                reaped.Add(new ReapedProcess(pid, new ExitStatus(status)));
                continue;
            }
            if (pid < 0 && Errno.Last == Tmds.Linux.LibC.EINTR) continue;
            return; // 0: children remain but none has ended; ECHILD: no children at all
        }
    }
}
