using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Probe;

/// <summary>`init --probe http://...` against busybox httpd: Kubernetes' httpGet rule, healthy on 200-399.</summary>
public class ProbingARealServer
{
    [Theory]
    [BothModes]
    public void A_page_that_is_there_answers_200_and_is_healthy(Mode mode)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        var run = ProbeRun.Of(mode, "--probe", server.Url("/"));
        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches($@"^healthy: http://127\.0\.0\.1:{server.Port}/ answered 200 in [0-9.]+ ms$", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_page_that_is_not_there_answers_404_and_is_unhealthy(Mode mode)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        var run = ProbeRun.Of(mode, "--probe", server.Url("/missing?x=1"));
        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith($"unhealthy: http://127.0.0.1:{server.Port}/missing?x=1 answered 404 in ", run.Stdout);
    }

    [Theory]
    [BothModes(204)]
    [BothModes(301)]
    public void Statuses_below_400_are_healthy_and_a_redirect_is_not_followed(Mode mode, int status)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        // Followed, the redirect would end at a 500.
        string url = server.Answering(status, $"Location: {server.Answering(500)}\\r\\n");
        var run = ProbeRun.Of(mode, "--probe", url);
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: {url} answered {status} in ", run.Stdout);
    }

    [Theory]
    [BothModes(500)]
    [BothModes(503)]
    public void Statuses_from_400_are_unhealthy(Mode mode, int status)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        string url = server.Answering(status);
        var run = ProbeRun.Of(mode, "--probe", url);
        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith($"unhealthy: {url} answered {status} in ", run.Stdout);
    }

    [Theory]
    [BothModes]
    public void Localhost_is_the_loopback(Mode mode)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        var run = ProbeRun.Of(mode, "--probe", $"http://localhost:{server.Port}/");
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: http://localhost:{server.Port}/ answered 200", run.Stdout);
    }

    /// <remarks>The probe runs in a mount namespace of its own, where the test's hosts file is /etc/hosts.</remarks>
    [Theory]
    [BothModes]
    public void A_name_is_looked_up_in_etc_hosts(Mode mode)
    {
        using var scratch = new Scratch();
        using var server = new BusyboxHttpd(scratch);
        string hosts = scratch.File("hosts");
        System.IO.File.WriteAllText(hosts, "# test\n10.255.255.1 elsewhere\n::1 other\n127.0.0.1\tlocalhost app.internal  # the app\n");
        var run = ProbeRun.Wrapped(mode, WithHostsFile(hosts), "--probe", $"http://App.Internal:{server.Port}/");
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: http://App.Internal:{server.Port}/ answered 200", run.Stdout);
    }

    [Theory]
    [InlineData("127.0.0.1 other\n", "'app.internal' is not in /etc/hosts: the probe does no DNS")]
    [InlineData(null, "cannot read /etc/hosts: it is a FIFO, not a regular file")]
    public void A_name_that_etc_hosts_cannot_give_is_unhealthy_and_says_why(string? content, string why)
    {
        using var scratch = new Scratch();
        string hosts = scratch.File("hosts");
        // A FIFO with no writer would block a reader that opened it for good.
        if (content is null) Assert.Equal(0, Shell.Run($"mkfifo '{hosts}'").ExitCode);
        else System.IO.File.WriteAllText(hosts, content);
        var run = ProbeRun.Wrapped(Mode.Plain, WithHostsFile(hosts), "--probe", "http://app.internal:8080/", "--probe-timeout", "60s");
        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("unhealthy: http://app.internal:8080/: ", run.Stdout);
        Assert.Contains(why, run.Stdout);
    }

    private static string[] WithHostsFile(string hosts) =>
        ["unshare", "--mount", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hosts];
}
