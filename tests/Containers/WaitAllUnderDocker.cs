using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// --wait-all under the real Docker engine, through `docker run --init` (INIT_WAIT_ALL: no flag can be
/// passed there): a script that starts a daemon and exits keeps the container, `docker stop` ends it
/// within the init's grace period, and a process started with `docker exec` keeps nothing.
/// </summary>
[Collection(DockerEngine.Collection)]
public class WaitAllUnderDocker(DockerEngine engine)
{
    // busybox's httpd without -f forks into the background and its parent exits: the script's end.
    private const string StartsADaemon =
        "mkdir -p /www && echo served > /www/index.html && httpd -p 127.0.0.1:8080 -h /www && echo started";

    private ContainerCli Docker => engine.Cli;

    private Container Start() =>
        new(Docker, "--network", "none", "--init", "-e", "INIT_WAIT_ALL=1", "-e", "TINI_VERBOSITY=2", TestImages.BareImage, "sh", "-c", StartsADaemon);

    /// <summary>The init's lines: on the container's stderr, which <see cref="Container.Logs"/> leaves out.</summary>
    private string InitLog(Container container) => Docker.Run("logs", container.Name).Stderr;

    private void WaitUntilOnlyTheDaemonIsLeft(Container container) =>
        Eventually.Until(() => InitLog(container).Contains("waiting for the processes it left (--wait-all)"), () => InitLog(container));

    private string Fetch(Container container) => Docker.Ok("exec", container.Name, "wget", "-q", "-O", "-", "http://127.0.0.1:8080/");

    [DockerFact]
    public void A_script_that_starts_a_daemon_keeps_the_container_and_docker_stop_ends_it_within_the_grace_period()
    {
        using var container = Start();
        WaitUntilOnlyTheDaemonIsLeft(container);
        Assert.Equal("served", Fetch(container).Trim());
        var stopping = Stopwatch.StartNew();
        Docker.Ok("stop", "-t", "30", container.Name);
        // httpd dies of the SIGTERM the init passes on, the last process to end: 128 + 15. Docker's
        // SIGKILL at 30 s would have given 137; the init's own at its 5 s grace period, a warning.
        Assert.Equal(143, container.ExitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(25), $"docker stop took {stopping.Elapsed}");
        string logs = InitLog(container);
        Assert.Contains("received SIGTERM; stopping the processes the command left", logs);
        Assert.DoesNotContain("grace period over", logs);
    }

    [DockerFact]
    public void A_process_started_with_docker_exec_does_not_keep_the_container()
    {
        using var container = Start();
        WaitUntilOnlyTheDaemonIsLeft(container);
        Docker.Ok("exec", "-d", container.Name, "sleep", "1000");
        Eventually.Until(() => Docker.Ok("top", container.Name, "-o", "pid,args").Contains("sleep 1000"), () => "the exec'd sleep never started");
        // The daemon ends by itself; the exec'd sleep is not the init's to wait for. killall is exec'd
        // detached: httpd's end ends the container, and the init's last sweep may send SIGTERM to a
        // killall that has not exited yet (its exit code, 143, was then a failed test, 1 run in about 20).
        Docker.Ok("exec", "-d", container.Name, "killall", "-USR1", "httpd");
        var ended = Task.Run(container.Wait);
        Assert.True(ended.Wait(InitProcess.Patience), "the container stayed while only the exec'd sleep was left");
        Assert.Equal(128 + 10, ended.Result); // httpd's death by SIGUSR1, the last of the init's processes
    }
}
