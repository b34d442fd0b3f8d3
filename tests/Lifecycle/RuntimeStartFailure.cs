using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class RuntimeStartFailure
{
    [Fact]
    public void When_the_runtime_cannot_start_its_thread_the_init_says_so_and_exits_1()
    {
        // As an unprivileged user at RLIMIT_NPROC, the runtime cannot create its finalizer thread
        // and ends before Main; preinit.c's exit check reports it. A copy the user can execute.
        using var scratch = new Scratch("nproc");
        string copy = scratch.File("init");
        File.Copy(InitBinary.Path, copy);
        File.SetUnixFileMode(scratch.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
        var result = Shell.Run($"setpriv --reuid=65534 --regid=65534 --clear-groups prlimit --nproc=1 {copy} -- /bin/true");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("init: the .NET runtime could not start (out of threads or memory? see RLIMIT_NPROC)\n", result.Stderr);
    }
}
