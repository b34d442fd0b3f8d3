using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Probe;

/// <summary>
/// `init --probe` under seccomp profiles that refuse a call it cannot do without: unhealthy, with one
/// line naming the call, never a hang or a stack trace.
/// </summary>
public class ProbingWithRefusedSyscalls
{
    [Theory]
    [BothModes("socket=EPERM", "socket: operation not permitted")]
    [BothModes("poll=ENOSYS,ppoll=ENOSYS", "poll: function not implemented")]
    public void A_refused_call_makes_the_probe_unhealthy_and_is_named(Mode mode, string refused, string named)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        string url = server.Url("/");
        using var init = InitProcess.StartWrapped(mode, SyscallRefusal.Wrapper(refused), "--probe", url);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"unhealthy: {url}: the probe cannot check here: {named}", string.Join("\n", init.Stdout));
        Assert.Equal("", init.Stderr);
    }
}
