using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Signals;

public class Rewriting
{
    private const string TrapSome =
        "for s in TERM QUIT USR1 USR2 HUP; do trap \"echo got $s.\" $s; done; echo ready.; " + Scripts.WaitForever;

    [Theory]
    [BothModes("TERM:QUIT", 15, "got QUIT.")]
    [InlineData(Mode.Pid1, "15:3", 15, "got QUIT.")]           // dumb-init's numeric form
    [BothModes("SIGRTMIN+3:TERM", 37, "got TERM.")] // podman's systemd-mode stop signal
    [InlineData(Mode.Plain, "hup:usr2", 1, "got USR2.")]
    [InlineData(Mode.Pid1, "RTMIN:TERM", 34, "got TERM.")] // SIGRTMIN comes through preinit.c's relay
    public void Forwards_the_signal_as_rewritten(Mode mode, string rule, int sent, string expected)
    {
        using var init = InitProcess.Bash(mode, TrapSome, "-r", rule);
        init.WaitForLine("ready.");
        init.Signal(sent);
        init.WaitForLine(expected);
        init.Signal(10);
        init.WaitForLine("got USR1."); // everything else is forwarded as before
    }

    [Theory]
    [BothModes]
    public void A_rewrite_to_0_drops_the_signal(Mode mode)
    {
        using var init = InitProcess.Start(mode, ["--rewrite", "USR1:0", "--", .. Scripts.ReportSignals("child", "USR1", "USR2")]);
        init.WaitForLine("child ready.");
        init.Signal(10);
        // The barrier, sent after and numbered above: a SIGUSR1 forwarded would be reported first.
        init.Signal(12);
        Assert.Equal("child got USR2.", init.WaitForLine("child got"));
    }
}
