using System;
using System.IO;

namespace Init.Processes;

/// <summary>
/// The init's memory cgroup (the container's), read for one number: how many processes the kernel's
/// OOM killer has killed in it. The count says that one died, never which one.
/// </summary>
internal sealed class MemoryCgroup
{
    private const string Root = "/sys/fs/cgroup";

    private readonly string _countFile;

    private MemoryCgroup(string countFile) => _countFile = countFile;

    /// <summary>The init's memory cgroup, or null when it has none the init can read.</summary>
    public static MemoryCgroup? OfThisProcess()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // Each line is "ID:CONTROLLERS:PATH". cgroup v1 has a line whose controllers include memory;
        // v2 has the one line "0::PATH", and memory.events in that directory.
        foreach (string line in lines)
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length == 3 && Array.IndexOf(parts[1].Split(','), "memory") >= 0)
                return Existing(Root + "/memory", parts[2], "memory.oom_control");
        }
        foreach (string line in lines)
        {
            if (line.StartsWith("0::", StringComparison.Ordinal)) return Existing(Root, line[3..], "memory.events");
        }
        return null;
    }

    /// <summary>
    /// The file in the cgroup's directory, or in the mount's root: a container that shares the host's
    /// cgroup namespace sees its full path in /proc/self/cgroup but has only its own cgroup mounted.
    /// </summary>
    private static MemoryCgroup? Existing(string mount, string path, string file)
    {
        foreach (string directory in new[] { mount + path.TrimEnd('/'), mount })
        {
            if (File.Exists($"{directory}/{file}")) return new MemoryCgroup($"{directory}/{file}");
        }
        return null;
    }

    /// <summary>The "oom_kill N" line of memory.events (v2) or memory.oom_control (v1); null when it cannot be read.</summary>
    public long? OomKills()
    {
        try
        {
            foreach (string line in File.ReadAllLines(_countFile))
            {
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(9), out long count)) return count;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
