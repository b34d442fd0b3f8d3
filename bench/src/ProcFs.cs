using System.Text;
using static Bench.Libc;

namespace Bench;

/// <summary>What /proc says about an init, read from outside its PID namespace.</summary>
internal static unsafe class ProcFs
{
    /// <summary>VmRSS of the process, in KiB.</summary>
    public static long RssKiB(int pid) => StatusField($"/proc/{pid}/status", "VmRSS");

    /// <summary>RssAnon: the part of RSS that is the process's own memory, not pages of its binary shared with the page cache.</summary>
    public static long AnonymousKiB(int pid) => StatusField($"/proc/{pid}/status", "RssAnon");

    public static int Threads(int pid) => Directory.GetDirectories($"/proc/{pid}/task").Length;

    /// <summary>
    /// Voluntary plus involuntary context switches of every thread: each is a time the process was
    /// scheduled out, so at rest it counts wake-ups.
    /// </summary>
    public static long ContextSwitches(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task").Sum(task =>
            StatusField($"{task}/status", "voluntary_ctxt_switches") +
            StatusField($"{task}/status", "nonvoluntary_ctxt_switches"));

    /// <summary>The first process found whose parent is <paramref name="parent"/>.</summary>
    /// <remarks>
    /// /proc/PID/task/TID/children would be simpler, but kernels built without CONFIG_PROC_CHILDREN
    /// (this one) lack it; field 4 of /proc/PID/stat is always there.
    /// </remarks>
    public static int? ChildOf(int parent)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            // A process that ended meanwhile has no stat left to read.
            if (int.TryParse(Path.GetFileName(dir), out int pid) && Init.Lifecycle.ProcStat.TryRead(pid, out var stat) &&
                stat.ParentPid == parent)
                return pid;
        }
        return null;
    }

    /// <summary>
    /// How many processes, zombies included, the PID namespace of <paramref name="initPid"/> holds:
    /// the entries of the /proc it mounted (unshare --mount-proc), seen through its root. Counting
    /// directory entries with readdir, without opening any, keeps sampling cheap during a storm.
    /// </summary>
    public static int ProcessesInNamespace(int initPid)
    {
        byte[] path = Encoding.UTF8.GetBytes($"/proc/{initPid}/root/proc\0");
        nint dir;
        fixed (byte* p = path) dir = opendir(p);
        if (dir == 0) throw new IOException($"cannot list the /proc of init {initPid}: {Describe(Errno)}");
        int count = 0;
        for (byte* entry; (entry = readdir(dir)) != null;)
        {
            byte first = entry[DirentNameOffset];
            if (first is >= (byte)'0' and <= (byte)'9') count++;
        }
        closedir(dir);
        return count;
    }

    private static long StatusField(string path, string field)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        }
        throw new InvalidDataException($"{path} has no {field}");
    }
}
