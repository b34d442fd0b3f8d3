using System;
using System.Text;
using Init.Cli;
using static Tmds.Linux.LibC;

namespace Init.Probe;

/// <summary>The probe's one HTTP/1.1 GET on an open connection, read only as far as the status code.</summary>
internal static class HttpExchange
{
    /// <summary>Kubernetes' httpGet sends the same headers; Connection: close asks the server not to keep the connection for a next request that never comes.</summary>
    public static byte[] Request(ProbeUrl url) => Encoding.ASCII.GetBytes(
        $"GET {url.Target} HTTP/1.1\r\nHost: {url.HostHeader}\r\nUser-Agent: init-probe/{BuildInfo.Version}\r\n" +
        "Accept: */*\r\nConnection: close\r\n\r\n");

    /// <returns>null with the <paramref name="status"/> the server answered, or what went wrong.</returns>
    public static string? Exchange(TcpConnection connection, ProbeUrl url, ProbeClock clock, out int status)
    {
        status = 0;
        if (connection.Send(Request(url), clock) is string sendFailure) return sendFailure;
        Span<byte> received = stackalloc byte[StatusLine.BytesKept];
        int length = 0;
        while (true)
        {
            int n = connection.Receive(received[length..], clock, out int errno);
            if (n < 0 && errno == ETIMEDOUT)
            {
                return length == 0
                    ? $"no reply within {TcpConnection.Seconds(clock.Timeout)} (connected, request sent)"
                    : $"no whole status line within {TcpConnection.Seconds(clock.Timeout)} (got '{StatusLine.Show(received[..length])}')";
            }
            if (n < 0) return $"reading the reply: {TcpConnection.Describe(errno)}";
            length += n;
            switch (StatusLine.Parse(received[..length], ended: n == 0, out status))
            {
                case StatusLine.Verdict.Status:
                    return null;
                case StatusLine.Verdict.NotHttp when length == 0:
                    return "the server closed the connection without a reply";
                case StatusLine.Verdict.NotHttp:
                    return $"the reply is not HTTP: '{StatusLine.Show(received[..length])}'" + (n == 0 ? " and the connection closed" : "");
            }
        }
    }
}
