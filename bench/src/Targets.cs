namespace Bench;

/// <summary>
/// The targets for our init (issue 9's table, tightened by issue 22). Absolute times on a shared machine are noisy, so the
/// timing targets are ratios to a peer measured in the same run: start-up against tini-static (like
/// ours, one static binary), signals and reaping against tini.
/// </summary>
internal static class Targets
{
    private const double BusyOptionsMaxExtraMs = 0.5;

    public static Target[] Evaluate(InitResult[] inits, double oursBusyPid1Ms, double oursBusyPlainMs, ProbeResult? probe, Options options)
    {
        int idleSeconds = options.IdleSeconds;
        const double MiB = 1024 * 1024;
        var ours = inits[0];
        var tini = inits.FirstOrDefault(r => r.Name == Contender.Reference);
        var tiniStatic = inits.FirstOrDefault(r => r.Name == Contender.StartupReference);
        string busy = string.Join(' ', Benchmark.BusyOptions);
        return (new Target?[]
        {
            If(options, "startup", Ratio("`init -- /bin/true` as PID 1, median <= 1.5x tini-static's", ours.StartupPid1Ms, tiniStatic?.StartupPid1Ms, 1.5, "ms")),
            If(options, "startup", Ratio("`init -- /bin/true` as plain process, median <= 1.7x tini-static's", ours.StartupPlainMs, tiniStatic?.StartupPlainMs, 1.7, "ms")),
            If(options, "startup", Extra($"`init {busy} -- /bin/true` as PID 1 <= {BusyOptionsMaxExtraMs} ms above plain `init --`", oursBusyPid1Ms, ours.StartupPid1Ms)),
            If(options, "startup", Extra($"`init {busy} -- /bin/true` as plain process <= {BusyOptionsMaxExtraMs} ms above plain `init --`", oursBusyPlainMs, ours.StartupPlainMs)),
            If(options, "arguments", Ratio($"`init -- /bin/true` + {ArgumentsBench.Many.Length:N0} arguments <= 1.5x tini-static's", ours.ManyArgumentsMs, tiniStatic?.ManyArgumentsMs, 1.5, "ms")),
            If(options, "arguments", Ratio($"`init -- /bin/true` + {ArgumentsBench.Long.Length} arguments of 128 KiB <= 1.5x tini-static's", ours.LongArgumentsMs, tiniStatic?.LongArgumentsMs, 1.5, "ms")),
            new("static binary <= 4.2 MB", ours.SizeBytes <= 4_200_000, $"{ours.SizeBytes / 1e6:0.00} MB ({ours.SizeBytes:N0} bytes)"),
            If(options, "memory", new("RSS at rest <= 3.6 MiB", ours.RssAtRestKiB * 1024 <= 3.6 * MiB, $"{ours.RssAtRestKiB} KiB")),
            If(options, "memory", new("anonymous memory at rest <= 320 KiB", ours.AnonymousAtRestKiB <= 320, $"{ours.AnonymousAtRestKiB} KiB")),
            If(options, "signals", Ratio("signal p50 <= 1.0x tini's", ours.SignalP50Us, tini?.SignalP50Us, 1.0, "us")),
            If(options, "reaping", Ratio("zombie drain no slower than tini", ours.DrainMs, tini?.DrainMs, 1.0, "ms")),
            If(options, "idle", new($"zero wake-ups in {idleSeconds} s at rest", ours.IdleContextSwitches == 0,
                $"{ours.IdleContextSwitches} context switches (tini: {tini?.IdleContextSwitches.ToString() ?? "n/a"})")),
            probe is null ? null : Ratio("`init --probe URL` <= 2.0x `busybox wget -q -O /dev/null URL`'s", probe.OursMs, probe.BusyboxWgetMs, 2.0, "ms"),
            If(options, "reaping", new($"RSS flat after {ours.OrphansReaped:N0} orphans (< 5% growth)", ours.RssAfterAllOrphansKiB < ours.RssAtRestKiB * 1.05,
                $"{ours.RssAtRestKiB} -> {ours.RssAfterAllOrphansKiB} KiB ({Growth(ours):+0.0;-0.0}%; after the first storm {ours.RssAfterFirstStormKiB} KiB)")),
        }).Where(t => t is not null).Select(t => t!).ToArray();
    }

    /// <summary>The target, or null when <paramref name="part"/> was left out of the run (--only).</summary>
    private static Target? If(Options options, string part, Target target) => options.Measures(part) ? target : null;

    private static double Growth(InitResult r) => 100.0 * (r.RssAfterAllOrphansKiB - r.RssAtRestKiB) / r.RssAtRestKiB;

    private static Target Extra(string name, double withOptionsMs, double withoutMs) =>
        new(name, withOptionsMs - withoutMs <= BusyOptionsMaxExtraMs,
            $"{withOptionsMs - withoutMs:+0.000;-0.000} ms ({withOptionsMs:0.000} against {withoutMs:0.000} ms)");

    /// <summary>Ours over the peer's must not exceed <paramref name="limit"/>; unjudged without the peer.</summary>
    private static Target Ratio(string name, double ours, double? peer, double limit, string unit)
    {
        if (peer is not double reference) return new(name, null, "the peer is not installed");
        string detail = $"ours {ours:0.###} {unit}, theirs {reference:0.###} {unit}";
        return new(name, ours <= limit * reference, $"{ours / reference:0.00}x: {detail}");
    }
}
