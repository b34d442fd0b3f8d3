using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>
/// The init is one thread while its command runs, like tini: a thread id is a number of the PID
/// namespace, and a second thread takes the number a pidfile from a run under tini names.
/// </summary>
public class SingleThread
{
    public enum Build { Dynamic, Static }

    private static string PathOf(Build build) => build == Build.Dynamic ? InitBinary.Path : InitBinary.StaticPath;

    [Theory]
    [BothModes(Build.Dynamic)]
    [BothModes(Build.Static)]
    public void Is_one_thread_while_the_command_runs(Mode mode, Build build)
    {
        using var init = InitProcess.StartBuild(mode, PathOf(build), "--", "sh", "-c", "echo ready; exec sleep 1000");
        init.WaitForLine("ready");
        Assert.Equal([init.InitPid], ProcFs.Threads(init.InitPid));
    }

    [Theory, InlineData(Build.Dynamic), InlineData(Build.Static)]
    public void A_stale_pidfile_naming_the_first_free_pid_does_not_look_alive_as_pid_1(Build build)
    {
        using var init = InitProcess.StartBuild(Mode.Pid1, PathOf(build), "--", "sh", "-c", StalePidfile.Check);
        Assert.Equal(0, init.WaitForExit());
        // unshare's namespace has nothing but the init: its first child takes 2, the number tini's took.
        Assert.Equal(StalePidfile.Passed(2), init.Stdout.Single(l => l.StartsWith("command ")));
    }

    /// <summary>
    /// qemu-user runs one thread of its own (its RCU thread) beside the guest's; the runtime's
    /// finalizer thread would be a third, named as the runtime names it.
    /// </summary>
    [Fact]
    public void The_arm64_build_starts_no_finalizer_thread()
    {
        using var init = InitProcess.StartEmulated("qemu-aarch64-static", InitBinary.Arm64Path,
            "--", "sh", "-c", "echo ready; exec sleep 1000");
        init.WaitForLine("ready");
        var names = ProcFs.Threads(init.InitPid).Select(tid => File.ReadAllText($"/proc/{init.InitPid}/task/{tid}/comm").Trim()).ToList();
        Assert.DoesNotContain(".NET Finalizer", names);
        Assert.Equal(2, names.Count);
    }
}

/// <summary>
/// PostgreSQL's stale-lock check, in sh: a pidfile left by a run under tini names the first free pid
/// after the init's (the init's first child); a number the init holds as a thread id passes
/// kill(pid, 0), and postgres would refuse to start ("Is another postmaster (PID 6) running").
/// </summary>
public static class StalePidfile
{
    /// <summary>
    /// Run as the init's command, its first child: every number from 2 up to its own pid must be free
    /// (kill -0 fails with ESRCH), and the init (PID 1 inside) must have one thread.
    /// </summary>
    public const string Check =
        "alive=; for n in $(seq 2 $(($$ - 1))); do kill -0 $n 2>&1 | grep -q 'No such process' || alive=\"$alive $n\"; done; " +
        "echo \"command $$, alive:$alive, tasks of 1: $(ls /proc/1/task | tr '\\n' ' ')\"";

    /// <summary>What <see cref="Check"/> prints for a command of pid <paramref name="commandPid"/> under a one-thread init.</summary>
    public static string Passed(int commandPid) => $"command {commandPid}, alive:, tasks of 1: 1 ";
}
