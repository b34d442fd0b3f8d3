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
    private static partial int mkfifo(string path, uint mode);

    /// <summary>Makes a FIFO at <paramref name="path"/>, readable and writable by all.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, 0x1B6) != 0) throw new System.IO.IOException($"mkfifo {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }
}
