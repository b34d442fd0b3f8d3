using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Probe;

/// <summary>`init --probe` against servers of the test's own: what it sends, and replies no real server gives.</summary>
public class ProbingOddServers
{
    private static readonly byte[] NoContent = "HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray();

    [Theory]
    [BothModes]
    public void It_sends_one_GET_with_Host_User_Agent_and_Connection_close(Mode mode)
    {
        using var server = new LoopbackServer<string>((connection, _) =>
        {
            string request = LoopbackServer<string>.ReadRequest(connection);
            connection.Send(NoContent);
            return request;
        });
        var run = ProbeRun.Of(mode, "--probe", $"http://127.0.0.1:{server.Port}/healthz?full=1#top");
        Assert.True(run.Code == 0, run.ToString());
        string version = Regex.Match(ProbeRun.Of(Mode.Plain, "--version").Stdout, @"init version (\S+) ").Groups[1].Value;
        Assert.Equal($"GET /healthz?full=1 HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nUser-Agent: init-probe/{version}\r\n" +
                     "Accept: */*\r\nConnection: close\r\n\r\n", server.Outcome());
    }

    [Theory]
    [BothModes]
    public void A_server_that_accepts_and_never_answers_is_unhealthy_once_the_timeout_is_over(Mode mode)
    {
        using var server = new LoopbackServer<string>((connection, self) =>
        {
            string request = LoopbackServer<string>.ReadRequest(connection);
            self.Stopping.WaitHandle.WaitOne();
            return request;
        });
        var run = ProbeRun.Of(mode, "--probe", $"http://127.0.0.1:{server.Port}/", "--probe-timeout", "1.5s");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: http://127.0.0.1:{server.Port}/: no reply within 1.5s (connected, request sent)", run.Stdout);
        Assert.True(run.Took >= TimeSpan.FromSeconds(1.5), run.ToString());
    }

    [Theory]
    [BothModes]
    public void A_reply_that_is_not_HTTP_is_unhealthy_and_shown(Mode mode)
    {
        using var server = new LoopbackServer<int>((connection, self) =>
        {
            connection.Send("SSH-2.0-OpenSSH_9.2p1 Debian\r\n"u8);
            self.Stopping.WaitHandle.WaitOne(); // the probe must not wait for more
            return 0;
        });
        var run = ProbeRun.Of(mode, "--probe", $"http://127.0.0.1:{server.Port}/", "--probe-timeout", "60s");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: http://127.0.0.1:{server.Port}/: the reply is not HTTP: 'SSH-2.0-OpenSSH_9.2p1 Debian..'", run.Stdout);
    }

    [Fact]
    public void A_server_that_closes_without_a_reply_is_unhealthy()
    {
        using var server = new LoopbackServer<string>((connection, _) => LoopbackServer<string>.ReadRequest(connection));
        var run = ProbeRun.Of(Mode.Plain, "--probe", $"http://127.0.0.1:{server.Port}/");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: http://127.0.0.1:{server.Port}/: the server closed the connection without a reply", run.Stdout);
    }

    /// <remarks>
    /// The server sends the status line, then headers without end, and counts what the kernel took
    /// from it before the probe's close made sending fail: a probe that read them all would never end.
    /// </remarks>
    [Theory]
    [BothModes]
    public void Megabytes_of_headers_make_the_probe_neither_slow_nor_big(Mode mode)
    {
        const long Endless = 1L << 30;
        using var server = new LoopbackServer<long>((connection, _) =>
        {
            connection.Send("HTTP/1.1 200 OK\r\n"u8);
            byte[] header = Encoding.ASCII.GetBytes("X-Filler: " + new string('a', 65_000) + "\r\n");
            long sent = 0;
            try
            {
                while (sent < Endless) sent += connection.Send(header);
            }
            catch (SocketException)
            {
                // the probe closed the connection
            }
            return sent;
        });
        var run = ProbeRun.Of(mode, "--probe", $"http://127.0.0.1:{server.Port}/", "--probe-timeout", "60s");
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: http://127.0.0.1:{server.Port}/ answered 200 in ", run.Stdout);
        Assert.True(server.Outcome() < Endless, "the server sent its endless headers to the end");
    }

