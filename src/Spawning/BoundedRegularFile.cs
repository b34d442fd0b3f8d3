using System;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// The contents of a file the image or a volume controls, read only if it is a regular file and at
/// most so many bytes: a FIFO, a device, a link to /dev/zero or an endless file is refused, never waited on.
/// </summary>
internal static unsafe class BoundedRegularFile
{
    /// <param name="path">The path's bytes, NUL-terminated.</param>
    /// <returns>The bytes, or null with <paramref name="refusal"/> saying why not, in a few words.</returns>
    public static byte[]? Read(ReadOnlySpan<byte> path, int limit, out string? refusal)
    {
        refusal = null;
        int fd;
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fixed (byte* p = path) fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
        {
            refusal = Errno.Describe(Errno.Last);
            return null;
        }
        try
        {
            stat status;
            if (fstat(fd, &status) != 0)
            {
                refusal = "fstat: " + Errno.Describe(Errno.Last);
                return null;
            }
            if ((status.st_mode & S_IFMT) != S_IFREG)
            {
                refusal = "not a regular file but " + Kind(status.st_mode);
                return null;
            }
            // st_size is only a first guess (files in /proc say 0, a file may grow): read to the end, at most limit + 1.
            var buffer = new byte[(int)Math.Clamp(status.st_size, 0, limit) + 1];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) break;
                    Array.Resize(ref buffer, limit + 1);
                }
                long n;
                fixed (byte* b = buffer) n = read(fd, b + length, buffer.Length - length);
                if (n < 0 && Errno.Last == EINTR) continue;
                if (n < 0)
                {
                    refusal = "read: " + Errno.Describe(Errno.Last);
                    return null;
                }
                if (n == 0) break;
                length += (int)n;
            }
            if (length > limit)
            {
                refusal = $"larger than {limit / 1024} KiB";
                return null;
            }
            return buffer[..length];
        }
        finally
        {
            close(fd);
        }
    }

    private static string Kind(mode_t mode) => (mode & S_IFMT) switch
    {
        var m when m == S_IFDIR => "a directory",
        var m when m == S_IFIFO => "a FIFO",
        var m when m == S_IFCHR => "a character device",
        var m when m == S_IFBLK => "a block device",
        var m when m == S_IFSOCK => "a socket",
        _ => "of an unknown kind",
    };
}
