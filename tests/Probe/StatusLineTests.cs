using System.Text;
using Init.Probe;
using Xunit;

namespace Init.Tests.Probe;

public class StatusLineTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", false, 200)]
    [InlineData("HTTP/1.0 503 Service Unavailable\r\n", false, 503)]
    [InlineData("HTTP/1.1 204\r\n", false, 204)]
    [InlineData("HTTP/1.1 301\n", false, 301)]
    [InlineData("HTTP/1.1 200 ", false, 200)]
    [InlineData("HTTP/1.0 204", true, 204)]
    public void The_status_is_known_from_the_first_13_bytes(string received, bool ended, int status)
    {
        Assert.Equal(StatusLine.Verdict.Status, StatusLine.Parse(Encoding.ASCII.GetBytes(received), ended, out int parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H")]
    [InlineData("HTTP/1.1 20")]
    [InlineData("HTTP/1.1 200")]
    public void A_start_of_a_status_line_needs_more(string received) =>
        Assert.Equal(StatusLine.Verdict.NeedMore, StatusLine.Parse(Encoding.ASCII.GetBytes(received), false, out _));

    [Theory]
    [InlineData("SSH-2.0-OpenSSH", false)]
    [InlineData("http/1.1 200 OK\r\n", false)]
    [InlineData("HTTP/2 200\r\n", false)]
    [InlineData("HTTP/1.1 2000 OK\r\n", false)]
    [InlineData("HTTP/1.1  200 OK\r\n", false)]
    [InlineData("-ERR unknown command", false)]
    [InlineData("", true)]
    [InlineData("HTTP/1.1 20", true)]
    public void Anything_else_is_not_HTTP(string received, bool ended) =>
        Assert.Equal(StatusLine.Verdict.NotHttp, StatusLine.Parse(Encoding.ASCII.GetBytes(received), ended, out _));

    [Fact]
    public void What_arrived_is_shown_printable() =>
        Assert.Equal("SSH....x", StatusLine.Show("SSH\r\n\u00e9x"u8));
}
