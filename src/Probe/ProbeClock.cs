using System;
using System.Diagnostics;
using Init.Lifecycle;

namespace Init.Probe;

/// <summary>
/// The probe's time: when it started (the result line says how long the check took), how long it may
/// take (--probe-timeout, named when it runs out), and the deadline every wait is bounded by.
/// </summary>
internal readonly struct ProbeClock(TimeSpan timeout)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Deadline _end = Deadline.In(timeout);

    public TimeSpan Timeout { get; } = timeout;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>What is left, for poll(2): whole milliseconds rounded up, so a wait never ends just before the deadline; 0 once past it.</summary>
    public int RemainingMilliseconds => (int)Math.Max(0, Math.Ceiling(_end.Remaining.TotalMilliseconds));
}
