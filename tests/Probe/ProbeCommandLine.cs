using System.Collections.Generic;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Probe;

/// <summary>`--probe` and `--probe-timeout` as typed: usage errors, and the environment that is not read.</summary>
public class ProbeCommandLine
{
    [Theory]
    [InlineData("'https://127.0.0.1/': https is not supported (TLS would need OpenSSL", "--probe", "https://127.0.0.1/")]
    [InlineData("the scheme 'ftp' is not supported: use http:// or tcp://", "--probe", "ftp://127.0.0.1/")]
    [InlineData("'127.0.0.1:8080' is not a URL such as http://127.0.0.1:8080/healthz", "--probe", "127.0.0.1:8080")]
    [InlineData("tcp:// needs a port", "--probe", "tcp://127.0.0.1")]
    [InlineData("tcp:// takes no path or query", "--probe", "tcp://127.0.0.1:5432/db")]
    [InlineData("'0' is not a port from 1 to 65535", "--probe", "http://127.0.0.1:0/")]
    [InlineData("'65536' is not a port from 1 to 65535", "--probe", "http://127.0.0.1:65536/")]
    [InlineData("'' is not a port from 1 to 65535", "--probe", "http://127.0.0.1:/")]
    [InlineData("the host is missing", "--probe", "http:///healthz")]
    [InlineData("'999.0.0.1' is neither an IP address nor a host name", "--probe", "http://999.0.0.1/")]
    [InlineData("an IPv6 address must be written in brackets", "--probe", "http://::1/")]
    [InlineData("'[::g]' is not an IPv6 address", "--probe", "http://[::g]:80/")]
    [InlineData("user names and passwords in the URL are not supported", "--probe", "http://user:secret@127.0.0.1/")]
    [InlineData("the path holds a space", "--probe", "http://127.0.0.1/a b")]
    [InlineData("option '--probe' needs a value", "--probe")]
    [InlineData("'soon' is not a duration", "--probe", "http://127.0.0.1/", "--probe-timeout", "soon")]
    [InlineData("the probe timeout must be more than 0 (for --probe-timeout)", "--probe", "http://127.0.0.1/", "--probe-timeout", "0")]
    [InlineData("--probe runs no command, but 'true' was given", "--probe", "http://127.0.0.1/", "true")]
    [InlineData("--probe runs no command, but 'true' was given", "--probe", "http://127.0.0.1/", "--", "true")]
    [InlineData("--probe runs no command, so -P does not apply", "-P", "--probe", "http://127.0.0.1/")]
    [InlineData("--probe runs no command, so --user does not apply", "--probe", "http://127.0.0.1/", "--user", "nobody")]
    [InlineData("--probe runs no command, so --secret does not apply", "--secret", "TOKEN", "--probe", "http://127.0.0.1/")]
    [InlineData("--probe runs no command, so --rlimit does not apply", "--probe", "http://127.0.0.1/", "--rlimit", "nofile=1024")]
    [InlineData("--probe-timeout applies only with --probe", "--probe-timeout", "1s", "true")]
    public void Usage_errors_name_the_problem_and_exit_2(string message, params string[] args)
    {
        var run = ProbeRun.Of(Mode.Plain, args);
        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains(message, run.Stderr);
        Assert.Equal(2, run.Stderr.TrimEnd().Split('\n').Length); // the problem, then the usage
    }

    /// <summary>The container's init and its health check share the environment: a variable must not turn the one into the other.</summary>
    [Theory]
    [BothModes]
    public void INIT_PROBE_in_the_environment_leaves_a_run_a_run(Mode mode)
    {
        var run = ProbeRun.With(mode, new Dictionary<string, string?> { ["INIT_PROBE"] = "http://127.0.0.1:1/", ["INIT_PROBE_TIMEOUT"] = "bad" },
            "--", "sh", "-c", "echo ran; exit 3");
        Assert.True(run.Code == 3, run.ToString());
        Assert.Equal("ran", run.Stdout);
    }

    [Fact]
    public void A_probe_reads_none_of_the_variables_meant_for_the_containers_init()
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        var environment = new Dictionary<string, string?>
        {
            ["INIT_PAUSE"] = "1", ["INIT_USER"] = "no-such-user", ["INIT_ALSO"] = "sleep 100",
            ["INIT_GRACE_PERIOD"] = "not a duration", ["TINI_VERBOSITY"] = "4",
            ["INIT_SECRETS"] = "1 is no name", ["INIT_RLIMIT"] = "nofile=many",
        };
        var run = ProbeRun.With(Mode.Plain, environment, "--probe", server.Url("/"));
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith("healthy: ", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Help_lists_the_probe_options()
    {
        var run = ProbeRun.Of(Mode.Plain, "--help");
        Assert.Equal(0, run.Code);
        Assert.Contains("--probe <URL>", run.Stdout);
        Assert.Contains("--probe-timeout <DURATION>", run.Stdout);
    }
}