    [Theory]
    [BothModes]
    public void A_refused_port_is_unhealthy_at_once(Mode mode)
    {
        using var refusing = new ReservedPort();
        var run = ProbeRun.Of(mode, "--probe", $"http://127.0.0.1:{refusing.Port}/", "--probe-timeout", "60s");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: 127.0.0.1:{refusing.Port}: connection refused", run.Stdout);
        Assert.True(run.Took < TimeSpan.FromSeconds(30), run.ToString()); // the refusal, not the timeout, ended it
    }

    /// <remarks>A listener whose accept queue is full drops the next SYN: the connection is never made.</remarks>
    [Theory]
    [BothModes]
    public void No_connection_within_the_timeout_is_unhealthy_and_named(Mode mode)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var queued = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        queued.Connect(IPAddress.Loopback, port);
        var run = ProbeRun.Of(mode, "--probe", $"tcp://127.0.0.1:{port}", "--probe-timeout", "1s");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: 127.0.0.1:{port}: no connection within 1s", run.Stdout);
        Assert.True(run.Took >= TimeSpan.FromSeconds(1), run.ToString());
    }

    [Theory]
    [BothModes]
    public void An_IPv6_literal_is_probed(Mode mode)
    {
        using var server = new LoopbackServer<string>((connection, _) =>
        {
            string request = LoopbackServer<string>.ReadRequest(connection);
            connection.Send(NoContent);
            return request;
        }, IPAddress.IPv6Loopback);
        var run = ProbeRun.Of(mode, "--probe", $"http://[::1]:{server.Port}/");
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: http://[::1]:{server.Port}/ answered 204 in ", run.Stdout);
        Assert.Contains($"\r\nHost: [::1]:{server.Port}\r\n", server.Outcome());
    }

    /// <remarks>Servers told to listen on "localhost" may bind ::1 alone (Node.js 17 and later).</remarks>
    [Fact]
    public void Localhost_tries_IPv6_when_nothing_listens_on_127_0_0_1()
    {
        using var server = new LoopbackServer<int>((connection, _) =>
        {
            LoopbackServer<int>.ReadRequest(connection);
            connection.Send(NoContent);
            return 0;
        }, IPAddress.IPv6Loopback);
        var run = ProbeRun.Of(Mode.Plain, "--probe", $"http://localhost:{server.Port}/");
        Assert.True(run.Code == 0, run.ToString());
        Assert.StartsWith($"healthy: http://localhost:{server.Port}/ answered 204", run.Stdout);
    }

    [Theory]
    [BothModes]
    public void Tcp_is_healthy_when_the_port_accepts_a_connection(Mode mode)
    {
        using var server = new LoopbackServer<int>((_, _) => 0);
        var run = ProbeRun.Of(mode, "--probe", $"tcp://127.0.0.1:{server.Port}");
        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches($@"^healthy: tcp://127\.0\.0\.1:{server.Port} accepted the connection in [0-9.]+ ms$", run.Stdout);
        server.WaitForConnection();
    }

    [Theory]
    [BothModes]
    public void Tcp_is_unhealthy_when_the_port_refuses(Mode mode)
    {
        using var refusing = new ReservedPort();
        var run = ProbeRun.Of(mode, "--probe", $"tcp://localhost:{refusing.Port}");
        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal($"unhealthy: localhost:{refusing.Port}: connection refused (127.0.0.1, ::1)", run.Stdout);
    }

    /// <remarks>
    /// The init blocks nearly every signal before its runtime starts; a probe gives the mask back, so
    /// a stop (Docker's timeout, Ctrl-C) ends it as it ends any program. As PID 1 the kernel would
    /// drop the signal anyway, so this is a plain process's behaviour.
    /// </remarks>
    [Theory]
    [InlineData(15)]
    [InlineData(2)]
    public void A_signal_ends_a_waiting_probe(int signal)
    {
        using var server = new LoopbackServer<int>((connection, self) =>
        {
            self.Stopping.WaitHandle.WaitOne();
            return 0;
        });
        using var init = InitProcess.Start(Mode.Plain, "--probe", $"http://127.0.0.1:{server.Port}/", "--probe-timeout", "60s");
        server.WaitForConnection();
        init.Signal(signal);
        Assert.Equal(128 + signal, init.WaitForExit());
    }
}
