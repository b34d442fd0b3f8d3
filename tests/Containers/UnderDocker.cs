using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// The static init under the real Docker engine (the tests' own dockerd, its --init-path the static
/// init), as Docker users run it: with `docker run --init`, and as an image's ENTRYPOINT.
/// </summary>
[Collection(DockerEngine.Collection)]
public class UnderDocker(DockerEngine engine)
{
    /// <summary>How the init gets into the container.</summary>
    public enum Setup
    {
        /// <summary>`docker run --init` on an image without the init: the daemon's --init-path.</summary>
        RunInit,

        /// <summary>An image with ENTRYPOINT ["/usr/local/bin/init", "--"].</summary>
        Entrypoint,
    }

    private ContainerCli Docker => engine.Cli;

    private static string[] InitAndImage(Setup setup) =>
        setup == Setup.RunInit ? ["--init", TestImages.BareImage] : [TestImages.Image];

    /// <summary>`docker run` to the end; the command is a busybox sh script.</summary>
    private (int Code, string Stdout, string Stderr) RunToEnd(Setup setup, string[] options, string script) =>
        Docker.Run(["run", "--rm", "--network", "none", .. options, .. InitAndImage(setup), "sh", "-c", script]);

    private Container Start(Setup setup, string[] options, string script) =>
        new(Docker, ["--network", "none", .. options, .. InitAndImage(setup), "sh", "-c", script]);

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void The_init_is_pid_1_under_the_default_seccomp_profile_and_the_exit_code_passes_through(Setup setup)
    {
        var (code, stdout, stderr) = RunToEnd(setup, [],
            "echo parent $PPID; tr '\\0' ' ' < /proc/1/cmdline; echo; /proc/1/exe --version; grep Seccomp: /proc/1/status; exit 7");
        Assert.True(code == 7, $"exit code {code}: {stderr}");
        Assert.Contains("parent 1", stdout);
        Assert.Contains(setup == Setup.RunInit ? "/sbin/docker-init -- sh -c" : "/usr/local/bin/init -- sh -c", stdout);
        Assert.Matches(@"init version \d+\.\d+\.\d+ - git\.", stdout);
        Assert.Matches(@"Seccomp:\s+2", stdout); // Docker's default profile filters the init's system calls
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void A_command_killed_by_SIGTERM_gives_143(Setup setup)
    {
        var (code, _, stderr) = RunToEnd(setup, [], "kill -TERM $$; sleep 10");
        Assert.True(code == 143, $"exit code {code}: {stderr}");
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void Docker_kill_reaches_the_command(Setup setup)
    {
        using var container = Start(setup, [], ContainerScripts.TrapsUsr1AndTerm);
        container.WaitForLog("ready");
        Docker.Ok("kill", "-s", "USR1", container.Name);
        container.WaitForLog("got USR1");
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void Docker_stop_ends_a_command_that_handles_SIGTERM_with_its_status(Setup setup)
    {
        using var container = Start(setup, [], ContainerScripts.TrapsUsr1AndTerm);
        container.WaitForLog("ready");
        Docker.Ok("stop", "-t", "10", container.Name);
        Assert.Equal(42, container.ExitCode); // SIGKILL after the 10 s would have given 137
    }

    // Docker's default timeout is 10 s; 3 s shows the same and keeps the run short.
    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void Docker_stop_kills_a_command_that_ignores_SIGTERM_after_its_timeout(Setup setup)
    {
        using var container = Start(setup, [], "trap '' TERM; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        Docker.Ok("stop", "-t", "3", container.Name);
        Assert.Equal(137, container.ExitCode);
    }

    // A load balancer keeps routing to a container for a moment after `docker stop`: the command gets
    // SIGTERM only when the drain delay is over, and still well inside docker stop's timeout.
    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void Docker_stop_with_a_stop_delay_reaches_the_command_after_the_delay(Setup setup)
    {
        using var container = Start(setup, ["-e", "INIT_STOP_DELAY=2s"],
            "trap 'echo got TERM at $(cut -d\" \" -f1 /proc/uptime); exit 42' TERM; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        double stopRequested = Uptime();
        Docker.Ok("stop", "-t", "10", container.Name);
        Assert.Equal(42, container.ExitCode); // the command's own status: its trap ran, no SIGKILL came
        string got = container.Logs.Split('\n').Single(line => line.StartsWith("got TERM at ", StringComparison.Ordinal));
        double received = double.Parse(got["got TERM at ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        // /proc/uptime is one clock for the host and the container (no time namespace).
        Assert.True(received - stopRequested >= 1.9, $"the command got SIGTERM {received - stopRequested:0.00} s after docker stop, before the 2 s delay");
    }

    private static double Uptime() =>
        double.Parse(System.IO.File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    [DockerFact]
    public void Docker_info_names_the_init()
    {
        var (_, version, _) = Shell.Run($"'{InitBinary.StaticPath}' --version");
        string commit = Regex.Match(Encoding.UTF8.GetString(version), @" - git\.(\S+)").Groups[1].Value;
        Assert.NotEqual("", commit);
        Assert.Equal($"{InitBinary.StaticPath} {commit}", Docker.Ok("info", "--format", "{{.InitBinary}} {{.InitCommit.ID}}").Trim());
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void A_worker_left_behind_by_the_command_gets_SIGTERM_and_finishes_writing(Setup setup)
    {
        using var shared = new SharedDirectory();
        var (code, _, stderr) = RunToEnd(setup, ["-v", shared.Mount], ContainerScripts.LeaveAWorkerAndExit3);
        Assert.True(code == 3, $"exit code {code}: {stderr}");
        shared.AssertTheWorkerFlushed();
    }

    // The exec'd process is inside the container's PID namespace, but its parent (the shim) is outside:
    // it is nobody's child there, and the init must find it all the same.
    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void A_worker_started_with_docker_exec_gets_SIGTERM_and_finishes_writing(Setup setup)
    {
        using var shared = new SharedDirectory();
        using var container = Start(setup, ["-v", shared.Mount], "echo ready; while [ ! -e /shared/go ]; do sleep 0.1; done; exit 3");
        container.WaitForLog("ready");
        Docker.Ok("exec", "-d", container.Name, "sh", "-c", ContainerScripts.FlushingWorker("/shared/worker-ready"));
        Eventually.Until(() => System.IO.File.Exists(shared.File("worker-ready")), () => "the exec'd worker never started");
        System.IO.File.WriteAllText(shared.File("go"), "");
        Assert.Equal(3, container.Wait());
        shared.AssertTheWorkerFlushed();
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void No_zombie_is_left_inside_after_orphans_exit(Setup setup)
    {
        var (code, stdout, stderr) = RunToEnd(setup, [], ContainerScripts.ZombiesAfterOrphansExit);
        Assert.True(code == 0, $"exit code {code}: {stderr}");
        Assert.Contains("zombies 0", stdout);
    }

    [DockerTheory, InlineData(Setup.RunInit), InlineData(Setup.Entrypoint)]
    public void Runs_read_only_as_an_unprivileged_user_without_capabilities(Setup setup)
    {
        using var container = Start(setup, ["--read-only", "--user", "1000:1000", "--cap-drop", "ALL"],
            "echo init $(grep -E '^(Uid|CapEff):' /proc/1/status); " + ContainerScripts.TrapsUsr1AndTerm);
        container.WaitForLog("ready");
        Assert.Matches(@"init Uid:\s+1000\s.*CapEff:\s+0+\s", container.Logs);
        Docker.Ok("kill", "-s", "USR1", container.Name);
        container.WaitForLog("got USR1");
        Docker.Ok("stop", "-t", "10", container.Name);
        Assert.Equal(42, container.ExitCode);
    }

    // Docker drops --init with --pid container:X, so only an ENTRYPOINT init runs there, and not as
    // PID 1: it must register as subreaper to get the command's orphans, and clean up its own leftovers.
    [DockerFact]
    public void Sharing_another_containers_pid_namespace_the_entrypoint_init_is_a_subreaper_and_cleans_up()
    {
        using var shared = new SharedDirectory();
        using var other = new Container(Docker, "--network", "none", TestImages.BareImage, "sleep", "1000");
        var (code, stdout, stderr) = RunToEnd(Setup.Entrypoint, ["--pid", $"container:{other.Name}", "-v", shared.Mount],
            ContainerScripts.OrphanThatNamesItsParent + ContainerScripts.LeaveAWorkerAndExit3);
        Assert.True(code == 3, $"exit code {code}: {stderr}");
        string initPid = Regex.Match(stdout, @"init pid (\d+)").Groups[1].Value;
        Assert.NotEqual("", initPid);
        Assert.NotEqual("1", initPid);
        Assert.Contains($"orphan parent {initPid}\n", stdout);
        Assert.Contains("orphan reaped\n", stdout);
        shared.AssertTheWorkerFlushed();
    }
}
