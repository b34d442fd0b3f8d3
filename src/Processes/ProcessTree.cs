using System;
using System.Collections.Generic;
using System.IO;
using Init.Logging;

namespace Init.Processes;

/// <summary>The processes /proc shows: every one of the PID namespace, or the descendants of one.</summary>
internal sealed class ProcessTree
{
    private WarnOnce _noProc;

    /// <summary>Every process of the namespace (of the mounted /proc), the init included.</summary>
    public IEnumerable<ProcStat> All()
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_noProc.IsFirst()) Log.Warn("cannot list /proc; leftover processes are not signalled");
            yield break;
        }
        foreach (string entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), out int pid) && ProcStat.TryRead(pid, out var process))
                yield return process;
        }
    }

    /// <summary>The descendants of <paramref name="ancestor"/>, parents before children.</summary>
    public IEnumerable<ProcStat> DescendantsOf(int ancestor)
    {
        Func<int, IEnumerable<ProcStat>> childrenOf = ChildrenFromKernel;
        if (!File.Exists($"/proc/{ancestor}/task/{ancestor}/children"))
        {
            var byParent = ChildrenByParent();
            childrenOf = parent => byParent.TryGetValue(parent, out var list) ? list : [];
        }
        var pending = new Queue<int>();
        pending.Enqueue(ancestor);
        while (pending.TryDequeue(out int parent))
        {
            foreach (var child in childrenOf(parent))
            {
                yield return child;
                pending.Enqueue(child.Pid);
            }
        }
    }

    // /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN) lists a thread's children directly: the
    // walk then costs the descendants, not every process of the host. It can miss a child that is
    // being reparented at that moment; the next sweep finds it.
    private static List<ProcStat> ChildrenFromKernel(int pid)
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
        foreach (var process in All())
        {
            if (!children.TryGetValue(process.ParentPid, out var list)) children[process.ParentPid] = list = [];
            list.Add(process);
        }
        return children;
    }
}
