using System;
using System.Globalization;

namespace Init.Probe;

/// <summary>
/// What `--probe URL` checks: `http://HOST[:PORT][/PATH[?QUERY]]` (one GET, healthy on 200-399) or
/// `tcp://HOST:PORT` (healthy when a connection is accepted). HOST is an IPv4 or bracketed IPv6
/// literal, `localhost`, or a name looked up in /etc/hosts when the probe runs.
/// </summary>
/// <param name="Text">The URL as given, for the result line.</param>
/// <param name="Host">The host as written, brackets included for IPv6 (what the Host header says).</param>
/// <param name="Target">The request target, `/` when the URL has no path; null for tcp://.</param>
internal sealed record ProbeUrl(string Text, string Host, int Port, bool PortGiven, string? Target)
{
    public bool IsHttp => Target is not null;

    /// <summary>HOST:PORT, as the result line names where a connection failed.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>The Host header: the port is left out only where it is the scheme's default (RFC 9110, 7.2).</summary>
    public string HostHeader => PortGiven && Port != 80 ? Endpoint : Host;

    /// <returns>The URL, or null with <paramref name="error"/> saying what is wrong with it.</returns>
    public static ProbeUrl? Parse(string text, out string? error)
    {
        error = null;
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd < 0 ? "" : text[..schemeEnd].ToLowerInvariant();
        bool http = scheme == "http";
        if (scheme == "https")
        {
            error = $"'{text}': https is not supported (TLS would need OpenSSL, which images without a shell lack): " +
                    "probe a plain-http port, or use tcp://HOST:PORT to check that the port accepts connections";
            return null;
        }
        if (!http && scheme != "tcp")
        {
            error = schemeEnd < 0
                ? $"'{text}' is not a URL such as http://127.0.0.1:8080/healthz or tcp://127.0.0.1:5432"
                : $"'{text}': the scheme '{text[..schemeEnd]}' is not supported: use http:// or tcp://";
            return null;
        }

        string rest = text[(schemeEnd + 3)..];
        int authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        string authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        string target = authorityEnd < 0 ? "" : rest[authorityEnd..];
        if (Authority(authority, out string host, out string? port) is string authorityError)
        {
            error = $"'{text}': {authorityError}";
            return null;
        }

        int portNumber = 80;
        if (port is not null && !TryParsePort(port, out portNumber))
        {
            error = $"'{text}': '{port}' is not a port from 1 to 65535";
            return null;
        }
        if (!http)
        {
            if (port is null) error = $"'{text}': tcp:// needs a port, as in tcp://127.0.0.1:5432";
            else if (target.Length > 0) error = $"'{text}': tcp:// takes no path or query, only HOST:PORT";
            return error is null ? new ProbeUrl(text, host, portNumber, true, null) : null;
        }
        if (RequestTarget(target, out string? targetError) is not string requestTarget)
        {
            error = $"'{text}': {targetError}";
            return null;
        }
        return new ProbeUrl(text, host, portNumber, port is not null, requestTarget);
    }

    /// <summary>Splits HOST[:PORT]; the host must be one the probe can find without DNS.</summary>
    /// <returns>null, or what is wrong.</returns>
    private static string? Authority(string authority, out string host, out string? port)
    {
        port = null;
        host = authority;
        if (authority.Contains('@')) return "user names and passwords in the URL are not supported";
        int portStart;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0) return "an IPv6 address must be closed with ']'";
            host = authority[..(close + 1)];
            if (!IpAddress.TryParse(host[1..^1], out var address) || !address.IsIPv6) return $"'{host}' is not an IPv6 address (a zone such as %eth0 is not supported)";
            portStart = close + 1;
            if (portStart < authority.Length && authority[portStart] != ':') return $"'{authority}' has something other than :PORT after the address";
        }
        else
        {
            portStart = authority.IndexOf(':');
            if (portStart != authority.LastIndexOf(':')) return "an IPv6 address must be written in brackets, as in http://[::1]:8080/";
            if (portStart < 0) portStart = authority.Length;
            host = authority[..portStart];
            if (host.Length == 0) return "the host is missing";
            // Names are looked up when the probe runs: only their spelling is checked here.
            if (!IpAddress.TryParse(host, out _) && !HostAddresses.IsName(host))
                return $"'{host}' is neither an IP address nor a host name";
        }
        if (portStart < authority.Length) port = authority[(portStart + 1)..];
        return null;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>The path and query as sent on the request line; the fragment is the client's own, never sent.</summary>
    private static string? RequestTarget(string target, out string? error)
    {
        error = null;
        int fragment = target.IndexOf('#');
        if (fragment >= 0) target = target[..fragment];
        if (target.Length == 0) return "/";
        // A space or a line break would end the request line early: one more header, or a second request.
        foreach (char c in target)
        {
            if (c is <= ' ' or >= '\x7f')
            {
                error = "the path holds a space, a control character or a character that is not ASCII: percent-encode it (%20)";
                return null;
            }
        }
        return target[0] == '?' ? "/" + target : target;
    }
}
