using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>&lt;sys/signalfd.h&gt;: signalfd, which Tmds.LibC does not bind.</summary>
internal static unsafe partial class SignalFd
{
    public const int SFD_CLOEXEC = 0x80000;

    /// <summary>struct signalfd_siginfo is 128 bytes; ssi_signo is its first field.</summary>
    public const int SiginfoSize = 128;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int signalfd(int fd, Tmds.Linux.sigset_t* mask, int flags);
}
