using System;
using System.Collections.Generic;
using Init.Cli;
using Xunit;

namespace Init.Tests.Cli;

public class CommandLineTests
{
    /// <summary>The options <paramref name="args"/> and <paramref name="environment"/> give; fails the test if they are refused.</summary>
    private static InitOptions Options(string[] args, Dictionary<string, string?>? environment = null) =>
        Assert.IsType<ParseOutcome.Run>(CommandLine.Parse(args, name => environment?.GetValueOrDefault(name))).Options;

    /// <summary>The exit code the init stops with at once (usage error, help, version); fails the test if it would run a command.</summary>
    private static int ExitCodeOf(string[] args, Dictionary<string, string?>? environment = null) =>
        Assert.IsType<ParseOutcome.Exit>(CommandLine.Parse(args, name => environment?.GetValueOrDefault(name))).Code;

    [Fact]
    public void Options_stop_at_the_first_argument_that_is_not_one()
    {
        var options = Options(["sleep", "-v", "5"]);
        Assert.Equal(["sleep", "-v", "5"], options.Command);
        Assert.Equal(0, options.CommandIndex);
        Assert.Equal(1, options.Verbosity);
    }

    [Fact]
    public void Double_dash_is_accepted_and_optional()
    {
        var withDash = Options(["-g", "--", "ls", "--", "-l"]);
        Assert.Equal(["ls", "--", "-l"], withDash.Command);
        Assert.Equal(2, withDash.CommandIndex);
        Assert.True(withDash.ForwardToProcessGroup);
        Assert.Equal(["ls"], Options(["-g", "ls"]).Command);
    }

    [Fact]
    public void A_value_taking_option_consumes_its_value_even_when_it_looks_like_a_command()
    {
        var options = Options(["-p", "TERM", "-e", "3", "-e4", "cat"]);
        Assert.Equal(15, options.ParentDeathSignal?.Number);
        Assert.Equal(new HashSet<int> { 3, 4 }, options.SuccessCodes);
        Assert.Equal(["cat"], options.Command);
    }

    [Theory]
    [InlineData(new[] { "-v", "x" }, 2)]
    [InlineData(new[] { "-vvv", "x" }, 4)]
    [InlineData(new[] { "-v", "-v", "x" }, 3)]
    [InlineData(new[] { "-gvw", "x" }, 2)]
    public void Verbose_counts_every_occurrence(string[] args, int verbosity) =>
        Assert.Equal(verbosity, Options(args).Verbosity);

    [Fact]
    public void Bundled_flags_all_apply()
    {
        var options = Options(["-gsw", "x"]);
        Assert.True(options.ForwardToProcessGroup);
        Assert.True(options.Subreaper);
        Assert.True(options.WarnOnReap);
    }

    [Fact]
    public void Tini_environment_variables_apply()
    {
        var options = Options(["x"], new() { ["TINI_SUBREAPER"] = "", ["TINI_KILL_PROCESS_GROUP"] = "1", ["TINI_VERBOSITY"] = "3" });
        Assert.True(options.Subreaper);
        Assert.True(options.ForwardToProcessGroup);
        Assert.Equal(3, options.Verbosity);
    }

    [Fact]
    public void Command_line_verbosity_wins_over_the_environment() =>
        Assert.Equal(2, Options(["-v", "x"], new() { ["TINI_VERBOSITY"] = "0" }).Verbosity);

    [Theory]
    [InlineData("-x", "x")]
    [InlineData("--bogus", "x")]
    [InlineData("-p", "NOSUCHSIGNAL", "x")]
    [InlineData("-p", "0", "x")]
    [InlineData("-e", "256", "x")]
    [InlineData("-e", "abc", "x")]
    [InlineData("-v")]
    [InlineData("--")]
    [InlineData]
    [InlineData("-r", "TERM", "x")]
    [InlineData("-r", "KILL:TERM", "x")]
    [InlineData("--grace-period", "soon", "x")]
    [InlineData("-P", "x")]
    public void Usage_errors_exit_2(params string[] args) => Assert.Equal(2, ExitCodeOf(args));

