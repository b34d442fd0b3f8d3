using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class RuntimeStartFailure
{
    [Fact]
    public void When_the_runtime_cannot_start_the_init_says_so_and_exits_1()
    {
        // In 20 MB of address space the loader maps the init, but the runtime cannot reserve its GC
        // heap and ends before Main; preinit.c's exit check reports it. (It needs no thread of its own:
        // RLIMIT_NPROC stops only the command, see ExecFailureTests.)
        var result = Shell.Run($"prlimit --as=20000000 {InitBinary.Path} -- /bin/true");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("init: the .NET runtime could not start (out of memory? see RLIMIT_AS)\n", result.Stderr);
    }
}
