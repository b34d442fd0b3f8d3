using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>Under Docker: an exec session severed at the stop request, and why the command died (OOM, termination log).</summary>
[Collection(DockerEngine.Collection)]
public class StopUnderDocker(DockerEngine engine)
{
    private ContainerCli Docker => engine.Cli;

    [DockerFact]
    public void Docker_stop_ends_an_interactive_exec_shell_while_the_command_is_still_stopping()
    {
        using var shared = new SharedDirectory();
        using var container = new Container(Docker, "--network", "none", "-v", shared.Mount, TestImages.Image, "sh", "-c",
            "trap 'echo command term; while [ ! -e /shared/release ]; do sleep 0.05; done; exit 42' TERM; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        // `docker exec -it CONTAINER sh`: an interactive shell with the exec's terminal as its controlling terminal.
        Docker.Ok("exec", "-d", "-t", container.Name, "sh", "-i");
        Eventually.Until(() => InteractiveShells(container) > 0, () => "the exec'd shell never started");
        var stop = Task.Run(() => Docker.Ok("stop", "-t", "30", container.Name));
        container.WaitForLog("command term");
        Eventually.Until(() => InteractiveShells(container) == 0, () => $"the exec'd shell outlived the stop request:\n{container.Logs}");
        Assert.False(stop.IsCompleted, "the command was still stopping");
        File.WriteAllText(shared.File("release"), "");
        stop.Wait(InitProcess.Patience);
        Assert.Equal(42, container.ExitCode);
        Assert.Matches(@"init: stop requested: sent SIGTERM to \d+ \(sh\)", Docker.Run("logs", container.Name).Stderr);
    }

    private int InteractiveShells(Container container) =>
        Docker.Ok("top", container.Name, "-o", "pid,args").Split('\n').Count(line => line.TrimEnd().EndsWith("sh -i", StringComparison.Ordinal));

    [DockerFact]
    public void A_command_the_OOM_killer_killed_is_reported_on_stderr_and_in_the_termination_log()
    {
        using var shared = new SharedDirectory();
        File.WriteAllText(shared.File("termination-log"), "");
        // dd's 64 MiB buffer is far beyond the limit, and dd is the only process that allocates. With a
        // second one still charging memory (`x=$(yes)`: yes writing to the pipe of the shell the OOM
        // killer had just killed), the kernel (6.18, cgroup v1) sometimes killed again after the shell's
        // memory was freed, and took the largest process left: the init (3.5 MB resident, yes 1 MB).
        var (code, _, stderr) = Docker.Run("run", "--rm", "--network", "none", "--memory", "32m", "--memory-swap", "32m",
            "-v", $"{shared.File("termination-log")}:/dev/termination-log", "-e", "INIT_TERMINATION_LOG=/dev/termination-log",
            TestImages.Image, "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");
        Assert.True(code == 137, $"exit code {code}: {stderr}");
        const string reason = @"command 'dd' \(process \d+\) killed by SIGKILL; the kernel's OOM killer killed a process in the container's memory cgroup while it ran";
        Assert.Matches("init: " + reason, stderr);
        Assert.Matches($"^{reason}$", File.ReadAllText(shared.File("termination-log")));
    }
}
