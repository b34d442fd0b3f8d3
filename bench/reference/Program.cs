using System.Runtime.InteropServices;
using System.Threading;

// See Reference.csproj: the smallest NativeAOT program. With --rest it says so (one byte on stdout)
// and waits, so that the benchmark can read its memory at rest; otherwise it exits at once.
internal static unsafe partial class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--rest"])
        {
            byte ready = 0;
            write(1, &ready, 1);
            Thread.Sleep(Timeout.Infinite);
        }
        return 0;
    }

    [LibraryImport("libc.so.6")]
    private static partial nint write(int fd, byte* buffer, nint count);
}
