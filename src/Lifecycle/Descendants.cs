using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Init.Native;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>
/// Signals the init's descendants and nobody else: the processes under it in /proc, each signalled
/// through a pidfd after its parent is checked again, so a pid reused since the scan is left alone.
/// </summary>
/// <remarks>
/// The init is PID 1 or a child subreaper, so every orphan below it is reparented to it and its
/// descendants are exactly the processes whose chain of parents leads to it.
/// </remarks>
internal static class Descendants
{
    /// <summary>
    /// Sends <paramref name="signal"/> to every descendant whose pid is not in <paramref name="skip"/>
    /// (parents before children); adds each one signalled to <paramref name="skip"/>.
    /// </summary>
    /// <returns>How many processes were signalled.</returns>
    public static int Signal(Signal signal, HashSet<int> skip)
    {
        Func<int, IEnumerable<int>> childrenOf = HasChildrenFiles() ? ChildrenFromKernel : ChildrenByParent().GetChildren;
        int signalled = 0;
        var pending = new Queue<int>();
        pending.Enqueue(getpid());
        while (pending.TryDequeue(out int parent))
        {
            foreach (int child in childrenOf(parent))
            {
                if (!skip.Contains(child) && SignalIfChildOf(child, parent, signal))
                {
                    skip.Add(child);
                    signalled++;
                }
                pending.Enqueue(child);
            }
        }
        return signalled;
    }

    /// <summary>Every process of the init's PID namespace but the init itself (for PID 1).</summary>
    public static IEnumerable<int> AllOthersInNamespace()
    {
        int self = getpid();
        foreach (int pid in ChildrenByParent().Values.SelectMany(list => list))
        {
            if (pid != self) yield return pid;
        }
    }

    private static bool SignalIfChildOf(int pid, int parent, Signal signal)
    {
        int pidfd = Pidfd.Open(pid);
        if (pidfd < 0 && Errno.Last != ENOSYS) return false; // gone already
        try
        {
            // Checked after the pidfd is open: if the process it names has exited meanwhile, the
            // signal below fails; if pid now belongs to another child of the same parent, that one
            // is a descendant too.
            if (ParentOf(pid) != parent) return false;
            return pidfd >= 0 ? Pidfd.SendSignal(pidfd, signal.Number) == 0 : kill(pid, signal.Number) == 0;
        }
        finally
        {
            if (pidfd >= 0) close(pidfd);
        }
    }

    // /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN) lists a thread's children directly: the
    // walk then costs the descendants, not every process of the host. It can miss a child that is
    // being reparented at that moment; the next sweep finds it.
    private static bool HasChildrenFiles() => File.Exists($"/proc/{getpid()}/task/{getpid()}/children");

    private static IEnumerable<int> ChildrenFromKernel(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                foreach (string child in File.ReadAllText(task + "/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    children.Add(int.Parse(child));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process exited meanwhile: it has no children left to find
        }
        return children;
    }

    private static IEnumerable<int> GetChildren(this Dictionary<int, List<int>> children, int parent) =>
        children.TryGetValue(parent, out var list) ? list : [];

    private static Dictionary<int, List<int>> ChildrenByParent()
    {
        var children = new Dictionary<int, List<int>>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Logging.Log.Warn("cannot list /proc; leftover processes are not signalled");
            return children;
        }
        foreach (string entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), out int pid)) continue;
            int parent = ParentOf(pid);
            if (parent <= 0) continue;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(pid);
        }
        return children;
    }

    /// <summary>The fourth field of /proc/PID/stat, after the command name in parentheses (which may hold anything).</summary>
    private static int ParentOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
        var fields = stat.AsSpan(stat.LastIndexOf(')') + 2); // "S PPID ..."
        fields = fields[(fields.IndexOf(' ') + 1)..];
        return int.TryParse(fields[..fields.IndexOf(' ')], out int parent) ? parent : -1;
    }
}
