using System;
using System.Text;
using Init.Files;
using static Tmds.Linux.LibC;

namespace Init.Processes;

/// <summary>
/// The init's memory cgroup (the container's), read for one number: how many processes the kernel's
/// OOM killer has killed in it. The count says that one died, never which one.
/// </summary>
/// <remarks>
/// Read at every start and once more when the command has ended, so the bytes are parsed as they
/// are: File.ReadAllLines allocated a FileStream, its buffer and a string per line (26 KB before
/// the main loop) and took a flock on each file.
/// </remarks>
internal sealed unsafe class MemoryCgroup
{
    private const string Root = "/sys/fs/cgroup";

    // /proc/self/cgroup has a line per v1 hierarchy (about a dozen) with the container's path in each;
    // memory.events and memory.oom_control are a few short lines.
    private const int CgroupListLimit = 64 * 1024;
    private const int CountFileLimit = 4096;

    private readonly string _countFile;

    private MemoryCgroup(string countFile) => _countFile = countFile;

    /// <summary>The init's memory cgroup, or null when it has none the init can read.</summary>
    public static MemoryCgroup? OfThisProcess()
    {
        if (!RegularFile.TryRead("/proc/self/cgroup", CgroupListLimit, out byte[]? bytes, out _)) return null;
        ReadOnlySpan<byte> lines = bytes;
        // Each line is "ID:CONTROLLERS:PATH". cgroup v1 has a line whose controllers include memory;
        // v2 has the one line "0::PATH", and memory.events in that directory.
        foreach (Range range in lines.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = lines[range];
            int first = line.IndexOf((byte)':');
            int second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)':');
            if (second < 0) continue;
            ReadOnlySpan<byte> controllers = line.Slice(first + 1, second);
            foreach (Range controller in controllers.Split((byte)','))
            {
                if (controllers[controller].SequenceEqual("memory"u8))
                    return Existing(Root + "/memory", line[(first + second + 2)..], "memory.oom_control");
            }
        }
        foreach (Range range in lines.Split((byte)'\n'))
        {
            if (lines[range].StartsWith("0::"u8)) return Existing(Root, lines[range][3..], "memory.events");
        }
        return null;
    }

    /// <summary>
    /// The file in the cgroup's directory, or in the mount's root: a container that shares the host's
    /// cgroup namespace sees its full path in /proc/self/cgroup but has only its own cgroup mounted.
    /// </summary>
    private static MemoryCgroup? Existing(string mount, ReadOnlySpan<byte> path, string file)
    {
        foreach (string directory in new[] { mount + Encoding.UTF8.GetString(path).TrimEnd('/'), mount })
        {
            string candidate = $"{directory}/{file}";
            byte[] name = Encoding.UTF8.GetBytes(candidate + "\0");
            fixed (byte* p = name)
            {
                if (access(p, F_OK) == 0) return new MemoryCgroup(candidate);
            }
        }
        return null;
    }

    /// <summary>The "oom_kill N" line of memory.events (v2) or memory.oom_control (v1); null when it cannot be read.</summary>
    public long? OomKills()
    {
        if (!RegularFile.TryRead(_countFile, CountFileLimit, out byte[]? bytes, out _)) return null;
        ReadOnlySpan<byte> lines = bytes;
        foreach (Range range in lines.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = lines[range];
            if (line.StartsWith("oom_kill "u8) && long.TryParse(line[9..], out long count)) return count;
        }
        return null;
    }
}
