using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>&lt;poll.h&gt;: poll with errno kept (Tmds.LibC's binding does not set the last P/Invoke error).</summary>
internal static unsafe partial class Poll
{
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int poll(Tmds.Linux.pollfd* fds, nuint count, int timeoutMilliseconds);
}
