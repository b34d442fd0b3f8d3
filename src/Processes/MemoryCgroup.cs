using System;
using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Processes;

/// <summary>
/// The init's memory cgroup (the container's), read for one number: how many processes the kernel's
/// OOM killer has killed in it. The count says that one died, never which one.
/// </summary>
/// <remarks>
/// Read at every start and once more when the command has ended, so each read is one open and one
/// read into a buffer on the stack: File.ReadAllLines would allocate a FileStream, a buffer and a
/// string per line (26 KB before the main loop) and take a flock on each file.
/// </remarks>
internal sealed unsafe class MemoryCgroup
{
    private const string Root = "/sys/fs/cgroup";

    // /proc/self/cgroup has a line per v1 hierarchy (about a dozen) with the container's path in each;
    // memory.events and memory.oom_control are a few short lines.
    private const int CgroupListBytes = 16 * 1024;
    private const int CountFileBytes = 1024;

    private readonly byte[] _countFile; // NUL-terminated

    private MemoryCgroup(byte[] countFile) => _countFile = countFile;

    /// <summary>The init's memory cgroup, or null when it has none the init can read.</summary>
    public static MemoryCgroup? OfThisProcess()
    {
        Span<byte> buffer = stackalloc byte[CgroupListBytes];
        int length = ReadSmallFile("/proc/self/cgroup\0"u8, buffer);
        if (length < 0) return null;
        ReadOnlySpan<byte> lines = buffer[..length];
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
            byte[] candidate = Encoding.UTF8.GetBytes($"{directory}/{file}\0");
            fixed (byte* name = candidate)
            {
                if (access(name, F_OK) == 0) return new MemoryCgroup(candidate);
            }
        }
        return null;
    }

    /// <summary>The "oom_kill N" line of memory.events (v2) or memory.oom_control (v1); null when it cannot be read.</summary>
    public long? OomKills()
    {
        Span<byte> buffer = stackalloc byte[CountFileBytes];
        int length = ReadSmallFile(_countFile, buffer);
        if (length < 0) return null;
        ReadOnlySpan<byte> lines = buffer[..length];
        foreach (Range range in lines.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = lines[range];
            if (line.StartsWith("oom_kill "u8) && long.TryParse(line[9..], out long count)) return count;
        }
        return null;
    }

    /// <summary>
    /// The whole of a small regular file (the kernel's files here are regular, of size 0), without
    /// blocking; -1 when it cannot be opened or read, is no regular file, or does not fit.
    /// </summary>
    private static int ReadSmallFile(ReadOnlySpan<byte> path, Span<byte> buffer)
    {
        int fd;
        fixed (byte* name = path) fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
        if (fd < 0) return -1;
        try
        {
            stat status;
            if (fstat(fd, &status) != 0 || (status.st_mode & S_IFMT) != S_IFREG) return -1;
            int length = 0;
            fixed (byte* start = buffer)
            {
                while (length < buffer.Length)
                {
                    long n = read(fd, start + length, buffer.Length - length);
                    if (n < 0) return -1;
                    if (n == 0) return length;
                    length += (int)n;
                }
            }
            return -1; // filled: more than any cgroup file holds
        }
        finally
        {
            close(fd);
        }
    }
}
