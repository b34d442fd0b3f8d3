using System.IO;
using System.Threading;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class Idling
{
    [Theory]
    [BothModes]
    public void An_idle_init_never_wakes_up(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "echo ready; exec sleep 1000");
        init.WaitForLine("ready");
        long before = ProcFs.ContextSwitchesOnceQuiet(init.InitPid);
        Thread.Sleep(3000); // tini would wake three times in this window
        Assert.Equal(before, ProcFs.ContextSwitches(init.InitPid));
    }

    [Theory]
    [BothModes]
    public void An_idle_init_watching_for_changes_never_wakes_up(Mode mode)
    {
        using var scratch = new Scratch();
        File.WriteAllText(scratch.File("app.conf"), "v1");
        using var init = InitProcess.Bash(mode, "echo ready; exec sleep 1000", "--reload-on", scratch.Path, "--reload-on", scratch.File("app.conf"));
        init.WaitForLine("ready");
        long before = ProcFs.ContextSwitchesOnceQuiet(init.InitPid);
        Thread.Sleep(3000); // a watcher that polls would wake in this window
        Assert.Equal(before, ProcFs.ContextSwitches(init.InitPid));
    }
}
