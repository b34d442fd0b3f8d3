using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Reaping;

/// <summary>How a process ended, decoded from a wait status.</summary>
internal readonly record struct ExitStatus(int RawWaitStatus)
{
    public bool Exited => (RawWaitStatus & 0x7f) == 0;

    public bool Signaled => !Exited && ((RawWaitStatus & 0x7f) != 0x7f) && ((RawWaitStatus & 0xffff) != 0xffff);

    /// <summary>The exit code, when <see cref="Exited"/>.</summary>
    public int Code => (RawWaitStatus >> 8) & 0xff;

    /// <summary>The signal that killed it, when <see cref="Signaled"/>.</summary>
    public int TermSignal => RawWaitStatus & 0x7f;

    /// <summary>WCOREDUMP: the kernel wrote a core dump as the signal killed it.</summary>
    public bool CoreDumped => Signaled && (RawWaitStatus & 0x80) != 0;

    /// <summary>What a shell reports: the exit code, or 128 + the signal number.</summary>
    public int ShellCode => Signaled ? 128 + TermSignal : Code;

    public override string ToString() =>
        Signaled ? Text.Format($"killed by {new Signals.Signal(TermSignal)}{(CoreDumped ? " (core dumped)" : "")}") : Text.Format($"exited with {Code}");
}

/// <summary>A child that has ended, and how.</summary>
internal readonly record struct ReapedProcess(int Pid, ExitStatus Status);

/// <summary>What one look for an ended child found.</summary>
internal enum Reaped
{
    /// <summary>A child had ended; it is collected now.</summary>
    One,
    /// <summary>Children remain, and none of them has ended.</summary>
    NoneEnded,
    /// <summary>The init has no children at all. Orphans are reparented to it, so no descendant is left either.</summary>
    NoChildren,
}

/// <summary>The init's one way of collecting children that have ended. It reports them; the caller decides what they mean.</summary>
internal sealed unsafe class Reaper
{
    private int _loggedErrno;

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
            if (errno != _loggedErrno) Log.Warn("wait4: " + Errno.Describe(errno));
            _loggedErrno = errno;
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
