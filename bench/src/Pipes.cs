using System.Text;
using static Bench.Libc;

namespace Bench;

/// <summary>Raw pipe I/O with timeouts, so a lost signal or a stuck init ends in an error, not a hang.</summary>
internal static unsafe class Pipes
{
    /// <summary>A close-on-exec pipe: only the descriptor handed to a spawned program reaches it.</summary>
    public static (int Read, int Write) Create()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw new IOException("pipe2: " + Describe(Errno));
        return (fds[0], fds[1]);
    }

    /// <summary>Whether <paramref name="fd"/> has data (or EOF) within <paramref name="timeoutMs"/>.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var p = new PollFd { Fd = fd, Events = POLLIN };
        int ready;
        do ready = poll(&p, 1, timeoutMs);
        while (ready < 0 && Errno == EINTR);
        return ready > 0;
    }

    /// <summary>One byte, or -1 at EOF; throws when nothing comes within <paramref name="timeoutMs"/>.</summary>
    public static int ReadByte(int fd, int timeoutMs)
    {
        if (!WaitReadable(fd, timeoutMs)) throw new TimeoutException($"nothing to read within {timeoutMs} ms");
        byte b;
        nint n;
        do n = read(fd, &b, 1);
        while (n < 0 && Errno == EINTR);
        return n == 1 ? b : -1;
    }

    /// <summary>What is there to read now (after <see cref="WaitReadable"/>); empty at EOF.</summary>
    public static string ReadAvailable(int fd)
    {
        byte* buffer = stackalloc byte[4096];
        nint n;
        do n = read(fd, buffer, 4096);
        while (n < 0 && Errno == EINTR);
        return n <= 0 ? "" : Encoding.UTF8.GetString(buffer, (int)n);
    }

    public static void Write(int fd, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes)
        {
            for (int done = 0; done < bytes.Length;)
            {
                nint n = write(fd, p + done, bytes.Length - done);
                if (n < 0 && Errno != EINTR) throw new IOException("write: " + Describe(Errno));
                if (n > 0) done += (int)n;
            }
        }
    }
}
