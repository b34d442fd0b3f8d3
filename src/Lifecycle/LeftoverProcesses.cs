using System;
using System.Collections.Generic;
using System.IO;
using Init.Logging;
using Init.Native;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>What is still running once the command has ended (see <see cref="Find"/>).</summary>
internal enum Leftovers
{
    None,
    /// <summary>Some are the init's children: their exits arrive as SIGCHLD.</summary>
    Children,
    /// <summary>Only processes that are nobody's child in the namespace (`docker exec`): no SIGCHLD tells of their exit.</summary>
    OthersOnly,
}

/// <summary>
/// The one place that knows which processes the init must stop when the command has ended, and how
/// to signal them: as PID 1, every other process of the namespace, whoever its parent (a `docker
/// exec` process has parent 0 and is nobody's child); otherwise, the init's descendants only.
/// </summary>
internal sealed class LeftoverProcesses
{
    private readonly int _self = getpid();
    private readonly bool _pid1 = ProcessRole.IsPid1;
    private readonly bool _pidfd = PidfdWorks();

    // Processes already sent SIGTERM, by identity: a process gets one SIGTERM, never a second one it
    // might take as "stop now"; a process forked after a sweep, or one that reused the pid of a
    // process that has exited, gets its own from the next sweep.
    private readonly HashSet<(int Pid, ulong StartTime)> _terminated = [];
    private bool _warnedNoProc;
    private int _warnedErrno;

    /// <summary>Sends SIGTERM to every leftover process that has not been sent one yet.</summary>
    public void TerminateNewOnes()
    {
        int count = 0;
        foreach (var process in Find())
        {
            if (_terminated.Add((process.Pid, process.StartTime)) && Send(process, Signal.SIGTERM)) count++;
        }
        if (count > 0) Log.Debug($"sent SIGTERM to {count} processes");
    }

    public void KillAll()
    {
        if (_pid1)
        {
            // kill(-1) reaches every process of the namespace except the caller, atomically.
            kill(-1, Signal.SIGKILL.Number);
            return;
        }
        int count = 0;
        foreach (var process in Find())
        {
            if (Send(process, Signal.SIGKILL)) count++;
        }
        Log.Debug($"sent SIGKILL to {count} descendant processes");
    }

    /// <param name="children">Whether the reaper says the init still has children.</param>
    public Leftovers Remaining(bool children)
    {
        if (children) return Leftovers.Children;
        // Not PID 1: every descendant leads back to a child of the init, so no child means none left.
        if (!_pid1) return Leftovers.None;
        if (kill(-1, 0) != 0 && Errno.Last == ESRCH) return Leftovers.None;
        foreach (var process in Find())
        {
            if (!process.IsZombie) return Leftovers.OthersOnly; // a zombie waits for a parent outside, not for the init
        }
        return Leftovers.None;
    }

    /// <summary>As PID 1: every other process of the namespace. Otherwise: the descendants, parents before children.</summary>
    private IEnumerable<ProcStat> Find()
    {
        if (_pid1)
        {
            foreach (var process in AllProcesses())
            {
                if (process.Pid != _self) yield return process;
            }
            yield break;
        }
        // The init is a child subreaper, so every orphan below it is reparented to it: its
        // descendants are exactly the processes whose chain of parents leads to it.
        Func<int, IEnumerable<ProcStat>> childrenOf = ChildrenFromKernel;
        if (!HasChildrenFiles())
        {
            var byParent = ChildrenByParent();
            childrenOf = parent => byParent.TryGetValue(parent, out var list) ? list : [];
        }
        var pending = new Queue<int>();
        pending.Enqueue(_self);
        while (pending.TryDequeue(out int parent))
        {
            foreach (var child in childrenOf(parent))
            {
                yield return child;
                pending.Enqueue(child.Pid);
            }
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
        if (errno != ESRCH && errno != _warnedErrno)
        {
            Log.Warn($"cannot send {signal} to process {target.Pid}: {Errno.Describe(errno)}");
            _warnedErrno = errno;
        }
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

    private IEnumerable<ProcStat> AllProcesses()
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_warnedNoProc) Log.Warn("cannot list /proc; leftover processes are not signalled");
            _warnedNoProc = true;
            yield break;
        }
        foreach (string entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), out int pid) && ProcStat.TryRead(pid, out var process))
                yield return process;
        }
    }

    // /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN) lists a thread's children directly: the
    // walk then costs the descendants, not every process of the host. It can miss a child that is
    // being reparented at that moment; the next sweep finds it.
    private bool HasChildrenFiles() => File.Exists($"/proc/{_self}/task/{_self}/children");

    private static IEnumerable<ProcStat> ChildrenFromKernel(int pid)
    {
        var children = new List<ProcStat>();
        try
        {
            foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                foreach (string child in File.ReadAllText(task + "/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (ProcStat.TryRead(int.Parse(child), out var process)) children.Add(process);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process exited meanwhile: it has no children left to find
        }
        return children;
    }

    private Dictionary<int, List<ProcStat>> ChildrenByParent()
    {
        var children = new Dictionary<int, List<ProcStat>>();
        foreach (var process in AllProcesses())
        {
            if (!children.TryGetValue(process.ParentPid, out var list)) children[process.ParentPid] = list = [];
            list.Add(process);
        }
        return children;
    }
}
