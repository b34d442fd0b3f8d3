using System.Collections.Generic;
using Init.Cli;
using Init.Signals;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>Every option that configures a run has an environment twin: the option wins, an empty value is unset.</summary>
public class EnvironmentSettingsTests
{
    private static ParseOutcome Parse(string[] args, Dictionary<string, string> environment) =>
        CommandLine.Parse(args, name => environment.TryGetValue(name, out var v) ? v : null);

    private static InitOptions Options(string[] args, Dictionary<string, string> environment) =>
        Assert.IsType<ParseOutcome.Run>(Parse(args, environment)).Options;

    [Fact]
    public void Each_twin_sets_what_its_option_sets()
    {
        var options = Options(["x"], new()
        {
            ["INIT_PARENT_DEATH_SIGNAL"] = "USR1",
            ["INIT_WARN_ON_REAP"] = "yes",
            ["INIT_EXPECT_EXIT"] = "143,130",
            ["INIT_REWRITE"] = "TERM:QUIT,USR2:0",
        });
        Assert.Equal(Signal.SIGUSR1, options.ParentDeathSignal);
        Assert.True(options.WarnOnReap);
        Assert.Equal(new HashSet<int> { 143, 130 }, options.SuccessCodes);
        Assert.Equal(Signal.SIGQUIT, options.Rewrites.RuleFor(Signal.SIGTERM));
        Assert.Equal(new Signal(0), options.Rewrites.RuleFor(Signal.SIGUSR2));
        Assert.True(Options([], new() { ["INIT_PAUSE"] = "1" }).Pause);
    }

    [Fact]
    public void The_option_wins_over_its_twin_whole()
    {
        var options = Options(["-r", "HUP:USR1", "-e", "7", "-p", "INT", "x"],
            new() { ["INIT_REWRITE"] = "TERM:QUIT", ["INIT_EXPECT_EXIT"] = "143", ["INIT_PARENT_DEATH_SIGNAL"] = "USR1" });
        Assert.Equal(Signal.SIGUSR1, options.Rewrites.RuleFor(Signal.SIGHUP));
        Assert.Null(options.Rewrites.RuleFor(Signal.SIGTERM));
        Assert.Equal(new HashSet<int> { 7 }, options.SuccessCodes);
        Assert.Equal(Signal.SIGINT, options.ParentDeathSignal);
    }

    [Fact]
    public void The_termination_log_is_taken_from_its_option_or_its_twin_and_the_option_wins()
    {
        Assert.Equal("/dev/termination-log", Options(["x"], new() { ["INIT_TERMINATION_LOG"] = "/dev/termination-log" }).TerminationLog);
        Assert.Equal("/a", Options(["--termination-log", "/a", "x"], new() { ["INIT_TERMINATION_LOG"] = "/b" }).TerminationLog);
        Assert.Null(Options(["x"], new() { ["INIT_TERMINATION_LOG"] = "" }).TerminationLog);
        Assert.Equal(2, Assert.IsType<ParseOutcome.Exit>(Parse(["--termination-log", "", "x"], new())).Code);
    }

    [Theory]
    [InlineData("INIT_WARN_ON_REAP", "0")]
    [InlineData("INIT_WARN_ON_REAP", "off")]
    [InlineData("INIT_WARN_ON_REAP", "")]
    [InlineData("INIT_REWRITE", "")]
    [InlineData("INIT_PARENT_DEATH_SIGNAL", "")]
    public void Empty_or_false_leaves_the_option_unset(string variable, string value)
    {
        var options = Options(["x"], new() { [variable] = value });
        Assert.False(options.WarnOnReap);
        Assert.Null(options.ParentDeathSignal);
        Assert.Null(options.Rewrites.RuleFor(Signal.SIGTERM));
    }

    [Theory]
    [InlineData("INIT_WARN_ON_REAP", "maybe")]
    [InlineData("INIT_PAUSE", "2")]
    [InlineData("INIT_REWRITE", "TERM:QUIT,KILL:TERM")]
    [InlineData("INIT_REWRITE", "TERM")]
    [InlineData("INIT_EXPECT_EXIT", "1,,2")]
    [InlineData("INIT_EXPECT_EXIT", "300")]
    [InlineData("INIT_PARENT_DEATH_SIGNAL", "NOPE")]
    [InlineData("INIT_STOP_DELAY", "soon")]
    public void A_bad_value_is_a_usage_error(string variable, string value) =>
        Assert.Equal(2, Assert.IsType<ParseOutcome.Exit>(Parse(["x"], new() { [variable] = value })).Code);
}
