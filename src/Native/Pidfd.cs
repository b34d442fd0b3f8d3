using System.Runtime.InteropServices;

namespace Init.Native;

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
