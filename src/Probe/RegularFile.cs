using System;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Probe;

/// <summary>
/// Reads the start of a file the image controls (/etc/hosts), which may be a FIFO, a device or a link
/// to /dev/zero: only a regular file is read, at most a given number of bytes, and nothing blocks.
/// </summary>
internal static unsafe class RegularFile
{
    /// <returns>The first bytes of the file (at most <paramref name="maxBytes"/>), or null with <paramref name="error"/> saying why not.</returns>
    /// <param name="truncated">Whether the file holds more than what was returned.</param>
    public static byte[]? ReadStart(string path, int maxBytes, out bool truncated, out string? error)
    {
        truncated = false;
        error = null;
        int fd;
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. O_NOCTTY: a terminal
        // device must not become the process's controlling terminal.
        fixed (byte* name = NulTerminated(path)) fd = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
        if (fd < 0)
        {
            error = Errno.Describe(Errno.Last);
            return null;
        }
        try
        {
            stat status;
            if (fstat(fd, &status) != 0)
            {
                error = Errno.Describe(Errno.Last);
                return null;
            }
            if (!S_ISREG(status.st_mode))
            {
                error = "not a regular file";
                return null;
            }
            // One byte more than wanted tells a file that is longer from one that is exactly that long.
            byte[] buffer = new byte[maxBytes + 1];
            int length = 0;
            fixed (byte* start = buffer)
            {
                while (length < buffer.Length)
                {
                    long n = read(fd, start + length, buffer.Length - length);
                    if (n < 0 && Errno.Last == EINTR) continue;
                    if (n < 0)
                    {
                        error = Errno.Describe(Errno.Last);
                        return null;
                    }
                    if (n == 0) break;
                    length += (int)n;
                }
            }
            truncated = length > maxBytes;
            return buffer.AsSpan(0, Math.Min(length, maxBytes)).ToArray();
        }
        finally
        {
            close(fd);
        }
    }

    private static byte[] NulTerminated(string path)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
