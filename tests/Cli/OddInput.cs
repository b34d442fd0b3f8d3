using System.Collections.Generic;
using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>
/// Odd input to the published binary, as a user may type it: each row gives the arguments (CMD stands
/// for a command that leaves a marker file and exits 3), an environment variable or none, the exit code, whether
/// the command ran, and what stderr must name. No input may end in a stack trace.
/// </summary>
public class OddInput
{
    [Theory]
    // Durations: infinities, NaN, exponents, signs and huge values are usage errors, from either source.
    [InlineData(null, 2, false, "'-Infinity' is not a duration", "--grace-period", "-Infinity", "CMD")]
    [InlineData(null, 2, false, "'-Infinity' is not a duration", "--grace-period=-Infinity", "CMD")]
    [InlineData(null, 2, false, "'Infinity' is not a duration", "--grace-period", "Infinity", "CMD")]
    [InlineData(null, 2, false, "'NaN' is not a duration", "--grace-period", "NaN", "CMD")]
    [InlineData(null, 2, false, "'1e400' is not a duration", "--grace-period", "1e400", "CMD")]
    [InlineData(null, 2, false, "'-1' is not a duration", "--grace-period", "-1", "CMD")]
    [InlineData(null, 2, false, "'99999999999999999999999' is not a duration", "--grace-period", "99999999999999999999999", "CMD")]
    [InlineData(null, 2, false, "'86401' is not a duration", "--grace-period", "86401", "CMD")]
    [InlineData(null, 2, false, "'' is not a duration", "--grace-period", "", "CMD")]
    [InlineData(null, 2, false, "'' is not a duration", "--grace-period=", "CMD")]
    [InlineData(null, 3, true, "", "--grace-period", "1.5", "CMD")]
    [InlineData(null, 3, true, "", "--grace-period", "1", "--grace-period=0", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=-Infinity", 2, false, "'-Infinity' is not a duration of at most a day such as 500ms, 2s or 1.5 (for INIT_GRACE_PERIOD)", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=-Infinity", 2, false, "'-Infinity' is not a duration of at most a day such as 500ms, 2s or 1.5 (for INIT_GRACE_PERIOD)", "--", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=-Infinity", 2, false, "'-Infinity' is not a duration of at most a day such as 500ms, 2s or 1.5 (for INIT_GRACE_PERIOD)", "-w", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=Infinity", 2, false, "'Infinity' is not a duration", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=NaN", 2, false, "'NaN' is not a duration", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=1e400", 2, false, "'1e400' is not a duration", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=-5", 2, false, "'-5' is not a duration", "-v", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=", 3, true, "", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=", 3, true, "", "-w", "CMD")]
    [InlineData("INIT_GRACE_PERIOD=later", 3, true, "", "--grace-period", "1", "CMD")]
    // getopt: values attach to short options as they are; long options take '=' but not ':'.
    [InlineData(null, 2, false, "option '--verbose' takes no value, but '--verbose=3' gives one", "--verbose=3", "CMD")]
    [InlineData(null, 2, false, "'--help=1'", "--help=1")]
    [InlineData(null, 2, false, "'=SIGTERM' is not a signal name or number (for -p)", "-p=SIGTERM", "CMD")]
    [InlineData(null, 2, false, "':SIGTERM' is not a signal name or number (for -p)", "-p:SIGTERM", "CMD")]
    [InlineData(null, 2, false, "'=5' is not an exit code from 0 to 255 (for -e)", "-e=5", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '--parent-death-signal:TERM'", "--parent-death-signal:TERM", "CMD")]
    [InlineData(null, 2, false, "'=TERM' is not a signal name or number (for -r)", "-r=TERM:QUIT", "CMD")]
    [InlineData(null, 2, false, "'-v' is not a signal name or number (for -p)", "-p", "-v", "CMD")]
    [InlineData(null, 2, false, "'--' is not a signal name or number (for -p)", "-p", "--", "CMD")]
    [InlineData(null, 2, false, "'' is not a signal name or number (for -p)", "-p", "", "CMD")]
    [InlineData(null, 2, false, "option '-p' needs a value", "-p")]
    [InlineData(null, 2, false, "option '--rewrite' needs a value", "--rewrite")]
    [InlineData(null, 2, false, "'NOPE' is not a signal name or number (for --parent-death-signal)", "--parent-death-signal=NOPE", "CMD")]
    [InlineData(null, 2, false, "'NOPE' is not a signal name or number (for -p)", "-p", "TERM", "-p", "NOPE", "CMD")]
    [InlineData(null, 2, false, "'256' is not an exit code from 0 to 255 (for --expect-exit)", "--expect-exit", "256", "CMD")]
    [InlineData(null, 2, false, "'-1' is not an exit code from 0 to 255 (for -e)", "-e", "-1", "CMD")]
    [InlineData(null, 2, false, "'' is not an exit code from 0 to 255 (for -e)", "-e", "", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '-?'", "-?", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '-x'", "-x", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '-x' in '-vx'", "-vx", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '--frobnicate=1'", "--frobnicate=1", "CMD")]
    [InlineData(null, 2, false, "unrecognized option '--verb'", "--verb", "CMD")]
    [InlineData(null, 2, false, "-P runs no command, but 'sh' was given", "-P", "CMD")]
    [InlineData(null, 2, false, "missing command to run", "--")]
    [InlineData(null, 2, false, "missing command to run", "-v", "--")]
    [InlineData(null, 2, false, "missing command to run")]
    [InlineData(null, 3, true, "", "-pSIGTERM", "CMD")]
    [InlineData(null, 3, true, "", "-p", "SIGTERM", "CMD")]
    [InlineData(null, 3, true, "", "--parent-death-signal=TERM", "CMD")]
    [InlineData(null, 3, true, "", "--parent-death-signal", "TERM", "CMD")]
    [InlineData(null, 3, true, "", "-p", "TERM", "-p", "INT", "CMD")]
    [InlineData(null, 3, true, "", "-vvg", "CMD")]
    [InlineData(null, 3, true, "", "--verbose", "--", "CMD")]
    [InlineData(null, 3, true, "", "-r", "USR1:0", "--rewrite=TERM:QUIT", "CMD")]
    [InlineData(null, 0, true, "", "-e3", "CMD")]
    [InlineData(null, 0, true, "", "-e", "3", "CMD")]
    [InlineData(null, 0, true, "", "--expect-exit=3", "CMD")]
    [InlineData(null, 0, true, "", "-ve", "3", "CMD")]
    [InlineData(null, 0, true, "", "-gve3", "--", "CMD")]
    [InlineData(null, 3, true, "", "--", "CMD")]
    [InlineData(null, 3, true, "", "CMD")]
    [InlineData(null, 0, false, "", "-h")]
    [InlineData(null, 0, false, "", "--help", "CMD")]
    // Not options: a lone "-" and an empty argument are command names (getopt stops there too).
    [InlineData(null, 127, false, "cannot run '-'", "-", "CMD")]
    [InlineData(null, 127, false, "cannot run ''", "", "CMD")]
    [InlineData(null, 127, false, "cannot run '/h'", "/h")]
    // tini's variables: TINI_VERBOSITY is read with atoi, the others count when present at all.
    [InlineData("TINI_VERBOSITY=abc", 3, true, "", "CMD")]
    [InlineData("TINI_VERBOSITY=", 3, true, "", "-w", "CMD")]
    [InlineData("TINI_VERBOSITY=2x", 3, true, "init: started 'sh' as process", "CMD")]
    [InlineData("TINI_VERBOSITY=2", 3, true, "init: started 'sh' as process", "--", "CMD")]
    [InlineData("TINI_VERBOSITY=2", 3, true, "init: started 'sh' as process", "-w", "CMD")]
    [InlineData("TINI_VERBOSITY=99999999999999999999", 3, true, "init: started 'sh' as process", "--", "CMD")]
    [InlineData("TINI_KILL_PROCESS_GROUP=", 3, true, "", "CMD")]
    [InlineData("TINI_SUBREAPER=", 3, true, "", "-w", "CMD")]
    public void Odd_input_gets_a_documented_code_and_a_message_naming_it(
        string? environment, int exitCode, bool commandRuns, string stderrNames, params string[] args)
    {
        var env = new Dictionary<string, string?>();
        if (environment is not null) env[environment[..environment.IndexOf('=')]] = environment[(environment.IndexOf('=') + 1)..];
        // A marker file, not stdout: the harness waits a while for stdout lines that no test reads.
        using var scratch = new Scratch();
        string marker = scratch.File("ran");
        string[] arguments = args.SelectMany(a => a == "CMD" ? ["sh", "-c", $"touch {marker}; exit 3"] : new[] { a }).ToArray();

        using var init = InitProcess.StartWith(Mode.Plain, env, null, arguments);
        int code = init.WaitForExit();

        string context = $"init {string.Join(' ', arguments)}\nstderr:\n{init.Stderr}";
        Assert.True(exitCode == code, $"exit code {code}, expected {exitCode}: {context}");
        bool ran = File.Exists(marker);
        Assert.True(commandRuns == ran, $"the command {(commandRuns ? "did not run" : "ran")}: {context}");
        Assert.Contains(stderrNames, init.Stderr);
        AssertNoStackTrace(init.Stderr);
        if (code == 2) Assert.Contains("Usage: init [OPTIONS] [--] COMMAND [ARG...]", init.Stderr);
    }

    /// <summary>`exec -a NAME init ...`: argv[0] is whatever the caller chose; neither path may trip over it.</summary>
    [Theory]
    [InlineData(Mode.Plain, "/", "--")]
    [BothModes("/", "-v")]
    [InlineData(Mode.Plain, "", "-v")]
    [InlineData(Mode.Pid1, "", "--")]
    [InlineData(Mode.Plain, " ", "-v")]
    [InlineData(Mode.Plain, "\t", "-g")]
    [InlineData(Mode.Plain, "//", "-w")]
    [InlineData(Mode.Plain, "-v", "-w")]
    public void Any_argv0_works(Mode mode, string argv0, string option)
    {
        string init = mode == Mode.Pid1 ? "unshare --pid --fork --mount-proc" : "";
        var result = Shell.Run($"{init} bash -c 'exec -a \"$0\" \"$INIT\" {option} sh -c \"echo ran; exit 3\"' '{argv0}'");
        Assert.True(result.ExitCode == 3, result.Stderr);
        Assert.Equal("ran\n", System.Text.Encoding.ASCII.GetString(result.Stdout));
        AssertNoStackTrace(result.Stderr);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    public void Help_works_whatever_argv0_is(string argv0)
    {
        var result = Shell.Run($"bash -c 'exec -a \"$0\" \"$INIT\" --help' '{argv0}'");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("--grace-period", System.Text.Encoding.ASCII.GetString(result.Stdout));
    }

    private static void AssertNoStackTrace(string stderr)
    {
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }
}
