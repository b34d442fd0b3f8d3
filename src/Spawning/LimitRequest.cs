using System;
using System.Globalization;

namespace Init.Spawning;

/// <summary>`--rlimit NAME=SOFT[:HARD]` as given: no HARD keeps the hard limit the init has.</summary>
internal sealed record LimitRequest(string Text, int Resource, ulong Soft, ulong? Hard)
{
    /// <returns>The request, or null with <paramref name="problem"/> saying what is wrong with <paramref name="text"/>.</returns>
    public static LimitRequest? Parse(string text, out string? problem)
    {
        problem = null;
        int equals = text.IndexOf('=');
        string name = equals < 0 ? text : text[..equals];
        int resource = Array.IndexOf(ResourceLimit.Names, name);
        if (resource < 0)
        {
            problem = $"'{name}' is not a limit: {string.Join(", ", ResourceLimit.Names)}";
            return null;
        }
        string[] values = equals < 0 ? [] : text[(equals + 1)..].Split(':');
        if (values.Length is < 1 or > 2 || !TryValue(values[0], out ulong soft))
        {
            problem = $"'{text}' is not NAME=SOFT[:HARD] (numbers or unlimited)";
            return null;
        }
        if (values.Length == 1) return new LimitRequest(text, resource, soft, null);
        if (!TryValue(values[1], out ulong hard))
        {
            problem = $"'{text}' is not NAME=SOFT[:HARD] (numbers or unlimited)";
            return null;
        }
        return new LimitRequest(text, resource, soft, hard);
    }

    /// <summary>A decimal number, or prlimit(1)'s `unlimited` (or `infinity`).</summary>
    private static bool TryValue(string text, out ulong value)
    {
        if (text is "unlimited" or "infinity")
        {
            value = ResourceLimit.Unlimited;
            return true;
        }
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public override string ToString() => Text;
}
