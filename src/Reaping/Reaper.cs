using System;
using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Reaping;

/// <summary>A child that has ended, and how.</summary>
internal readonly record struct ReapedProcess(int Pid, ExitStatus Status);

/// <summary>The init's one way of collecting children that have ended. It reports them; the caller decides what they mean.</summary>
internal sealed unsafe class Reaper(Action<ReapedProcess> onReaped)
{
    private int _loggedErrno;

    /// <summary>
    /// Waits, without blocking, for every ended child until none is left, and reports each as it goes
    /// (an orphan storm leaves no list behind to grow the heap). SIGCHLD coalesces, so one signal may
    /// stand for many exits.
    /// </summary>
    /// <returns>
    /// Whether the init may still have children. A descendant's chain of parents always leads to a
    /// child of the init (orphans are reparented to it), so false means no descendant is left at all.
    /// </returns>
    public bool ReapAll()
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
            int errno = Errno.Last;
            if (errno == EINTR) continue;
            if (errno == ECHILD) return false;
            // Not expected from the kernel; said once, not per SIGCHLD. Children may remain.
            if (errno != _loggedErrno) Log.Warn("wait4: " + Errno.Describe(errno));
            _loggedErrno = errno;
            return true;
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> has ended, reaping whatever else ends first; null if it is not a child.</summary>
    /// <remarks>The last resort when the main loop failed: no signal is forwarded any more, but the status is not lost.</remarks>
    public ExitStatus? WaitFor(int pid)
    {
        while (true)
        {
            int status;
            int reaped = Wait.wait4(-1, &status, 0, null);
            if (reaped == pid) return new ExitStatus(status);
            if (reaped > 0) onReaped(new ReapedProcess(reaped, new ExitStatus(status)));
            else if (Errno.Last != EINTR) return null;
        }
    }
}
