using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>errno of the last libc call on this thread, and its text.</summary>
internal static class Errno
{
    public static int Last => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
