using System.Runtime.InteropServices;
using static Tmds.Linux.LibC;

namespace Init.Native;

// Every libc and system call the init makes that Tmds.LibC does not bind, grouped by the header
// that declares it, each with the constants it needs: the init's boundary to the kernel in one place.

// <errno.h> ---------------------------------------------------------------------------------------

/// <summary>errno of the last libc call on this thread, and its text.</summary>
internal static class Errno
{
    public static int Last => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

// <poll.h> ----------------------------------------------------------------------------------------

/// <summary>poll with errno kept (Tmds.LibC's binding does not set the last P/Invoke error).</summary>
internal static unsafe partial class Poll
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int poll(Tmds.Linux.pollfd* fds, nuint count, int timeoutMilliseconds);
}

// <arpa/inet.h> -----------------------------------------------------------------------------------

/// <summary>inet_pton, which Tmds.LibC does not bind: the probe's address literals, parsed as C programs parse them.</summary>
internal static unsafe partial class Inet
{
    /// <returns>1 when <paramref name="text"/> is an address of <paramref name="family"/>, written to <paramref name="address"/>; 0 when not.</returns>
    [LibraryImport("libc.so.6")]
    public static partial int inet_pton(int family, byte* text, void* address);
}

// <sys/wait.h> ------------------------------------------------------------------------------------

/// <summary>wait4, which Tmds.LibC does not bind.</summary>
internal static unsafe partial class Wait
{
    public const int WNOHANG = 1;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int wait4(int pid, int* status, int options, void* rusage);
}

// <sys/prctl.h> -----------------------------------------------------------------------------------

/// <summary>prctl, which Tmds.LibC does not bind.</summary>
internal static partial class Prctl
{
    public const int PR_SET_PDEATHSIG = 1;
    public const int PR_SET_CHILD_SUBREAPER = 36;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}

// <sys/signalfd.h> --------------------------------------------------------------------------------

/// <summary>signalfd, which Tmds.LibC does not bind.</summary>
internal static unsafe partial class SignalFd
{
    public const int SFD_CLOEXEC = 0x80000;

    /// <summary>struct signalfd_siginfo is 128 bytes; ssi_signo is its first field.</summary>
    public const int SiginfoSize = 128;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int signalfd(int fd, Tmds.Linux.sigset_t* mask, int flags);
}

// <sys/inotify.h> ---------------------------------------------------------------------------------

/// <summary>inotify, which Tmds.LibC does not bind: the file changes --reload-on waits for, in the same poll as the signals.</summary>
internal static unsafe partial class Inotify
{
    public const int IN_NONBLOCK = 0x800;
    public const int IN_CLOEXEC = 0x80000;

    public const uint IN_CLOSE_WRITE = 0x8;
    public const uint IN_MOVED_FROM = 0x40;
    public const uint IN_MOVED_TO = 0x80;
    public const uint IN_CREATE = 0x100;
    public const uint IN_DELETE = 0x200;
    public const uint IN_DELETE_SELF = 0x400;
    public const uint IN_MOVE_SELF = 0x800;
    public const uint IN_Q_OVERFLOW = 0x4000;
    public const uint IN_IGNORED = 0x8000;
    public const uint IN_ONLYDIR = 0x1000000;

    /// <summary>struct inotify_event without its name: wd, mask, cookie, len; len bytes of name follow.</summary>
    public const int EventHeaderSize = 16;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int inotify_init1(int flags);

    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int inotify_rm_watch(int fd, int wd);
}

// <signal.h> --------------------------------------------------------------------------------------

/// <summary>rt_sigqueueinfo(2), which glibc does not wrap: a signal to oneself that says who sent it.</summary>
internal static unsafe partial class SignalQueue
{
    private const int SI_USER = 0;

    /// <summary>
    /// Sends <paramref name="signal"/> to this process as if <paramref name="sender"/> had sent it with
    /// kill(2). Unlike kill(getpid(), ...), a SIGRTMIN sent so is not taken for one of the runtime's own
    /// thread activations (those come from this process).
    /// </summary>
    public static bool SendToSelf(int signal, int sender)
    {
        // siginfo_t is 128 bytes; signo, errno, code, then (after padding on 64-bit targets) pid and uid.
        int* info = stackalloc int[32];
        new System.Span<int>(info, 32).Clear();
        info[0] = signal;
        info[2] = SI_USER;
        info[4] = sender;
        info[5] = (int)(uint)getuid();
        long number = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 138 : 129; // asm-generic, x86-64
        return syscall(number, getpid(), signal, info) == 0;
    }

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall(long number, int pid, int signal, int* info);
}

// <sys/pidfd.h> -----------------------------------------------------------------------------------

/// <summary>pidfd_open and pidfd_send_signal (Linux 5.3), through syscall(2): glibc 2.36 wraps them but Tmds.LibC does not.</summary>
/// <remarks>A pidfd names one process for good: a signal sent through it cannot reach another process that reused the pid.</remarks>
internal static partial class Pidfd
{
    // The same numbers on x86-64 and arm64: syscalls added since Linux 5.1 share one table.
    private const long SYS_pidfd_send_signal = 424;
    private const long SYS_pidfd_open = 434;

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall(long number, long arg1, long arg2, long arg3, long arg4);

    public static int Open(int pid) => (int)syscall(SYS_pidfd_open, pid, 0, 0, 0);

    public static int SendSignal(int pidfd, int signal) => (int)syscall(SYS_pidfd_send_signal, pidfd, signal, 0, 0);
}

// <dirent.h> --------------------------------------------------------------------------------------

/// <summary>opendir and readdir, which Tmds.LibC does not bind: a directory's names without a stat per entry.</summary>
internal static unsafe partial class Dirent
{
    /// <summary>d_name's offset in glibc's struct dirent on 64-bit targets (after d_ino, d_off, d_reclen, d_type).</summary>
    public const int NameOffset = 19;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint opendir(byte* path);

    /// <returns>The next entry, or null at the end.</returns>
    [LibraryImport("libc.so.6")]
    public static partial byte* readdir(nint directory);

    [LibraryImport("libc.so.6")]
    public static partial int dirfd(nint directory);

    [LibraryImport("libc.so.6")]
    public static partial int closedir(nint directory);
}

// <spawn.h> ---------------------------------------------------------------------------------------

/// <summary>glibc's posix_spawn, which Tmds.LibC does not bind.</summary>
/// <remarks>
/// glibc does every child-side step (process group, terminal, signal mask and dispositions) inside
/// libc between its clone(CLONE_VM|CLONE_VFORK) and execve, so no managed code runs in the child.
/// </remarks>
internal static unsafe partial class PosixSpawn
{
    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 bytes on 64-bit
    // targets; callers reserve more so a larger libc layout cannot overrun them.
    public const int AttrSize = 512;
    public const int FileActionsSize = 256;

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnp(int* pid, byte* file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setsigmask(void* attr, Tmds.Linux.sigset_t* mask);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setsigdefault(void* attr, Tmds.Linux.sigset_t* signals);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    /// <summary>glibc 2.35+: the child calls tcsetpgrp(fd, its own group) before exec.</summary>
    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_addtcsetpgrp_np(void* fileActions, int fd);
}

// <sys/resource.h> --------------------------------------------------------------------------------

/// <summary>prlimit (the prlimit64 system call), which Tmds.LibC does not bind.</summary>
internal static unsafe partial class Rlimit
{
    /// <param name="newLimit">struct rlimit64 (soft, hard) to set, or null.</param>
    /// <param name="oldLimit">Where the limit in force is written, or null.</param>
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);
}
