using System;
using System.Collections.Generic;
using System.Text;
using Init.Files;

namespace Init.Probe;

/// <summary>
/// The addresses a probe's HOST stands for, found without DNS (a probe checks its own container): a
/// literal is itself, `localhost` is the loopback addresses, any other name is looked up in /etc/hosts.
/// </summary>
internal static class HostAddresses
{
    public const string HostsFile = "/etc/hosts";

    /// <summary>Docker's and Kubernetes' hosts files hold a few lines; a larger one is refused, not read to its end.</summary>
    public const int MaxHostsFileBytes = 1 << 20;

    /// <summary>A host name as RFC 1123 spells one (letters, digits, '-', '.'; '_' as some hosts files hold), not all digits.</summary>
    public static bool IsName(string host)
    {
        if (host.Length is 0 or > 253 || host.StartsWith('.') || host.Contains("..")) return false;
        foreach (char c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_')) return false;
        }
        // A last label of digits only reads as a mistyped IPv4 address (999.1.1.1), never as a name.
        string last = host.TrimEnd('.');
        return last[(last.LastIndexOf('.') + 1)..].AsSpan().ContainsAnyExcept("0123456789");
    }

    /// <summary>The addresses to try, in order, or null with <paramref name="error"/> saying why there are none.</summary>
    /// <param name="host">As the URL gives it: IPv6 in brackets.</param>
    public static List<IpAddress>? Resolve(string host, out string? error)
    {
        error = null;
        string literal = host.StartsWith('[') ? host[1..^1] : host;
        if (IpAddress.TryParse(literal, out var address)) return [address];
        // RFC 6761: localhost is the loopback, whatever a hosts file says. Both families, as servers
        // told to listen on "localhost" bind one or the other (Node.js 17+: ::1 first).
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            IpAddress.TryParse("127.0.0.1", out var v4);
            IpAddress.TryParse("::1", out var v6);
            return [v4, v6];
        }
        return FromHostsFile(host, out error);
    }

    private static List<IpAddress>? FromHostsFile(string name, out string? error)
    {
        error = null;
        if (!RegularFile.TryRead(HostsFile, MaxHostsFileBytes, out byte[]? content, out FileRefusal? refusal))
        {
            error = $"cannot look '{name}' up: cannot read {HostsFile}: {refusal} (the probe does no DNS: give an IP address or localhost)";
            return null;
        }
        var found = new List<IpAddress>();
        foreach (string line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            int comment = line.IndexOf('#');
            string[] fields = (comment < 0 ? line : line[..comment]).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !IpAddress.TryParse(fields[0], out var address)) continue;
            if (Array.FindIndex(fields, 1, field => field.Equals(name, StringComparison.OrdinalIgnoreCase)) < 0) continue;
            if (!found.Exists(a => a.Text == address.Text)) found.Add(address);
        }
        if (found.Count > 0) return found;
        error = $"'{name}' is not in {HostsFile}: the probe does no DNS; give an IP address, localhost or a name in that file";
        return null;
    }
}
