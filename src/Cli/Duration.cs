using System;
using System.Globalization;

namespace Init.Cli;

/// <summary>Durations as users write them: <c>500ms</c>, <c>2s</c>, <c>1.5</c> (seconds), <c>1m</c>, <c>0</c>; at most a day.</summary>
internal static class Duration
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60)];
    private static readonly double MaximumSeconds = TimeSpan.FromDays(1).TotalSeconds;

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        string s = text.Trim().ToLowerInvariant();
        double scale = 1;
        foreach (var (suffix, seconds) in Units)
        {
            if (!s.EndsWith(suffix, StringComparison.Ordinal)) continue;
            s = s[..^suffix.Length];
            scale = seconds;
            break;
        }
        // Digits and one point only: double parsing also takes "Infinity", "NaN" and "-Infinity"
        // whatever the NumberStyles, and TimeSpan.FromSeconds throws on those.
        if (s.Length == 0 || s.AsSpan().ContainsAnyExcept("0123456789.") || s.IndexOf('.') != s.LastIndexOf('.') || s == ".") return false;
        double total = double.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * scale;
        if (!(total <= MaximumSeconds)) return false;
        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>The error for text that is not a duration.</summary>
    public static string Describe(string text) => $"'{text}' is not a duration of at most a day such as 500ms, 2s or 1.5";
}
