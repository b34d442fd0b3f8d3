using System;
using System.Runtime.CompilerServices;

namespace Init.Logging;

/// <summary>
/// An interpolated string (`Text.Format($"'{Name}' (process {Pid})")`, or any `Log.Info($"...")`)
/// formatted into buffers the init keeps, instead of one rented from ArrayPool&lt;char&gt;.Shared.
/// </summary>
/// <remarks>
/// The pool's first use is costly for a program that formats a few lines: it measures how fast the
/// processor number can be read (a timed loop, ProcessorIdCache), sets up per-thread buckets and
/// trimming (a weak table, a GC callback, a seed read from /dev/urandom). For `init -- /bin/true`
/// that was about 40% of the time Main took and most of what it allocated before the main loop. The
/// init formats on one thread; a value formatted into a message may format its own text (a command's
/// ToString), so there is one buffer per level of nesting; deeper, or longer, takes the pool's way.
/// </remarks>
[InterpolatedStringHandler]
internal ref struct Text
{
    private static readonly char[]?[] Buffers = new char[]?[4];
    private static int _depth;

    private DefaultInterpolatedStringHandler _text;
    private readonly int _level;

    public Text(int literalLength, int formattedCount)
    {
        _level = _depth;
        if (_level < Buffers.Length)
        {
            _depth++;
            _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount, null, Buffers[_level] ??= new char[512]);
        }
        else
        {
            _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
        }
    }

    public static string Format(Text text) => text.ToStringAndClear();

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The string; this level's buffer is free again.</summary>
    public string ToStringAndClear()
    {
        string text = _text.ToStringAndClear();
        if (_level < Buffers.Length) _depth = _level;
        return text;
    }
}
