using System.Diagnostics;
using System.Threading;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>-P: no command; the init only reaps, and SIGTERM or SIGINT make it exit 0.</summary>
public class PauseMode
{
    [Theory]
    [BothModes(15)]
    [BothModes(2)]
    public void Exits_0_on_SIGTERM_or_SIGINT_and_not_on_other_signals(Mode mode, int stop)
    {
        using var init = InitProcess.Start(mode, "-P", "-vv");
        init.WaitForStderr("pausing");
        init.Signal(10);
        init.Signal(1);
        Thread.Sleep(200);
        Assert.False(init.HasExited);
        init.Signal(stop);
        Assert.Equal(0, init.WaitForExit());
    }

    [Fact]
    public void As_pid_1_reaps_the_orphans_of_processes_entering_its_namespace()
    {
        using var init = InitProcess.Start(Mode.Pid1, "-P", "-w", "-v");
        int pid = init.InitPid;
        init.WaitForStderr("pausing");
        // A process entering the namespace (as `kubectl exec` does) leaves an orphan there; it is
        // reparented to the pause init, which must reap it.
        var enter = Process.Start("nsenter", ["--target", pid.ToString(), "--pid", "--", "sh", "-c", "sleep 0.3 & exit 0"])!;
        enter.WaitForExit();
        init.WaitForStderr("reaped zombie process");
        init.Signal(15);
        Assert.Equal(0, init.WaitForExit());
    }
}
