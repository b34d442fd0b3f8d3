using System.Collections.Generic;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Signals;

public class Forwarding
{
    private const int SIGUSR1 = 10;
    private const int SIGUSR2 = 12;

    /// <summary>Every standard signal but KILL, STOP, CHLD, the faults and TTIN/TTOU; every real-time signal but glibc's 32 and 33.</summary>
    private static readonly int[] Forwarded =
        Enumerable.Range(1, 64).Except([9, 19, 17, 11, 7, 8, 4, 6, 5, 31, 21, 22, 32, 33]).ToArray();

    private const string TrapEverything =
        "for s in $(seq 1 64); do trap \"echo got $s.\" $s 2>/dev/null; done; echo ready; " + Scripts.WaitForever;

    [Theory]
    [BothModes]
    public void Forwards_every_catchable_signal_to_the_child(Mode mode)
    {
        using var init = InitProcess.Bash(mode, TrapEverything);
        init.WaitForLine("ready");
        foreach (int signal in Forwarded)
        {
            init.Signal(signal);
            init.WaitForLine($"got {signal}.");
        }
        Assert.False(init.HasExited);
    }

    // The child sets its trap before it starts the grandchild, so "grandchild ready" means both are.
    private const string ChildAndGrandchild =
        "trap 'echo child got USR1.' USR1; " +
        "bash -c 'trap \"echo grandchild got USR1.\" USR1; echo grandchild ready; " + Scripts.WaitForever + "' & " +
        Scripts.WaitForever;

    [Theory]
    [BothModes("-g")]
    [BothModes("TINI_KILL_PROCESS_GROUP")]
    public void With_g_or_tini_kill_process_group_forwards_to_the_whole_process_group(Mode mode, string how)
    {
        var environment = new Dictionary<string, string?>();
        string[] options = ["--", "bash", "-c", ChildAndGrandchild];
        if (how == "-g") options = ["-g", .. options];
        else environment[how] = "1";
        using var init = InitProcess.StartWith(mode, environment, null, options);
        init.WaitForLine("grandchild ready");
        init.Signal(SIGUSR1);
        init.WaitForAllLines("child got USR1.", "grandchild got USR1.");
    }

    // The child passes SIGUSR2 on to the grandchild, which reports what it gets.
    private static readonly string ChildRelayingUsr2 =
        "trap 'echo child got USR1.' USR1; trap 'kill -USR2 $g' USR2; " +
        Scripts.ReportSignalsLine("grandchild", "USR1", "USR2") + " & g=$!; " + Scripts.WaitForever;

    [Theory]
    [BothModes]
    public void Without_g_only_the_child_gets_the_signal(Mode mode)
    {
        using var init = InitProcess.Bash(mode, ChildRelayingUsr2);
        init.WaitForLine("grandchild ready.");
        init.Signal(SIGUSR1);
        init.WaitForAllLines("child got USR1."); // leaves the lines unread: a grandchild's before it is read below
        // The barrier: the init forwards SIGUSR2 once done with SIGUSR1, and the child relays it.
        // A SIGUSR1 the grandchild had been sent would be reported before it.
        init.Signal(SIGUSR2);
        Assert.Equal("grandchild got USR2.", init.WaitForLine("grandchild got"));
    }

    [Fact]
    public void A_failed_forward_is_logged_and_the_init_keeps_running()
    {
        // The child leaves its own process group for the init's, so kill(-child) finds no process.
        const string leaveGroup =
            "setpgrp(0, getpgrp(getppid())) or die \"setpgrp: $!\"; $| = 1; $SIG{TERM} = sub { exit 7 }; " +
            "print \"moved $$\\n\"; sleep 1 while 1;";
        using var init = InitProcess.Start(Mode.Plain, "-g", "--", "perl", "-e", leaveGroup);
        int child = int.Parse(init.WaitForLine("moved").Split(' ')[1]);
        init.Signal(SIGUSR1);
        init.WaitForStderr($"init: warning: forwarding SIGUSR1 to process group {child} failed: No such process");
        Assert.False(init.HasExited);
        Assert.Equal(0, Libc.kill(child, 15));
        Assert.Equal(7, init.WaitForExit());
    }
}