    [Fact]
    public void Grace_period_rewrites_and_pause()
    {
        var options = Options(["--grace-period", "500ms", "-r", "TERM:QUIT", "-r", "15:3", "--rewrite", "USR1:0", "x"]);
        Assert.Equal(System.TimeSpan.FromMilliseconds(500), options.GracePeriod);
        Assert.Equal(Init.Signals.Signal.SIGQUIT, options.Rewrites.RuleFor(Init.Signals.Signal.SIGTERM));
        Assert.Null(options.Rewrites.RuleFor(Init.Signals.Signal.SIGHUP));
        Assert.Equal(new Init.Signals.Signal(0), options.Rewrites.RuleFor(Init.Signals.Signal.SIGUSR1));
        Assert.Equal(System.TimeSpan.FromSeconds(5), Options(["x"]).GracePeriod);
        Assert.True(Options(["-P"]).Pause);
        Assert.Empty(Options(["-P"]).Command);
    }

    [Fact]
    public void Grace_period_from_the_environment_and_the_option_wins()
    {
        Assert.Equal(System.TimeSpan.FromSeconds(1.5), Options(["x"], new() { ["INIT_GRACE_PERIOD"] = "1.5" }).GracePeriod);
        Assert.Equal(System.TimeSpan.Zero, Options(["--grace-period", "0", "x"], new() { ["INIT_GRACE_PERIOD"] = "9" }).GracePeriod);
        Assert.Equal(2, ExitCodeOf(["x"], new() { ["INIT_GRACE_PERIOD"] = "later" }));
    }

