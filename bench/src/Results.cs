namespace Bench;

/// <summary>Everything one run measured about one init; times in ms or µs as named.</summary>
internal sealed record InitResult(
    string Name,
    string Path,
    long SizeBytes,
    double StartupPid1Ms,
    double StartupPlainMs,
    double OverheadPid1Ms,
    double OverheadPlainMs,
    double SignalP50Us,
    double SignalP99Us,
    double StormMs,
    double DrainMs,
    int PeakUnreaped,
    long IdleContextSwitches,
    int Threads,
    long RssAtRestKiB,
    long RssAfterFirstStormKiB,
    long RssAfterAllOrphansKiB,
    long OrphansReaped);

internal sealed record Target(string Name, bool? Pass, string Detail);

/// <summary>One benchmark run: the first init is ours, the others its peers.</summary>
internal sealed record Results(
    DateTime StartedUtc,
    string Kernel,
    int Cpus,
    string LoadAverageAtStart,
    Options Settings,
    double BarePid1Ms,
    double BarePlainMs,
    long? OurDynamicSizeBytes,
    InitResult[] Inits,
    Target[] Targets);
