using System;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>The static init in real containers (podman + runc), as image authors and operators use it.</summary>
public class ContainerTests
{
    public ContainerTests() => Podman.EnsureImages();

    private static string NewName() => "init-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts a detached container and removes it when the test is done.</summary>
    private sealed class Container : IDisposable
    {
        public string Name { get; } = NewName();

        public Container(params string[] runArguments) => Podman.Ok(["run", "-d", "--name", Name, .. runArguments]);

        public string Logs => Podman.Ok("logs", Name);

        public void WaitForLog(string text) =>
            Eventually.Until(() => Logs.Contains(text, StringComparison.Ordinal), () => $"container log never said '{text}':\n{Logs}");

        public int ExitCode => int.Parse(Podman.Ok("inspect", Name, "--format", "{{.State.ExitCode}}").Trim());

        public void Dispose() => Podman.Run("rm", "-f", "-t", "0", Name);
    }

    [PodmanFact]
    public void As_entrypoint_the_init_is_pid_1_and_the_containers_status_is_the_commands()
    {
        var (code, stdout, _) = Podman.Run("run", "--rm", Podman.Image, "sh", "-c",
            "echo parent $PPID; tr '\\0' ' ' < /proc/1/cmdline; echo; exit 7");
        Assert.Equal(7, code);
        Assert.Contains("parent 1", stdout);
        Assert.Contains("/usr/local/bin/init --", stdout);
    }

    [PodmanFact]
    public void Podman_kill_reaches_the_command()
    {
        using var container = new Container(Podman.Image, "sh", "-c", "trap 'echo got USR1' USR1; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        Podman.Ok("kill", "-s", "USR1", container.Name);
        container.WaitForLog("got USR1");
    }

    [PodmanFact]
    public void Podman_stop_ends_a_command_that_handles_SIGTERM_with_its_status()
    {
        using var container = new Container(Podman.Image, "sh", "-c", "trap 'exit 42' TERM; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        Podman.Ok("stop", "-t", "30", container.Name);
        Assert.Equal(42, container.ExitCode); // SIGKILL after the timeout would have given 137
    }

    [PodmanFact]
    public void No_zombie_is_left_inside_after_orphans_exit()
    {
        const string script =
            "i=0; while [ $i -lt 200 ]; do (sleep 0.2 &); i=$((i+1)); done; sleep 1; " +
            "echo zombies $(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l)";
        var (code, stdout, _) = Podman.Run("run", "--rm", Podman.Image, "sh", "-c", script);
        Assert.Equal(0, code);
        Assert.Contains("zombies 0", stdout);
    }

    [PodmanFact]
    public void Drops_in_as_the_runtimes_init_with_init_path()
    {
        var (code, stdout, _) = Podman.Run("run", "--rm", "--init", "--init-path", InitBinary.StaticPath, Podman.BareImage,
            "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; /proc/1/exe --version; exit 5");
        Assert.Equal(5, code);
        Assert.Contains("/run/podman-init -- sh -c", stdout);
        Assert.Matches(@"init version \d+\.\d+\.\d+ - git\.", stdout);
    }

    [PodmanFact]
    public void Leftover_processes_get_SIGTERM_and_their_grace_period()
    {
        string shared = Directory.CreateTempSubdirectory("init-shared-").FullName;
        const string script =
            "sh -c 'trap \"sleep 0.5; echo flushed > /shared/flushed; exit 0\" TERM; touch /tmp/ready; while :; do sleep 0.1; done' & " +
            "while [ ! -e /tmp/ready ]; do sleep 0.05; done; exit 3";
        var (code, _, stderr) = Podman.Run("run", "--rm", "-v", $"{shared}:/shared", Podman.Image, "sh", "-c", script);
        Assert.True(code == 3, stderr);
        Assert.Equal("flushed\n", File.ReadAllText(Path.Combine(shared, "flushed")));
        Directory.Delete(shared, recursive: true);
    }
}
