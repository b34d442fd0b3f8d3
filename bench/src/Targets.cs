namespace Bench;

/// <summary>
/// The issue's targets for our init. Absolute times on a shared machine are noisy, so the timing
/// targets are ratios to tini measured in the same run.
/// </summary>
internal static class Targets
{
    public static Target[] Evaluate(InitResult ours, InitResult? tini, int idleSeconds)
    {
        const double MiB = 1024 * 1024;
        var targets = new List<Target>
        {
            Ratio("start-up overhead as PID 1 <= 1.15x tini's", ours.OverheadPid1Ms, tini?.OverheadPid1Ms, 1.15, "ms"),
            Ratio("start-up overhead as plain process <= 1.15x tini's", ours.OverheadPlainMs, tini?.OverheadPlainMs, 1.15, "ms"),
            new($"zero wake-ups in {idleSeconds} s at rest", ours.IdleContextSwitches == 0,
                $"{ours.IdleContextSwitches} context switches (tini: {tini?.IdleContextSwitches.ToString() ?? "n/a"})"),
            Ratio("signal p50 <= 1.1x tini's", ours.SignalP50Us, tini?.SignalP50Us, 1.1, "us"),
            Ratio("zombie drain no slower than tini", ours.DrainMs, tini?.DrainMs, 1.0, "ms"),
            new("RSS at rest <= 4 MiB", ours.RssAtRestKiB * 1024 <= 4 * MiB, $"{ours.RssAtRestKiB} KiB"),
            new($"RSS flat after {ours.OrphansReaped:N0} orphans (< 5% growth)", ours.RssAfterAllOrphansKiB < ours.RssAtRestKiB * 1.05,
                $"{ours.RssAtRestKiB} -> {ours.RssAfterAllOrphansKiB} KiB ({Growth(ours):+0.0;-0.0}%; after the first storm {ours.RssAfterFirstStormKiB} KiB)"),
            new("static binary <= 3.0 MB", ours.SizeBytes <= 3_000_000, $"{ours.SizeBytes / 1e6:0.00} MB ({ours.SizeBytes:N0} bytes)"),
        };
        return targets.ToArray();
    }

    private static double Growth(InitResult r) => 100.0 * (r.RssAfterAllOrphansKiB - r.RssAtRestKiB) / r.RssAtRestKiB;

    /// <summary>Ours over tini's must not exceed <paramref name="limit"/>; unjudged without tini.</summary>
    private static Target Ratio(string name, double ours, double? tini, double limit, string unit)
    {
        if (tini is not double reference) return new(name, null, "tini is not installed");
        string detail = $"ours {ours:0.###} {unit}, tini {reference:0.###} {unit}";
        // Overheads are differences of medians: on a noisy machine tini's can come out at or below zero.
        if (reference <= 0) return new(name, ours <= 0, detail + "; tini's is not positive, so ours must not be either");
        return new(name, ours <= limit * reference, $"{ours / reference:0.00}x: {detail}");
    }
}
