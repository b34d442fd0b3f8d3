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
        var environment = new Dictionary<string, string?> { ["INIT_REWRITE"] = "TERM:QUIT,USR1:0" };
        using var init = InitProcess.StartWith(mode, environment, null, ["--", .. Scripts.ReportSignals("child", "QUIT", "USR1", "USR2")]);
        init.WaitForLine("child ready.");
        init.Signal(15);
        Assert.Equal("child got QUIT.", init.WaitForLine("child got"));
        init.Signal(10);
        // The barrier, sent after and numbered above: a SIGUSR1 forwarded would be reported first.
        init.Signal(12);
        Assert.Equal("child got USR2.", init.WaitForLine("child got"));
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

    /// <summary>The INIT_* twins are checked row by row in OptionsAndHelp; tini's variables are in the descriptions.</summary>
    [Fact]
    public void Help_gives_the_inits_own_usage_line_and_tinis_variables()
    {
        // 80 columns, whatever the test's terminal; one space between words, as the help wraps its lines.
        using var init = InitProcess.StartWith(Mode.Plain, new Dictionary<string, string?> { ["COLUMNS"] = "80" }, null, "--help");
        Assert.Equal(0, init.WaitForExit());
        string help = System.Text.RegularExpressions.Regex.Replace(string.Join("\n", init.Stdout), @"\s+", " ");
        Assert.Contains("init [OPTIONS] [--] COMMAND [ARG...]", help);
        Assert.DoesNotContain("[options]", help);
        foreach (string variable in new[] { "TINI_SUBREAPER", "TINI_VERBOSITY", "TINI_KILL_PROCESS_GROUP" })
            Assert.Contains($"Env: {variable}", help);
    }
}
