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

    /// <summary>The first child of <paramref name="parent"/>, from the kernel's list of its main thread's children.</summary>
    public static int? ChildOf(int parent)
    {
        string[] children = File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0]) : null;
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
