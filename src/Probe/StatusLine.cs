using System;
using System.Text;

namespace Init.Probe;

/// <summary>
/// The start of an HTTP/1.x response, `HTTP/1.1 200 OK`: the status code is known from its first 13
/// bytes, so nothing after them (headers, a body, megabytes of either) is ever needed.
/// </summary>
internal static class StatusLine
{
    /// <summary>`HTTP/1.1 200` and the space or line end after the code.</summary>
    public const int BytesNeeded = 13;

    /// <summary>How much of a reply is kept: the status line's start, and enough of anything else to show what it was.</summary>
    public const int BytesKept = 64;

    public enum Verdict
    {
        /// <summary>What has arrived is the start of a status line: read on.</summary>
        NeedMore,

        /// <summary>The status code is known.</summary>
        Status,

        /// <summary>What has arrived cannot start a status line.</summary>
        NotHttp,
    }

    /// <param name="ended">Whether the peer has closed its side: nothing more will come.</param>
    public static Verdict Parse(ReadOnlySpan<byte> received, bool ended, out int status)
    {
        status = 0;
        int length = Math.Min(received.Length, BytesNeeded);
        for (int i = 0; i < length; i++)
        {
            if (!Fits(i, received[i])) return Verdict.NotHttp;
        }
        // A server that ends right after the code ("HTTP/1.0 204" and close) still said it.
        if (length < BytesNeeded - (ended ? 1 : 0)) return ended ? Verdict.NotHttp : Verdict.NeedMore;
        status = (received[9] - '0') * 100 + (received[10] - '0') * 10 + (received[11] - '0');
        return Verdict.Status;
    }

    /// <summary>Whether <paramref name="b"/> may be byte <paramref name="index"/> of `HTTP/D.D DDD` + SP, CR or LF.</summary>
    private static bool Fits(int index, byte b) => index switch
    {
        < 5 => b == "HTTP/"u8[index],
        5 or 7 or 9 or 10 or 11 => b is >= (byte)'0' and <= (byte)'9',
        6 => b == '.',
        8 => b == ' ',
        _ => b is (byte)' ' or (byte)'\r' or (byte)'\n',
    };

    /// <summary>What arrived, for the result line: printable ASCII as it is, anything else as '.'.</summary>
    public static string Show(ReadOnlySpan<byte> received)
    {
        var text = new StringBuilder(received.Length);
        foreach (byte b in received) text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return text.ToString();
    }
}
