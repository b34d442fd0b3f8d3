using System.Runtime.InteropServices;

namespace Init.Tests.Harness;

/// <summary>The few libc calls the tests make themselves.</summary>
internal static partial class Native
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int kill(int pid, int signal);
}
