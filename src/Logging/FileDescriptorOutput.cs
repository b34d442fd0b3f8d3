using System;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Logging;

/// <summary>Writes bytes straight to a file descriptor: no System.Console, no buffering.</summary>
/// <remarks>
/// System.Console would make the runtime handle SIGCHLD, and as PID 1 it would then reap (and lose)
/// the child's exit status; on a terminal it also writes escape sequences.
/// </remarks>
internal static unsafe class FileDescriptorOutput
{
    public const int StandardOutput = 1;
    public const int StandardError = 2;

    public static void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                long n = write(fd, start + done, bytes.Length - done);
                if (n < 0 && Errno.Last == EINTR) continue;
                if (n <= 0) return; // nowhere left to report it
                done += (int)n;
            }
        }
    }
}
