using System;
using System.Diagnostics;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>When the command exits, the processes it leaves get SIGTERM and a grace period, then SIGKILL.</summary>
public class LeftoverCleanup
{
    /// <summary>When the command exited, by its own clock, from its "exiting" line.</summary>
    private static DateTime CommandExit(string exitingLine) =>
        DateTime.UnixEpoch.AddTicks(long.Parse(exitingLine.Split(' ')[1].TrimEnd('.')) / 100);

    /// <summary>From the command's exit (its own clock) to the init's exit (as the test host saw it).</summary>
    private static TimeSpan CommandExitToInitExit(InitProcess init, string exitingLine) => init.ExitTimeUtc - CommandExit(exitingLine);

    [Theory]
    [BothModes]
    public void A_leftover_that_handles_SIGTERM_has_finished_its_work_when_the_init_exits(Mode mode)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready"), flushed = scratch.File("flushed");
        string worker = $"trap \"sleep 0.3; echo flushed > {flushed}; exit 0\" TERM; touch {ready}; " + Scripts.WaitForever;
        using var init = InitProcess.Bash(mode, Scripts.CommandLeaving(worker, ready));
        Assert.Equal(3, init.WaitForExit());
        Assert.Equal("flushed\n", File.ReadAllText(flushed));
    }

    [Theory]
    [BothModes]
    public void A_leftover_that_ignores_SIGTERM_is_killed_when_the_grace_period_ends(Mode mode)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"trap \"\" TERM; touch {ready}; exec sleep 1000";
        using var init = InitProcess.Bash(mode, Scripts.CommandLeaving(worker, ready), "--grace-period", "1500ms");
        int workerPid = int.Parse(init.WaitForLine("worker").Split(' ')[1].TrimEnd('.'));
        string exiting = init.WaitForLine("exiting");
        Assert.Equal(3, init.WaitForExit());
        var elapsed = CommandExitToInitExit(init, exiting);
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.4), $"exited {elapsed} after the command, before the grace period ended");
        Assert.Contains("grace period over; sending SIGKILL", init.Stderr);
        if (mode == Mode.Plain) Assert.Null(ProcFs.Status(workerPid, "State")); // killed and reaped
    }

    [Theory]
    [BothModes]
    public void The_processes_sent_SIGTERM_and_SIGKILL_are_named_ten_in_a_line(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "for i in $(seq 12); do (trap '' TERM; exec sleep 1000) & done; while [ $(cd /proc && cat $(sed 's:[0-9][0-9]*:&/comm:g' $$/task/$$/children) | grep -c '^sleep$') -lt 12 ]; do sleep 0.01; done; exit 3", "--grace-period", "1s");
        Assert.Equal(3, init.WaitForExit());
        const string tenThenMore = @"(\d+ \(sleep\), ){9}\d+ \(sleep\) and 2 more";
        Assert.Matches($@"init: sent SIGTERM to the remaining processes: {tenThenMore}; SIGKILL in 1s\n", init.Stderr);
        Assert.Matches($@"init: warning: grace period over; sending SIGKILL to the remaining processes: {tenThenMore}\n", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void Leftovers_that_exit_promptly_cost_nothing(Mode mode) =>
        AssertExitsLongBeforeTheGracePeriodEnds(mode, "exit 0", "nothing was left");

    [Theory]
    [BothModes]
    public void A_process_forked_after_the_SIGTERM_sweep_gets_its_own_SIGTERM(Mode mode) =>
        // The worker answers SIGTERM by starting a new process and exiting: the new one was not
        // there when the init sent SIGTERM, and without a SIGTERM of its own it would last until
        // the grace period ends.
        AssertExitsLongBeforeTheGracePeriodEnds(mode, "sleep 1000 & exit 0", "the late process got no SIGTERM");

    /// <summary>With a 60 s grace period, a worker whose SIGTERM trap runs <paramref name="onTerm"/> must not keep the init 30 s.</summary>
    private static void AssertExitsLongBeforeTheGracePeriodEnds(Mode mode, string onTerm, string otherwise)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"trap \"{onTerm}\" TERM; touch {ready}; " + Scripts.WaitForever;
        using var init = InitProcess.Bash(mode, Scripts.CommandLeaving(worker, ready), "--grace-period", "60s");
        string exiting = init.WaitForLine("exiting");
        Assert.Equal(3, init.WaitForExit(TimeSpan.FromSeconds(40)));
        var elapsed = CommandExitToInitExit(init, exiting);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the init waited {elapsed}: {otherwise}");
    }

    [Fact]
    public void Not_pid_1_a_process_that_is_not_a_descendant_survives()
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"trap \"exit 0\" TERM; touch {ready}; " + Scripts.WaitForever;
        // The sibling shares the init's parent and process group, but is not below the init.
        using var run = InitProcess.Around(
            $"sleep 1000 & echo sibling $!.; \"$INIT\" -- bash -c '{Scripts.CommandLeaving(worker.Replace("\"", "\\\""), ready).Replace("'", "'\\''")}'; echo init exited $?.; " +
            Scripts.WaitForever);
        int sibling = int.Parse(run.WaitForLine("sibling").Split(' ')[1].TrimEnd('.'));
        Assert.Equal("init exited 3.", run.WaitForLine("init exited"));
        try
        {
            Assert.StartsWith("S", ProcFs.Status(sibling, "State"));
        }
        finally
        {
            Libc.kill(sibling, 9);
        }
    }

    [Theory]
    [InlineData("--grace-period", "0")]
    [InlineData("env", "INIT_GRACE_PERIOD=0")]
    public void Grace_period_0_leaves_leftovers_alone_like_tini(string how, string value)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"touch {ready}; exec sleep 1000";
        string[] options = how == "env" ? [] : [how, value];
        var environment = how == "env" ? new System.Collections.Generic.Dictionary<string, string?> { ["INIT_GRACE_PERIOD"] = "0" } : null;
        using var init = InitProcess.StartWith(Mode.Plain, environment, null, [.. options, "--", "bash", "-c", Scripts.CommandLeaving(worker, ready)]);
        int workerPid = int.Parse(init.WaitForLine("worker").Split(' ')[1].TrimEnd('.'));
        try
        {
            Assert.Equal(3, init.WaitForExit());
            Assert.StartsWith("S", ProcFs.Status(workerPid, "State"));
        }
        finally
        {
            Libc.kill(workerPid, 9);
        }
    }

    [Theory]
    [BothModes]
    public void Stop_requests_during_the_grace_period_do_not_restart_the_clock(Mode mode)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"trap \"\" TERM; touch {ready}; exec sleep 1000";
        using var init = InitProcess.Bash(mode, Scripts.CommandLeaving(worker, ready), "--grace-period", "5s", "-v");
        string exiting = init.WaitForLine("exiting");
        // Timed from the command's exit, which starts the grace period, not from when the test saw
        // the line, and the last a second before the grace period ends: a late test must not find
        // the init gone.
        var commandExit = CommandExit(exiting);
        foreach (int at in new[] { 1000, 2500, 4000 })
        {
            var wait = commandExit.AddMilliseconds(at) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) System.Threading.Thread.Sleep(wait);
            if (!init.HasExited) init.Signal(15);
        }
        Assert.Equal(3, init.WaitForExit());
        // A clock restarted by the last SIGTERM would end 5 s after it, at 9 s or later.
        var elapsed = CommandExitToInitExit(init, exiting);
        Assert.True(elapsed < TimeSpan.FromSeconds(8.5), $"exited {elapsed} after the command");
        Assert.Contains("received SIGTERM while stopping", init.Stderr);
    }

    [Fact]
    public void As_pid_1_a_process_that_entered_the_namespace_gets_SIGTERM_and_finishes_before_the_init_exits()
    {
        // `docker exec` and `kubectl exec` start a process inside the namespace whose parent is
        // outside: there it has parent pid 0 and is nobody's child, so no SIGCHLD tells of its exit.
        using var scratch = new Scratch();
        string entered = scratch.File("entered"), flushed = scratch.File("flushed");
        using var init = InitProcess.Bash(Mode.Pid1, $"while [ ! -s {entered} ]; do sleep 0.01; done; exit 3", "--grace-period", "20s");
        string worker = $"trap \"sleep 0.3; echo flushed > {flushed}; exit 0\" TERM; echo parent $PPID > {entered}.tmp; mv {entered}.tmp {entered}; " + Scripts.WaitForever;
        using var exec = Process.Start("nsenter", ["--target", init.InitPid.ToString(), "--pid", "--", "bash", "-c", worker])!;
        try
        {
            Assert.Equal(3, init.WaitForExit());
            Assert.Equal("parent 0\n", File.ReadAllText(entered));
            Assert.True(File.Exists(flushed), $"the entered process got no SIGTERM before the init exited.\nstderr:\n{init.Stderr}");
            Assert.Equal("flushed\n", File.ReadAllText(flushed));
        }
        finally
        {
            if (!exec.WaitForExit(5000)) exec.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void As_pid_1_a_process_that_reuses_the_pid_of_one_sent_SIGTERM_gets_its_own()
    {
        // A exits on SIGTERM. C blocks it; once A's pid is free, C has the kernel give it to a new
        // process D (ns_last_pid of the init's namespace), waits until D is ready, and exits: the
        // init, woken by C's exit, must see D as a new process, not as A.
        // - The kernel frees a pid only after its /proc entry is gone: a probe that gets A's pid
        //   proves it free, and is reaped at once. The init tells a reused pid apart by its start
        //   time, in ticks of 10 ms (a pid comes back naturally only once the pid space has wrapped
        //   around): D starts 10 ms after the probe, which the init may have seen, and so after A.
        // - The init may find D the moment it is forked (A's SIGCHLD, already pending, ends its wait
        //   at once and it sweeps again): D inherits C's block across fork and exec, and lifts it once
        //   its handler is in place and d-ready written (an early SIGTERM then ends D at once, and C
        //   must not wait for it).
        // - Perl runs a handler between ops: a signal caught just before a sleep starts waits until
        //   the sleep ends, hence naps of a second.
        using var scratch = new Scratch("reuse");
        string dir = scratch.Path;
        File.WriteAllText($"{dir}/a.pl", $"$SIG{{TERM}} = sub {{ exit 0 }}; open my $f, '>', '{dir}/a-ready'; close $f; sleep 1 while 1;");
        File.WriteAllText($"{dir}/d.pl",
            $"use POSIX; $SIG{{TERM}} = sub {{ open my $f, '>', '{dir}/d-got-term'; print $f \"$$\\n\"; close $f; exit 0 }}; " +
            $"open my $f, '>', '{dir}/d-ready'; close $f; sigprocmask(SIG_UNBLOCK, POSIX::SigSet->new(SIGTERM)); sleep 1 while 1;");
        File.WriteAllText($"{dir}/c.sh",
            $"touch {dir}/c-ready\n" +
            "until echo $(($1 - 1)) > /proc/sys/kernel/ns_last_pid; : & [ $! = $1 ]; do wait; sleep 0.01; done\n" +
            "wait; sleep 0.01\n" +
            "echo $(($1 - 1)) > /proc/sys/kernel/ns_last_pid\n" +
            $"perl {dir}/d.pl & echo $! > {dir}/d-pid\n" +
            $"while [ ! -e {dir}/d-ready ]; do sleep 0.01; done\n");
        string command = $"perl {dir}/a.pl & a=$!; echo $a > {dir}/a-pid; env --block-signal=TERM bash {dir}/c.sh $a & " +
                         $"while [ ! -e {dir}/a-ready ] || [ ! -e {dir}/c-ready ]; do sleep 0.01; done; exit 3";
        using var init = InitProcess.Bash(Mode.Pid1, command, "--grace-period", "15s");
        Assert.Equal(3, init.WaitForExit());
        Assert.Equal(File.ReadAllText($"{dir}/a-pid"), File.ReadAllText($"{dir}/d-pid")); // D did reuse A's pid
        Assert.True(File.Exists($"{dir}/d-got-term"), $"the process that reused a pid got no SIGTERM.\nstderr:\n{init.Stderr}");
    }
}
