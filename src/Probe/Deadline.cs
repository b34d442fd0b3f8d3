using System;
using System.Diagnostics;

namespace Init.Probe;

/// <summary>The end of the probe's time (--probe-timeout), on the monotonic clock: every wait is bounded by what is left of it.</summary>
internal readonly struct Deadline(TimeSpan timeout)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Timeout { get; } = timeout;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>What is left, for poll(2): whole milliseconds rounded up, so a wait never ends just before the deadline; 0 once past it.</summary>
    public int RemainingMilliseconds => (int)Math.Max(0, Math.Ceiling((Timeout - Elapsed).TotalMilliseconds));
}
