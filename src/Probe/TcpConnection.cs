using System;
using System.Collections.Generic;
using Init.Logging;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Probe;

/// <summary>
/// One TCP connection of the probe, through the socket calls themselves (System.Net.Sockets would
/// add 341 KB to the static binary): non-blocking, so every wait is a poll bounded by the clock.
/// </summary>
/// <remarks>
/// A call the probe cannot do without (socket, poll, getsockopt) refused by a seccomp profile throws
/// an <see cref="InitFailure"/> naming it: the check cannot be made there, which is not the server's doing.
/// </remarks>
internal sealed unsafe class TcpConnection : IDisposable
{
    private readonly int _fd;

    private TcpConnection(int fd) => _fd = fd;

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts.</summary>
    /// <returns>The connection, or null with <paramref name="failure"/> saying why (naming the addresses tried when there were several).</returns>
    public static TcpConnection? Open(List<IpAddress> addresses, int port, ProbeClock clock, out string? failure)
    {
        var refusals = new List<(IpAddress Address, int Errno)>();
        foreach (var address in addresses)
        {
            Log.Debug($"connecting to {address}, port {port}");
            int fd = socket(address.Family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) throw new InitFailure($"socket: {Describe(Errno.Last)}");
            int errno = -1;
            try
            {
                errno = Connect(fd, address, port, clock);
            }
            finally
            {
                if (errno != 0) close(fd);
            }
            if (errno == 0)
            {
                failure = null;
                return new TcpConnection(fd);
            }
            string tried = addresses.Count > 1 ? $" (at {address})" : "";
            if (errno == ETIMEDOUT)
            {
                failure = $"no connection within {Seconds(clock.Timeout)}{tried}";
                return null;
            }
            // Nothing listens there, or this family is not configured (IPv6 turned off): the next address may do.
            if (errno != ECONNREFUSED && errno != EADDRNOTAVAIL && errno != EAFNOSUPPORT && errno != ENETUNREACH)
            {
                failure = Describe(errno) + tried;
                return null;
            }
            refusals.Add((address, errno));
        }
        failure = refusals.TrueForAll(r => r.Errno == refusals[0].Errno)
            ? Describe(refusals[0].Errno) + (refusals.Count > 1 ? $" ({string.Join(", ", refusals.ConvertAll(r => r.Address.Text))})" : "")
            : string.Join("; ", refusals.ConvertAll(r => $"{r.Address}: {Describe(r.Errno)}"));
        return null;
    }

    /// <returns>0 once connected, ETIMEDOUT when the deadline passed first, or the errno that refused the connection.</returns>
    private static int Connect(int fd, IpAddress address, int port, ProbeClock clock)
    {
        int result;
        if (address.IsIPv6)
        {
            var v6 = new sockaddr_in6 { sin6_family = AF_INET6, sin6_port = htons((ushort)port) };
            address.CopyTo(v6.sin6_addr.s6_addr);
            result = connect(fd, (sockaddr*)&v6, (socklen_t)sizeof(sockaddr_in6));
        }
        else
        {
            var v4 = new sockaddr_in { sin_family = AF_INET, sin_port = htons((ushort)port) };
            address.CopyTo(v4.sin_addr.s_addr);
            result = connect(fd, (sockaddr*)&v4, (socklen_t)sizeof(sockaddr_in));
        }
        if (result == 0) return 0;
        int errno = Errno.Last;
        if (errno != EINPROGRESS && errno != EINTR) return errno;
        // The kernel finishes the handshake in the background; the socket turns writable when it is done either way.
        if (!Wait(fd, POLLOUT, clock)) return ETIMEDOUT;
        int error = 0;
        socklen_t length = sizeof(int);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) throw new InitFailure($"getsockopt: {Describe(Errno.Last)}");
        return error;
    }

    /// <returns>null once all of <paramref name="bytes"/> is sent, or why not.</returns>
    public string? Send(ReadOnlySpan<byte> bytes, ProbeClock clock)
    {
        fixed (byte* start = bytes)
        {
            int sent = 0;
            while (sent < bytes.Length)
            {
                // MSG_NOSIGNAL: a peer that has gone gives EPIPE, not a SIGPIPE that would end the probe.
                long n = send(_fd, start + sent, bytes.Length - sent, MSG_NOSIGNAL);
                if (n >= 0)
                {
                    sent += (int)n;
                    continue;
                }
                int errno = Errno.Last;
                if (errno == EINTR) continue;
                if (errno != EAGAIN) return $"sending the request: {Describe(errno)}";
                if (!Wait(_fd, POLLOUT, clock)) return $"the request could not be sent within {Seconds(clock.Timeout)}";
            }
        }
        return null;
    }

    /// <summary>Reads what has arrived into <paramref name="into"/>, waiting for something if nothing has.</summary>
    /// <returns>How many bytes were read, 0 at end of stream, or -1 with <paramref name="errno"/> (ETIMEDOUT once the deadline passed).</returns>
    public int Receive(Span<byte> into, ProbeClock clock, out int errno)
    {
        fixed (byte* start = into)
        {
            while (true)
            {
                long n = recv(_fd, start, into.Length, 0);
                if (n >= 0)
                {
                    errno = 0;
                    return (int)n;
                }
                errno = Errno.Last;
                if (errno == EINTR) continue;
                if (errno != EAGAIN) return -1;
                if (!Wait(_fd, POLLIN, clock))
                {
                    errno = ETIMEDOUT;
                    return -1;
                }
            }
        }
    }

    /// <returns>Whether <paramref name="fd"/> became ready for <paramref name="events"/> (or failed) before the clock.</returns>
    private static bool Wait(int fd, short events, ProbeClock clock)
    {
        while (true)
        {
            var ready = new pollfd { fd = fd, events = events };
            int n = Poll.poll(&ready, 1, clock.RemainingMilliseconds);
            if (n > 0) return true;
            if (n < 0 && Errno.Last != EINTR) throw new InitFailure($"poll: {Describe(Errno.Last)}");
            if (clock.RemainingMilliseconds == 0) return false;
        }
    }

    /// <summary>strerror's text as the probe's line continues it: "connection refused".</summary>
    public static string Describe(int errno)
    {
        string text = Errno.Describe(errno);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>A duration as --probe-timeout takes it: 10s, 0.5s.</summary>
    public static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###}s";

    public void Dispose() => close(_fd);
}
