using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Init.Tests.Harness;

/// <summary>What /proc says about processes, as the tests observe them from outside.</summary>
public static class ProcFs
{
    /// <summary>A field of /proc/PID/status ("State", "PPid", "SigBlk", ...), or null if the process is gone.</summary>
    public static string? Status(int pid, string field, int? tid = null)
    {
        string path = tid is null ? $"/proc/{pid}/status" : $"/proc/{pid}/task/{tid}/status";
        try
        {
            foreach (string line in File.ReadAllLines(path))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..].Trim();
            }
        }
        catch (IOException) { }
        return null;
    }

    /// <summary>The process's threads; none once it is gone (it may exit while the test looks).</summary>
    public static IReadOnlyList<int> Threads(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task").Select(d => int.Parse(Path.GetFileName(d))).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    public static IReadOnlyList<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (int tid in Threads(pid))
        {
            try
            {
                string text = File.ReadAllText($"/proc/{pid}/task/{tid}/children");
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException) { }
        }
        return children;
    }

    /// <summary>Processes whose parent is <paramref name="parent"/> and that are zombies.</summary>
    public static IReadOnlyList<int> ZombieChildren(int parent) =>
        Children(parent).Where(child => Status(child, "State")?.StartsWith('Z') == true).ToList();

    public static IEnumerable<int> Descendants(int pid)
    {
        foreach (int child in Children(pid))
        {
            yield return child;
            foreach (int grandchild in Descendants(child)) yield return grandchild;
        }
    }

    /// <summary>Voluntary plus involuntary context switches of every thread of the process.</summary>
    public static long ContextSwitches(int pid) =>
        Threads(pid).Sum(tid =>
            long.Parse(Status(pid, "voluntary_ctxt_switches", tid) ?? "0") +
            long.Parse(Status(pid, "nonvoluntary_ctxt_switches", tid) ?? "0"));

    /// <summary>
    /// Waits until the process goes half a second without a context switch, its start-up over, and
    /// returns its count then: a fixed wait is too short on a loaded machine, and a process that
    /// never goes quiet (a timer or a poll at shorter intervals) fails here.
    /// </summary>
    public static long ContextSwitchesOnceQuiet(int pid)
    {
        long count = ContextSwitches(pid);
        Eventually.Until(() =>
        {
            long settled = count;
            System.Threading.Thread.Sleep(500);
            return (count = ContextSwitches(pid)) == settled;
        }, () => $"process {pid} never went half a second without a context switch");
        return count;
    }

    /// <summary>Whether signal <paramref name="signal"/> is set in a hex mask such as SigBlk.</summary>
    public static bool MaskHas(string hexMask, int signal) =>
        ((Convert.ToUInt64(hexMask, 16) >> (signal - 1)) & 1) == 1;
}
