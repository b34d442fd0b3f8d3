using Init.Probe;
using Xunit;

namespace Init.Tests.Probe;

public class ProbeUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/healthz", "127.0.0.1", 8080, "/healthz", "127.0.0.1:8080")]
    [InlineData("http://127.0.0.1", "127.0.0.1", 80, "/", "127.0.0.1")]
    [InlineData("HTTP://localhost:80/", "localhost", 80, "/", "localhost")]
    [InlineData("http://[::1]:8080?ready", "[::1]", 8080, "/?ready", "[::1]:8080")]
    [InlineData("http://app.internal:3000/a/b?c=d&e#fragment", "app.internal", 3000, "/a/b?c=d&e", "app.internal:3000")]
    [InlineData("http://my_host:1/%20", "my_host", 1, "/%20", "my_host:1")]
    public void An_http_url_gives_the_address_the_request_target_and_the_Host_header(string text, string host, int port, string target, string hostHeader)
    {
        var url = ProbeUrl.Parse(text, out string? error);
        Assert.Null(error);
        Assert.NotNull(url);
        Assert.True(url.IsHttp);
        Assert.Equal((host, port, target, hostHeader, text), (url.Host, url.Port, url.Target, url.HostHeader, url.Text));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:5432", "127.0.0.1", 5432)]
    [InlineData("tcp://[::1]:6379", "[::1]", 6379)]
    [InlineData("TCP://db:1", "db", 1)]
    public void A_tcp_url_gives_the_address(string text, string host, int port)
    {
        var url = ProbeUrl.Parse(text, out string? error);
        Assert.Null(error);
        Assert.NotNull(url);
        Assert.False(url.IsHttp);
        Assert.Equal((host, port), (url.Host, url.Port));
        Assert.Equal($"{host}:{port}", url.Endpoint);
    }

    [Theory]
    [InlineData("https://127.0.0.1/", "https is not supported")]
    [InlineData("HTTPS://127.0.0.1/", "https is not supported")]
    [InlineData("udp://127.0.0.1:53", "the scheme 'udp' is not supported")]
    [InlineData("", "is not a URL")]
    [InlineData("localhost:8080", "is not a URL")]
    [InlineData("tcp://127.0.0.1", "tcp:// needs a port")]
    [InlineData("tcp://127.0.0.1:1?x", "tcp:// takes no path or query")]
    [InlineData("http://127.0.0.1:99999/", "'99999' is not a port")]
    [InlineData("http://127.0.0.1:+80/", "'+80' is not a port")]
    [InlineData("http://127.0.0.1:80:80/", "an IPv6 address must be written in brackets")]
    [InlineData("http://[::1/", "an IPv6 address must be closed with ']'")]
    [InlineData("http://[::1]x/", "has something other than :PORT after the address")]
    [InlineData("http://[fe80::1%25eth0]/", "is not an IPv6 address")]
    [InlineData("http://[127.0.0.1]/", "is not an IPv6 address")]
    [InlineData("http://1.2.3/", "neither an IP address nor a host name")]
    [InlineData("http://127.1/", "neither an IP address nor a host name")]
    [InlineData("http://.example/", "neither an IP address nor a host name")]
    [InlineData("http://a..b/", "neither an IP address nor a host name")]
    [InlineData("http://h\u00e9te/", "neither an IP address nor a host name")]
    [InlineData("http://@127.0.0.1/", "user names and passwords")]
    [InlineData("http://127.0.0.1/a\r\nX-Injected: 1", "the path holds a space, a control character")]
    [InlineData("http://127.0.0.1/caf\u00e9", "the path holds a space, a control character or a character that is not ASCII")]
    public void A_url_the_probe_cannot_use_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Null(ProbeUrl.Parse(text, out string? error));
        Assert.Contains(reason, error);
    }
}
