using System;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Signals;

/// <summary>--stop-delay: the stop request (SIGTERM) is held back while a load balancer drains; everything else is not.</summary>
public class StopDelay
{
    /// <summary>A command that reports each signal it gets, with the time for TERM and USR2, and exits 0 after TERM.</summary>
    /// <remarks>
    /// The TERM and USR2 traps also end the sleep: a trap that runs between the loop's test and its
    /// `wait` would otherwise leave bash waiting for the sleep's whole 1000 s.
    /// </remarks>
    private static string Reporter() =>
        "trap 'echo term $(date +%s%N).; t=1; kill $s' TERM; trap 'echo usr2 $(date +%s%N).; t=1; kill $s' USR2; trap 'echo usr1.' USR1; trap 'echo int.; i=1' INT; " +
        "echo ready.; sleep 1000 & s=$!; while [ -z \"$t\" ]; do wait $s; done; exit 0";

    /// <summary>The init running <paramref name="command"/> (which prints "ready." when set up) with a long delay, holding back the SIGTERM it was just sent.</summary>
    private static InitProcess Holding(Mode mode, params string[] command)
    {
        var init = InitProcess.Start(mode, ["--stop-delay", "300s", "--", .. command]);
        init.WaitForLine("ready");
        init.Signal(15);
        init.WaitForStderr("draining");
        return init;
    }

    private static DateTime TimeIn(string line) =>
        DateTime.UnixEpoch.AddTicks(long.Parse(line.Split(' ')[1].TrimEnd('.')) / 100);

    [Theory]
    [BothModes]
    public void SIGTERM_reaches_the_command_only_after_the_delay(Mode mode)
    {
        using var init = InitProcess.Bash(mode, Reporter(), "--stop-delay", "2s");
        init.WaitForLine("ready");
        var sent = DateTime.UtcNow;
        init.Signal(15);
        var received = TimeIn(init.WaitForLine("term"));
        Assert.True(received - sent >= TimeSpan.FromSeconds(1.95), $"the command got SIGTERM {received - sent} after the init");
        Assert.Equal(0, init.WaitForExit());
        Assert.Contains("received SIGTERM; draining", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void The_delay_also_holds_what_a_rewrite_rule_forwards_SIGTERM_as(Mode mode)
    {
        using var init = InitProcess.Bash(mode, Reporter(), "--stop-delay", "1s", "-r", "TERM:USR2");
        init.WaitForLine("ready");
        var sent = DateTime.UtcNow;
        init.Signal(15);
        var received = TimeIn(init.WaitForLine("usr2"));
        Assert.True(received - sent >= TimeSpan.FromSeconds(0.95), $"the command got SIGUSR2 {received - sent} after the init");
        Assert.Equal(0, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void A_second_SIGTERM_forwards_at_once(Mode mode)
    {
        using var init = Holding(mode, "bash", "-c", Reporter());
        init.Signal(15);
        init.WaitForLine("term");
        Assert.Equal(0, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void SIGINT_during_the_delay_forwards_the_held_SIGTERM_and_itself(Mode mode)
    {
        // perl, not bash: the test host starts processes with SIGINT ignored, the init keeps that (as
        // tini does), and bash can neither trap a signal ignored on entry nor be relied on to run
        // an INT trap right after a TERM one.
        using var init = Holding(mode, "perl", "-e",
            "$| = 1; $SIG{TERM} = sub { print \"term.\\n\"; $t = 1 }; $SIG{INT} = sub { print \"int.\\n\"; $i = 1 }; " +
            "print \"ready.\\n\"; sleep 1 until $t && $i; exit 0");
        init.Signal(2);
        init.WaitForAllLines("int.");
        init.WaitForLine("term");
        Assert.Equal(0, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void Other_signals_during_the_delay_are_forwarded_at_once(Mode mode)
    {
        using var init = Holding(mode, "bash", "-c", Reporter());
        init.Signal(10);
        init.WaitForLine("usr1");
        Assert.DoesNotContain(init.Stdout, line => line.StartsWith("term", StringComparison.Ordinal));
        init.Signal(15);
        Assert.Equal(0, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void The_command_exiting_during_the_delay_ends_the_init_with_its_status(Mode mode)
    {
        using var scratch = new Scratch();
        string stop = scratch.File("stop");
        using var init = Holding(mode, "bash", "-c", $"trap 'echo term.' TERM; echo ready.; while [ ! -e {stop} ]; do sleep 0.05; done; exit 5");
        File.WriteAllText(stop, "");
        Assert.Equal(5, init.WaitForExit());
        Assert.DoesNotContain("term.", init.Stdout);
    }

    [Fact]
    public void Without_a_delay_SIGTERM_is_forwarded_at_once()
    {
        using var init = InitProcess.Bash(Mode.Plain, Reporter());
        init.WaitForLine("ready");
        init.Signal(15);
        init.WaitForLine("term");
        Assert.Equal(0, init.WaitForExit());
        Assert.DoesNotContain("draining", init.Stderr);
    }
}
