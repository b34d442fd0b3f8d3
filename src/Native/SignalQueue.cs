using System.Runtime.InteropServices;
using static Tmds.Linux.LibC;

namespace Init.Native;

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
