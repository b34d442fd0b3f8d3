using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Files;

/// <summary>
/// The files an image or a volume controls, not the operator (/etc/passwd and /etc/group, the
/// termination log, secret files): used only when they are regular files, opened without blocking,
/// read only up to a limit. Whatever such a path names (a FIFO, a device, a link to /dev/zero, a
/// directory, a file that never ends), the caller gets the bytes or one clause saying why not.
/// </summary>
/// <remarks>Not FileStream: it opens a FIFO blocking, and reads /dev/zero until memory runs out.</remarks>
internal static unsafe class RegularFile
{
    /// <summary>Where a file whose size is not known (a /proc file says 0) starts to be read into.</summary>
    private const int FirstBuffer = 4096;

    /// <summary>The whole of <paramref name="path"/>, if it is a regular file of at most <paramref name="limit"/> bytes.</summary>
    public static bool TryRead(string path, int limit, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out FileRefusal? refusal)
    {
        bytes = null;
        if (!TryOpen(path, O_RDONLY, out int fd, out long size, out refusal)) return false;
        try
        {
            if (size > limit)
            {
                refusal = TooLarge(limit);
                return false;
            }
            return TryReadAll(fd, size, limit, out bytes, out refusal);
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> (never creating it) with <paramref name="access"/> (O_RDONLY or
    /// O_WRONLY) if it is a regular file; the caller closes <paramref name="fd"/>.
    /// </summary>
    /// <param name="size">st_size of what was opened: only a hint for files in /proc, which say 0.</param>
    public static bool TryOpen(string path, int access, out int fd, out long size, [NotNullWhen(false)] out FileRefusal? refusal)
    {
        fd = -1;
        size = 0;
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        stat found;
        int result;
        // Looked at before it is opened: open(2) runs a device's own open (a tape rewinds, a watchdog
        // arms), and a FIFO is better named than met.
        fixed (byte* p = name) result = stat(p, &found);
        if (result != 0)
        {
            refusal = FromErrno(Errno.Last);
            return false;
        }
        if (NotRegular(found.st_mode) is FileRefusal other)
        {
            refusal = other;
            return false;
        }
        // O_NONBLOCK: should the path become a FIFO after the stat, opening it does not wait for a writer
        // (or, to write, fails with ENXIO). O_NOCTTY: a terminal never becomes the init's own.
        fixed (byte* p = name)
        {
            do fd = open(p, access | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
            while (fd < 0 && Errno.Last == EINTR);
        }
        if (fd < 0)
        {
            refusal = FromErrno(Errno.Last);
            return false;
        }
        // What was opened decides: the path may name something else since the stat.
        stat opened;
        refusal = fstat(fd, &opened) != 0 ? FromErrno(Errno.Last) : NotRegular(opened.st_mode);
        if (refusal is not null)
        {
            close(fd);
            fd = -1;
            return false;
        }
        size = opened.st_size;
        return true;
    }

    private static bool TryReadAll(int fd, long size, int limit, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out FileRefusal? refusal)
    {
        bytes = null;
        refusal = null;
        // st_size is a hint, not a bound: /proc files say 0, and a file may grow while it is read. One
        // byte past the limit tells a file that is too large, whatever st_size said.
        long capacity = (long)limit + 1;
        byte[] buffer = new byte[Math.Min(capacity, size > 0 ? size + 1 : FirstBuffer)];
        int total = 0;
        while (total < capacity)
        {
            if (total == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(capacity, 2L * buffer.Length));
            long n;
            fixed (byte* start = buffer) n = read(fd, start + total, buffer.Length - total);
            if (n < 0 && Errno.Last == EINTR) continue;
            if (n < 0)
            {
                refusal = FromErrno(Errno.Last);
                return false;
            }
            if (n == 0) break;
            total += (int)n;
        }
        if (total > limit)
        {
            refusal = TooLarge(limit);
            return false;
        }
        bytes = total == buffer.Length ? buffer : buffer[..total];
        return true;
    }

    private static FileRefusal? NotRegular(mode_t mode) =>
        S_ISREG(mode) ? null : new FileRefusal($"it is {Kind(mode)}, not a regular file", 0);

    // stat follows links, so a link is seen as what it leads to (/dev/zero: a character device).
    private static string Kind(mode_t mode) =>
        S_ISFIFO(mode) ? "a FIFO" :
        S_ISCHR(mode) ? "a character device" :
        S_ISBLK(mode) ? "a block device" :
        S_ISDIR(mode) ? "a directory" :
        S_ISSOCK(mode) ? "a socket" :
        "of an unknown type";

    private static FileRefusal TooLarge(int limit) => new($"it is larger than {Size(limit)}", 0);

    /// <summary>"4 MiB", "128 KiB", "100 bytes".</summary>
    private static string Size(int bytes) =>
        bytes > 0 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" :
        bytes > 0 && bytes % 1024 == 0 ? $"{bytes >> 10} KiB" :
        $"{bytes} bytes";

    private static FileRefusal FromErrno(int errno) => new(Errno.Describe(errno), errno);
}
