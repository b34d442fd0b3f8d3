using System;
using System.Runtime.CompilerServices;

namespace Init.Logging;

/// <summary>
/// An interpolated log message (`Log.Info($"started '{name}'")`), formatted into one buffer the init
/// keeps instead of one rented from ArrayPool&lt;char&gt;.Shared.
/// </summary>
/// <remarks>
/// The pool's first return sets up its trimming (a weak table, a GC callback, a random seed read from
/// /dev/urandom): for the one line the init logs as it starts a command, that was most of the memory
/// the init allocated before its main loop. The init logs on one thread; a message formatted while
/// another is (a value's ToString that logs) takes the pool's way.
/// </remarks>
[InterpolatedStringHandler]
internal ref struct LogLine
{
    private static readonly char[] Buffer = new char[512];
    private static bool _bufferInUse;

    private DefaultInterpolatedStringHandler _text;
    private readonly bool _ownsBuffer;

    public LogLine(int literalLength, int formattedCount)
    {
        _ownsBuffer = !_bufferInUse;
        _bufferInUse = true;
        _text = _ownsBuffer
            ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, null, Buffer)
            : new DefaultInterpolatedStringHandler(literalLength, formattedCount);
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The message; the buffer is free again.</summary>
    public string ToStringAndClear()
    {
        string text = _text.ToStringAndClear();
        if (_ownsBuffer) _bufferInUse = false;
        return text;
    }
}
