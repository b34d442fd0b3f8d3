using System.Diagnostics;
using System.Linq;
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
        // The barrier: once the init has read them, it reads the stop signal only after handling them.
        Eventually.Until(() => !Pending(init.InitPid, 10) && !Pending(init.InitPid, 1), () => "the init never read SIGUSR1 and SIGHUP");
        init.Signal(stop);
        Assert.Equal(0, init.WaitForExit());
        Assert.Equal([$"init: received {(stop == 15 ? "SIGTERM" : "SIGINT")}; leaving pause"],
            init.Stderr.Split('\n').Where(line => line.Contains("leaving pause")));
    }

    /// <summary>Whether <paramref name="signal"/> is pending for the process (all its signals are blocked until read).</summary>
    private static bool Pending(int pid, int signal) =>
        ProcFs.Status(pid, "ShdPnd") is string shared && ProcFs.MaskHas(shared, signal) ||
        ProcFs.Status(pid, "SigPnd") is string own && ProcFs.MaskHas(own, signal);

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
