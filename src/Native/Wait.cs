using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>&lt;sys/wait.h&gt;: wait4, which Tmds.LibC does not bind.</summary>
internal static unsafe partial class Wait
{
    public const int WNOHANG = 1;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int wait4(int pid, int* status, int options, void* rusage);
}
