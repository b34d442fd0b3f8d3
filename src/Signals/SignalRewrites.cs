using System.Collections.Generic;

namespace Init.Signals;

/// <summary>
/// -r FROM:TO: a signal FROM received by the init is forwarded as TO, or dropped when TO is 0
/// (dumb-init's --rewrite, with names as well as numbers).
/// </summary>
internal sealed class SignalRewrites
{
    private readonly Dictionary<Signal, Signal> _map = [];

    public static SignalRewrites None { get; } = new();

    /// <summary>Parses "FROM:TO"; the error names what is wrong.</summary>
    public bool TryAdd(string rule, out string? error)
    {
        error = null;
        int colon = rule.IndexOf(':');
        if (colon < 0)
        {
            error = $"'{rule}' is not FROM:TO";
            return false;
        }
        string fromText = rule[..colon], toText = rule[(colon + 1)..];
        if (!Signal.TryParse(fromText, allowZero: false, out var from))
            error = $"'{fromText}' is not a signal name or number";
        else if (!Signal.TryParse(toText, allowZero: true, out var to))
            error = $"'{toText}' is not a signal name or number (or 0 to drop)";
        else if (!SignalRoles.CanBeRewritten(from))
            error = $"{from} cannot be rewritten: {SignalRoles.WhyNotRewritable(from)}";
        else
            _map[from] = to;
        return error is null;
    }

    /// <summary>What to forward for a received signal; null when the rule drops it.</summary>
    public Signal? Apply(Signal received)
    {
        if (!_map.TryGetValue(received, out var to)) return received;
        return to.Number == 0 ? null : to;
    }

    public bool Rewrites(Signal received) => _map.ContainsKey(received);
}
