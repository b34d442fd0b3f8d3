namespace Bench;

/// <summary>
/// Everything one run measured about one init; times in ms or µs as named. The reference columns
/// (<see cref="ContenderKind.Variant"/>, <see cref="ContenderKind.Floor"/>) have start-up, memory at
/// rest and size only: the rest stay NaN or -1.
/// </summary>
internal sealed record InitResult(
    string Name,
    string Path,
    long SizeBytes,
    double StartupPid1Ms,
    double StartupPlainMs,
    double OverheadPid1Ms,
    double OverheadPlainMs)
{
    /// <summary>`INIT -- /bin/true` with <see cref="ArgumentsBench.Many"/>, plain process, median.</summary>
    public double ManyArgumentsMs { get; init; } = double.NaN;
    /// <summary>`INIT -- /bin/true` with <see cref="ArgumentsBench.Long"/>, plain process, median.</summary>
    public double LongArgumentsMs { get; init; } = double.NaN;
    public double SignalP50Us { get; init; } = double.NaN;
    public double SignalP99Us { get; init; } = double.NaN;
    public double StormMs { get; init; } = double.NaN;
    public double DrainMs { get; init; } = double.NaN;
    public int PeakUnreaped { get; init; } = -1;
    public long IdleContextSwitches { get; init; } = -1;
    public int Threads { get; init; } = -1;
    public long RssAtRestKiB { get; init; } = -1;
    /// <summary>RssAnon at rest: memory of its own, not its binary's pages.</summary>
    public long AnonymousAtRestKiB { get; init; } = -1;
    public long RssAfterFirstStormKiB { get; init; } = -1;
    public long RssAfterAllOrphansKiB { get; init; } = -1;
    public long OrphansReaped { get; init; } = -1;
}

internal sealed record Target(string Name, bool? Pass, string Detail);

/// <summary>One benchmark run: the first init is ours, then its peers, then the reference programs.</summary>
/// <param name="OursBusyPid1Ms">Our start-up as PID 1 with <see cref="Benchmark.BusyOptions"/>, median.</param>
internal sealed record Results(
    DateTime StartedUtc,
    string Kernel,
    int Cpus,
    string LoadAverageAtStart,
    Options Settings,
    double BarePid1Ms,
    double BarePlainMs,
    double OursBusyPid1Ms,
    double OursBusyPlainMs,
    double BareManyArgumentsMs,
    double BareLongArgumentsMs,
    long? OurDynamicSizeBytes,
    InitResult[] Inits,
    ProbeResult? Probe,
    Target[] Targets);
