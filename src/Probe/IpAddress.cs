using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Probe;

/// <summary>An IPv4 or IPv6 address as the kernel takes it (network byte order), with the text it was read from.</summary>
internal readonly unsafe struct IpAddress
{
    private readonly Bytes _bytes;

    public int Family { get; }

    /// <summary>As written, IPv6 without brackets: for messages.</summary>
    public string Text { get; }

    private IpAddress(int family, Bytes bytes, string text)
    {
        Family = family;
        _bytes = bytes;
        Text = text;
    }

    public bool IsIPv6 => Family == AF_INET6;

    /// <summary>The address bytes: 4 for IPv4, 16 for IPv6.</summary>
    public void CopyTo(byte* destination)
    {
        Bytes copy = _bytes;
        for (int i = 0; i < (IsIPv6 ? 16 : 4); i++) destination[i] = copy.Value[i];
    }

    /// <summary>
    /// A literal in the forms inet_pton(3) takes: dotted-quad IPv4 (four decimal numbers, no
    /// shorthands such as 127.1) or IPv6 (no zone).
    /// </summary>
    public static bool TryParse(string text, out IpAddress address)
    {
        address = default;
        if (text.Length is 0 or > 45) return false; // INET6_ADDRSTRLEN - 1
        byte* ascii = stackalloc byte[46];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is <= ' ' or >= '\x7f') return false;
            ascii[i] = (byte)text[i];
        }
        ascii[text.Length] = 0;
        int family = text.Contains(':') ? AF_INET6 : AF_INET;
        Bytes bytes = default;
        if (Inet.inet_pton(family, ascii, bytes.Value) != 1) return false;
        address = new IpAddress(family, bytes, text);
        return true;
    }

    public override string ToString() => Text;

    private struct Bytes
    {
        public fixed byte Value[16];
    }
}
