using System.Collections.Generic;

namespace Init.Signals;

/// <summary>
/// -r FROM:TO: a signal FROM received by the init is forwarded as TO, or dropped when TO is 0
/// (dumb-init's --rewrite, with names as well as numbers).
/// </summary>
internal sealed class SignalRewrites
{
    private readonly Dictionary<Signal, Signal> _map = [];

    /// <summary>Parses "FROM:TO"; returns null, or what is wrong with it.</summary>
    public string? TryAdd(string rule)
    {
        int colon = rule.IndexOf(':');
        if (colon < 0) return $"'{rule}' is not FROM:TO";
        string fromText = rule[..colon], toText = rule[(colon + 1)..];
        if (!Signal.TryParse(fromText, allowZero: false, out var from)) return $"'{fromText}' is not a signal name or number";
        if (!Signal.TryParse(toText, allowZero: true, out var to)) return $"'{toText}' is not a signal name or number (or 0 to drop)";
        if (!SignalRoles.CanBeRewritten(from)) return $"{from} cannot be rewritten: {SignalRoles.WhyNotRewritable(from)}";
        _map[from] = to;
        return null;
    }

    /// <summary>The rule for a received signal: what to send instead (signal 0: nothing), or null when there is none.</summary>
    public Signal? RuleFor(Signal received) => _map.TryGetValue(received, out var to) ? to : null;
}
