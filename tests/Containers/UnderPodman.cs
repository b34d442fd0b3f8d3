using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>The static init in real containers (podman + runc), as image authors and operators use it.</summary>
public class UnderPodman
{
    private static ContainerCli Podman => Harness.Podman.Cli;

    public UnderPodman() => Harness.Podman.EnsureImages();

    [PodmanFact]
    public void As_entrypoint_the_init_is_pid_1_and_the_containers_status_is_the_commands()
    {
        var (code, stdout, _) = Podman.Run("run", "--rm", TestImages.Image, "sh", "-c",
            "echo parent $PPID; tr '\\0' ' ' < /proc/1/cmdline; echo; exit 7");
        Assert.Equal(7, code);
        Assert.Contains("parent 1", stdout);
        Assert.Contains("/usr/local/bin/init --", stdout);
    }

    [PodmanFact]
    public void Podman_kill_reaches_the_command()
    {
        using var container = new Container(Podman, TestImages.Image, "sh", "-c", ContainerScripts.TrapsUsr1AndTerm);
        container.WaitForLog("ready");
        Podman.Ok("kill", "-s", "USR1", container.Name);
        container.WaitForLog("got USR1");
    }

    [PodmanFact]
    public void Podman_stop_ends_a_command_that_handles_SIGTERM_with_its_status()
    {
        using var container = new Container(Podman, TestImages.Image, "sh", "-c", ContainerScripts.TrapsUsr1AndTerm);
        container.WaitForLog("ready");
        Podman.Ok("stop", "-t", "30", container.Name);
        Assert.Equal(42, container.ExitCode); // SIGKILL after the timeout would have given 137
    }

    [PodmanFact]
    public void No_zombie_is_left_inside_after_orphans_exit()
    {
        var (code, stdout, _) = Podman.Run("run", "--rm", TestImages.Image, "sh", "-c", ContainerScripts.ZombiesAfterOrphansExit);
        Assert.Equal(0, code);
        Assert.Contains("zombies 0", stdout);
    }

    [PodmanFact]
    public void Drops_in_as_the_runtimes_init_with_init_path()
    {
        var (code, stdout, _) = Podman.Run("run", "--rm", "--init", "--init-path", InitBinary.StaticPath, TestImages.BareImage,
            "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; /proc/1/exe --version; exit 5");
        Assert.Equal(5, code);
        Assert.Contains("/run/podman-init -- sh -c", stdout);
        Assert.Matches(@"init version \d+\.\d+\.\d+ - git\.", stdout);
    }

    [PodmanFact]
    public void Leftover_processes_get_SIGTERM_and_their_grace_period()
    {
        using var shared = new SharedDirectory();
        var (code, _, stderr) = Podman.Run("run", "--rm", "-v", shared.Mount, TestImages.Image, "sh", "-c", ContainerScripts.LeaveAWorkerAndExit3);
        Assert.True(code == 3, stderr);
        shared.AssertTheWorkerFlushed();
    }
}
