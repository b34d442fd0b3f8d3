using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>&lt;sys/prctl.h&gt;: prctl, which Tmds.LibC does not bind.</summary>
internal static partial class Prctl
{
    public const int PR_SET_PDEATHSIG = 1;
    public const int PR_SET_CHILD_SUBREAPER = 36;

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
