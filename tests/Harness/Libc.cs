using System.Runtime.InteropServices;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Init.Tests.Harness;

/// <summary>The few libc calls the tests make themselves.</summary>
internal static partial class Libc
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc.so.6")]
    public static partial uint geteuid();

    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rename(string from, string to);
}
