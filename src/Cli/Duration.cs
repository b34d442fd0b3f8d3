using System;
using System.Globalization;

namespace Init.Cli;

/// <summary>Durations as users write them: <c>500ms</c>, <c>2s</c>, <c>1.5</c> (seconds), <c>1m</c>, <c>0</c>.</summary>
internal static class Duration
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60)];

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
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)) return false;
        double total = value * scale;
        if (double.IsNaN(total) || total > TimeSpan.FromDays(1).TotalSeconds) return false;
        duration = TimeSpan.FromSeconds(total);
        return true;
    }
}
