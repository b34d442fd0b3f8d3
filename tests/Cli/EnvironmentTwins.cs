using System.Collections.Generic;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>What `docker run --init` users set through the environment, seen from the published binary.</summary>
public class EnvironmentTwins
{
    [Theory]
    [BothModes]
    public void INIT_REWRITE_rewrites_and_drops_as_r_does(Mode mode)
    {
        var environment = new Dictionary<string, string?> { ["INIT_REWRITE"] = "TERM:QUIT,USR2:0" };
        using var init = InitProcess.StartWith(mode, environment, null, "-vv", "--", "bash", "-c", Signals.Rewriting.TrapSome);
        init.WaitForLine("ready.");
        init.Signal(15);
        init.WaitForLine("got QUIT.");
        init.Signal(12);
        init.WaitForStderr("dropped SIGUSR2");
    }

    [Fact]
    public void A_bad_variable_is_named_and_exits_2_before_anything_runs()
    {
        var environment = new Dictionary<string, string?> { ["INIT_REWRITE"] = "TERM:QUIT,CHLD:TERM" };
        using var init = InitProcess.StartWith(Mode.Plain, environment, null, "--", "sh", "-c", "echo ran");
        Assert.Equal(2, init.WaitForExit());
        Assert.Contains("SIGCHLD cannot be rewritten: the init needs it to reap (for INIT_REWRITE)", init.Stderr);
        Assert.Empty(init.Stdout);
    }

    [Fact]
    public void Help_gives_the_inits_own_usage_line_and_every_variable()
    {
        using var init = InitProcess.Start(Mode.Plain, "--help");
        Assert.Equal(0, init.WaitForExit());
        string help = string.Join("\n", init.Stdout);
        Assert.Contains("init [OPTIONS] [--] COMMAND [ARG...]", help);
        Assert.DoesNotContain("[options]", help);
        foreach (string variable in new[] { "INIT_REWRITE", "INIT_EXPECT_EXIT", "INIT_GRACE_PERIOD", "INIT_STOP_DELAY", "INIT_PAUSE", "INIT_RELOAD_ON", "INIT_RELOAD_SIGNAL", "INIT_WAIT_ALL", "TINI_VERBOSITY" })
            Assert.Contains(variable, help);
    }
}
