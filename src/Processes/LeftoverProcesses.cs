using System;
using System.Collections.Generic;
using Init.Lifecycle;
using Init.Logging;
using Init.Native;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Processes;

/// <summary>
/// The one place that knows which processes the init must stop, and how to signal them: as PID 1,
/// every other process of the namespace, whoever its parent (a `docker exec` process has parent 0 and
/// is nobody's child); otherwise, the init's descendants only. At the stop request, those that are
/// not the command's; once the command has ended, all of them.
/// </summary>
internal sealed class LeftoverProcesses
{
    private const int NamedInALine = 10;

    private readonly int _self = getpid();
    private readonly bool _pid1 = ProcessRole.IsPid1;
    private readonly bool _pidfd = PidfdWorks();
    private readonly ProcessTree _processes = new();

    // Processes already sent SIGTERM, by identity: a process gets one SIGTERM, never a second one it
    // might take as "stop now"; a process forked after a sweep, or one that reused the pid of a
    // process that has exited, gets its own from the next sweep.
    private readonly HashSet<(int Pid, ulong StartTime)> _terminated = [];
    private WarnOnce _refused;

    /// <summary>
    /// At the stop request: SIGTERM to every process the init is responsible for that is neither one
    /// of the commands nor below one. The command's descendants are the command's to stop (a database stops
    /// its own workers); an orphan the init adopted, or a process started from outside, has nobody else.
    /// </summary>
    /// <returns>The processes sent SIGTERM.</returns>
    public List<ProcStat> TerminateOthersThan(List<int> commandPids)
    {
        // Found before the command's descendants: the command answers the SIGTERM just forwarded,
        // often by forking, and a child forked after its descendants were listed must not look like
        // a stranger. One forked after this list is in neither, and is left alone.
        var candidates = new List<ProcStat>(Find());
        var commands = new HashSet<int>(commandPids);
        foreach (int command in commandPids)
        {
            foreach (var process in _processes.DescendantsOf(command)) commands.Add(process.Pid);
        }
        return Terminate(candidates.FindAll(process => !commands.Contains(process.Pid)));
    }

    /// <summary>Sends SIGTERM to every leftover process that has not been sent one yet.</summary>
    /// <returns>The processes sent SIGTERM now.</returns>
    public List<ProcStat> TerminateNewOnes() => Terminate(Find());

    /// <summary>
    /// SIGTERM, once per process; and SIGHUP to one that has a controlling terminal: an interactive
    /// shell (`docker exec -it`, `kubectl exec -it`) ignores SIGTERM and ends when its terminal hangs
    /// up, as it does when the session's connection goes away (systemd's SendSIGHUP= does the same).
    /// </summary>
    private List<ProcStat> Terminate(IEnumerable<ProcStat> processes)
    {
        var sent = new List<ProcStat>();
        foreach (var process in processes)
        {
            if (process.IsZombie || !_terminated.Add((process.Pid, process.StartTime)) || !Send(process, Signal.SIGTERM)) continue;
            sent.Add(process);
            if (process.HasTerminal) Send(process, Signal.SIGHUP);
        }
        return sent;
    }

    /// <summary>SIGKILL to every leftover process.</summary>
    /// <returns>The processes that were alive to be killed (as PID 1, seen just before kill(-1)).</returns>
    public List<ProcStat> KillAll()
    {
        var alive = new List<ProcStat>();
        if (_pid1)
        {
            foreach (var process in Find())
            {
                if (!process.IsZombie) alive.Add(process);
            }
            // kill(-1) reaches every process of the namespace except the caller, atomically.
            kill(-1, Signal.SIGKILL.Number);
            return alive;
        }
        foreach (var process in Find())
        {
            if (Send(process, Signal.SIGKILL) && !process.IsZombie) alive.Add(process);
        }
        return alive;
    }

    /// <summary>"12 (worker), 13 (sh)", the first ten, then "and N more": one line, however many there are.</summary>
    public static string Describe(List<ProcStat> processes)
    {
        string named = string.Join(", ", processes.GetRange(0, Math.Min(processes.Count, NamedInALine)));
        return processes.Count > NamedInALine ? $"{named} and {processes.Count - NamedInALine} more" : named;
    }

    /// <summary>
    /// Whether processes that are not the init's children are still running: as PID 1, those started
    /// from outside (`docker exec`), which no SIGCHLD announces. Not PID 1, every descendant leads back
    /// to a child of the init, so there are none.
    /// </summary>
    public bool OthersRemain()
    {
        if (!_pid1) return false;
        if (kill(-1, 0) != 0 && Errno.Last == ESRCH) return false;
        foreach (var process in Find())
        {
            if (!process.IsZombie) return true; // a zombie waits for a parent outside, not for the init
        }
        return false;
    }

    /// <summary>As PID 1: every other process of the namespace. Otherwise: the descendants, parents before children.</summary>
    private IEnumerable<ProcStat> Find()
    {
        // The init is a child subreaper, so every orphan below it is reparented to it: its
        // descendants are exactly the processes whose chain of parents leads to it.
        if (!_pid1) return _processes.DescendantsOf(_self);
        return OthersThanSelf(_processes.All());
    }

    private IEnumerable<ProcStat> OthersThanSelf(IEnumerable<ProcStat> processes)
    {
        foreach (var process in processes)
        {
            if (process.Pid != _self) yield return process;
        }
    }

    /// <summary>Signals the process <paramref name="target"/> names, and no other that has its pid by now.</summary>
    private bool Send(ProcStat target, Signal signal)
    {
        int pidfd = _pidfd ? Pidfd.Open(target.Pid) : -1;
        if (pidfd < 0 && _pidfd && Errno.Last == ESRCH) return false; // gone; any other refusal: by pid below
        try
        {
            // After the pidfd is open, the start time proves it names the process that was found. Without
            // pidfd support, the pid could be reused between this check and kill(): a window of
            // microseconds against a pid space that must wrap around first.
            if (!ProcStat.TryRead(target.Pid, out var now) || now.StartTime != target.StartTime) return false;
            int result = pidfd >= 0 ? Pidfd.SendSignal(pidfd, signal.Number) : kill(target.Pid, signal.Number);
            return result == 0 || Failed(target, signal, Errno.Last);
        }
        finally
        {
            if (pidfd >= 0) close(pidfd);
        }
    }

    /// <summary>Only ESRCH means the process is gone; any other refusal is worth a warning (once).</summary>
    private bool Failed(ProcStat target, Signal signal, int errno)
    {
        if (errno != ESRCH && _refused.IsNew(errno)) Log.Warn($"cannot send {signal} to process {target.Pid}: {Errno.Describe(errno)}");
        return false;
    }

    /// <summary>
    /// Probed once, as Go's os package does: a seccomp profile or an old kernel may refuse pidfd_open
    /// or pidfd_send_signal (EPERM, ENOSYS); then signals go by pid, after the start time is checked.
    /// </summary>
    private static bool PidfdWorks()
    {
        int pidfd = Pidfd.Open(getpid());
        if (pidfd < 0)
        {
            Log.Debug("pidfd_open: " + Errno.Describe(Errno.Last) + "; signalling leftovers by pid");
            return false;
        }
        bool works = Pidfd.SendSignal(pidfd, 0) == 0;
        if (!works) Log.Debug("pidfd_send_signal: " + Errno.Describe(Errno.Last) + "; signalling leftovers by pid");
        close(pidfd);
        return works;
    }
}