    /// <summary>`init CMD` and `init -- CMD` skip System.CommandLine; the environment must read the same either way.</summary>
    [Theory]
    [InlineData("x")]
    [InlineData("--", "x")]
    [InlineData("-w", "x")]
    [InlineData("-w", "--", "x")]
    public void The_environment_applies_with_and_without_options(params string[] args)
    {
        var options = Options(args, new() { ["TINI_SUBREAPER"] = "", ["TINI_KILL_PROCESS_GROUP"] = "", ["TINI_VERBOSITY"] = "3", ["INIT_GRACE_PERIOD"] = "250ms" });
        Assert.True(options.Subreaper);
        Assert.True(options.ForwardToProcessGroup);
        Assert.Equal(3, options.Verbosity);
        Assert.Equal(System.TimeSpan.FromMilliseconds(250), options.GracePeriod);
        Assert.Equal(["x"], options.Command);
        Assert.Equal(2, ExitCodeOf(args, new() { ["INIT_GRACE_PERIOD"] = "-Infinity" }));
        Assert.Equal(System.TimeSpan.FromSeconds(5), Options(args, new() { ["INIT_GRACE_PERIOD"] = "" }).GracePeriod);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 0)]
    [InlineData(" 2", 2)]
    [InlineData("3x", 3)]
    [InlineData("+4", 4)]
    [InlineData("-1", -1)]
    [InlineData("99999999999999999999", int.MaxValue)]
    public void Tini_verbosity_reads_as_atoi_does(string value, int verbosity)
    {
        Assert.Equal(verbosity, Options(["x"], new() { ["TINI_VERBOSITY"] = value }).Verbosity);
        Assert.Equal(verbosity, Options(["-w", "x"], new() { ["TINI_VERBOSITY"] = value }).Verbosity);
    }

    [Fact]
    public void Getopt_values_attach_as_given()
    {
        Assert.Equal(15, Options(["-pSIGTERM", "x"]).ParentDeathSignal?.Number);
        Assert.Equal(2, Options(["-p", "TERM", "--parent-death-signal=INT", "x"]).ParentDeathSignal?.Number);
        Assert.Equal(new HashSet<int> { 5, 6, 7 }, Options(["-e5", "-ve", "6", "--expect-exit=7", "x"]).SuccessCodes);
        Assert.Equal(["x", "-v"], Options(["--grace-period", "1", "x", "-v"]).Command);
        Assert.Equal(2, ExitCodeOf(["-p=TERM", "x"]));
        Assert.Equal(2, ExitCodeOf(["-p:TERM", "x"]));
        Assert.Equal(2, ExitCodeOf(["--grace-period:1", "x"]));
        Assert.Equal(2, ExitCodeOf(["--verbose=3", "x"]));
        Assert.Equal(2, ExitCodeOf(["-?"]));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-v", "x")]
    public void An_exception_while_reading_the_arguments_is_an_exit_code_not_a_crash(params string[] args) =>
        Assert.Equal(2, Assert.IsType<ParseOutcome.Exit>(CommandLine.Parse(args, _ => throw new System.InvalidOperationException("boom"))).Code);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--version")]
    [InlineData("-l")]
    public void Help_version_and_licence_exit_0(string option) => Assert.Equal(0, ExitCodeOf([option]));

    [Theory]
    [InlineData(new[] { "--stop-delay", "1.5s", "x" }, null, 1500)]
    [InlineData(new[] { "x" }, "750ms", 750)]
    [InlineData(new[] { "--stop-delay", "2s", "x" }, "9s", 2000)]
    [InlineData(new[] { "x" }, "", 0)]
    [InlineData(new[] { "x" }, null, 0)]
    public void Stop_delay_comes_from_the_option_or_INIT_STOP_DELAY_and_an_empty_value_is_unset(string[] args, string? environment, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Options(args, new() { ["INIT_STOP_DELAY"] = environment }).StopDelay ?? TimeSpan.Zero);
    }

    [Theory]
    [InlineData(new[] { "--stop-delay", "soon", "x" }, null)]
    [InlineData(new[] { "x" }, "soon")]
    public void A_stop_delay_that_is_not_a_duration_is_a_usage_error(string[] args, string? environment)
    {
        Assert.Equal(2, ExitCodeOf(args, new() { ["INIT_STOP_DELAY"] = environment }));
    }

    [Theory]
    [InlineData("-u", "alice")]
    [InlineData("--user", "alice:staff")]
    [InlineData("-u", "1000:50")]
    public void The_option_takes_USER_or_USER_GROUP(string option, string user)
    {
        var options = Options([option, user, "id"]);
        Assert.Equal(user, options.User);
        Assert.Equal(["id"], options.Command);
    }

    [Fact]
    public void INIT_USER_is_read_when_no_option_is_given_and_the_option_wins()
    {
        Assert.Equal("bob", Options(["id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Equal("bob", Options(["--", "id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Equal("alice", Options(["-u", "alice", "id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Null(Options(["id"], new() { ["INIT_USER"] = "" }).User);
        Assert.Null(Options(["id"]).User);
    }

    [Fact]
    public void Reload_on_collects_paths_from_the_options_or_INIT_RELOAD_ON_and_the_signal_defaults_to_SIGHUP()
    {
        var options = Options(["--reload-on", "/a", "--reload-on", "b.conf", "--reload-signal", "USR2", "x"]);
        Assert.Equal(["/a", "b.conf"], options.ReloadOn);
        Assert.Equal(Init.Signals.Signal.SIGUSR2, options.ReloadSignal);
        var fromEnvironment = Options(["x"], new() { ["INIT_RELOAD_ON"] = "/a\n/b", ["INIT_RELOAD_SIGNAL"] = "SIGUSR1" });
        Assert.Equal(["/a", "/b"], fromEnvironment.ReloadOn);
        Assert.Equal(Init.Signals.Signal.SIGUSR1, fromEnvironment.ReloadSignal);
        Assert.Equal(["/c"], Options(["--reload-on", "/c", "x"], new() { ["INIT_RELOAD_ON"] = "/a" }).ReloadOn);
        Assert.Equal(Init.Signals.Signal.SIGHUP, Options(["x"], new() { ["INIT_RELOAD_SIGNAL"] = "" }).ReloadSignal);
    }

    [Fact]
    public void Wait_all_comes_from_the_option_or_INIT_WAIT_ALL()
    {
        Assert.True(Options(["--wait-all", "x"]).WaitAll);
        Assert.True(Options(["x"], new() { ["INIT_WAIT_ALL"] = "1" }).WaitAll);
        Assert.False(Options(["x"], new() { ["INIT_WAIT_ALL"] = "0" }).WaitAll);
        Assert.False(Options(["x"]).WaitAll);
    }

    [Theory]
    [InlineData("--reload-on", "", "x")]
    [InlineData("--reload-signal", "SIGNOPE", "--reload-on", "/", "x")]
    [InlineData("--reload-signal", "0", "--reload-on", "/", "x")]
    [InlineData("-P", "--reload-on", "/")]
    [InlineData("-P", "--wait-all")]
    [InlineData("--wait-all", "--also", "sleep 1", "x")]
    public void Reload_and_wait_all_usage_errors_exit_2(params string[] args) => Assert.Equal(2, ExitCodeOf(args));
}
