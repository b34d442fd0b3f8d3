using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Reaping;

/// <summary>The init's one way of collecting children that have ended. It reports them; the caller decides what they mean.</summary>
internal sealed unsafe class Reaper
{
    private WarnOnce _waitFailure;

    /// <summary>Collects one ended child, if there is one, without blocking. SIGCHLD coalesces, so call until it says none.</summary>
    public Reaped Next(out ReapedProcess process)
    {
        process = default;
        while (true)
        {
            int status;
            int pid = Wait.wait4(-1, &status, Wait.WNOHANG, null);
            if (pid > 0)
            {
                process = new ReapedProcess(pid, new ExitStatus(status));
                return Reaped.One;
            }
            if (pid == 0) return Reaped.NoneEnded;
            int errno = Errno.Last;
            if (errno == EINTR) continue;
            if (errno == ECHILD) return Reaped.NoChildren;
            // Not expected from the kernel; said once, not per SIGCHLD. Children may remain.
            if (_waitFailure.IsNew(errno)) Log.Warn("wait4: " + Errno.Describe(errno));
            return Reaped.NoneEnded;
        }
    }

    /// <summary>Blocks until one of <paramref name="pids"/> has ended, collecting whatever else ends first; null if none is a child.</summary>
    /// <remarks>The last resort when the main loop failed: no signal is forwarded any more, but the status is not lost.</remarks>
    public static ReapedProcess? WaitForAny(System.Collections.Generic.List<int> pids)
    {
        while (pids.Count > 0)
        {
            int status;
            int reaped = Wait.wait4(-1, &status, 0, null);
            if (pids.Contains(reaped)) return new ReapedProcess(reaped, new ExitStatus(status));
            if (reaped < 0 && Errno.Last != EINTR) return null;
        }
        return null;
    }
}
