using System.Runtime.InteropServices;

namespace Bench;

/// <summary>
/// The libc calls the benchmark makes itself (glibc, x86_64/arm64 Linux). They keep the measured paths
/// free of the runtime's own machinery: no Process bookkeeping, no stream buffers, no SIGCHLD thread.
/// </summary>
internal static unsafe class Libc
{
    private const string Lib = "libc";

    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;
    public const short POLLIN = 1;
    public const int WNOHANG = 1;
    public const int EINTR = 4;
    public const int SIGHUP = 1, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, SIGPIPE = 13;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    /// <summary>Room for posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) or sigset_t (128).</summary>
    public const int OpaqueSize = 512;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport(Lib, SetLastError = true)] public static extern int pipe2(int* fds, int flags);
    [DllImport(Lib, SetLastError = true)] public static extern int open(byte* path, int flags);
    [DllImport(Lib, SetLastError = true)] public static extern nint read(int fd, byte* buffer, nint count);
    [DllImport(Lib, SetLastError = true)] public static extern nint write(int fd, byte* buffer, nint count);
    [DllImport(Lib, SetLastError = true)] public static extern int close(int fd);
    [DllImport(Lib, SetLastError = true)] public static extern int poll(PollFd* fds, nuint count, int timeoutMs);
    [DllImport(Lib, SetLastError = true)] public static extern int kill(int pid, int signal);
    [DllImport(Lib, SetLastError = true)] public static extern int waitpid(int pid, int* status, int options);
    [DllImport(Lib)] public static extern int clock_gettime(int clock, TimeSpec* time);

    [DllImport(Lib, SetLastError = true)] public static extern nint opendir(byte* path);
    [DllImport(Lib)] public static extern byte* readdir(nint dir);
    [DllImport(Lib)] public static extern int closedir(nint dir);

    /// <summary>Offset of d_name in glibc's struct dirent on 64-bit Linux (ino 8, off 8, reclen 2, type 1).</summary>
    public const int DirentNameOffset = 19;

    [DllImport(Lib)] public static extern int posix_spawnp(int* pid, byte* file, byte* fileActions, byte* attr, byte** argv, byte** envp);
    [DllImport(Lib)] public static extern int posix_spawn_file_actions_init(byte* fileActions);
    [DllImport(Lib)] public static extern int posix_spawn_file_actions_adddup2(byte* fileActions, int fd, int newFd);
    [DllImport(Lib)] public static extern int posix_spawn_file_actions_destroy(byte* fileActions);
    [DllImport(Lib)] public static extern int posix_spawnattr_init(byte* attr);
    [DllImport(Lib)] public static extern int posix_spawnattr_setflags(byte* attr, short flags);
    [DllImport(Lib)] public static extern int posix_spawnattr_setsigmask(byte* attr, byte* mask);
    [DllImport(Lib)] public static extern int posix_spawnattr_setsigdefault(byte* attr, byte* set);
    [DllImport(Lib)] public static extern int posix_spawnattr_destroy(byte* attr);
    [DllImport(Lib)] public static extern int sigemptyset(byte* set);
    [DllImport(Lib)] public static extern int sigaddset(byte* set, int signal);

    public static int Errno => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>CLOCK_MONOTONIC in nanoseconds: the clock child.c stamps its storm reports with.</summary>
    public static long MonotonicNs()
    {
        TimeSpec now;
        clock_gettime(1, &now);
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }
}
