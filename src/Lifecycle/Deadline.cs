using System;
using System.Diagnostics;

namespace Init.Lifecycle;

/// <summary>A moment on the monotonic clock (Stopwatch), which a change of the wall clock cannot move.</summary>
internal readonly record struct Deadline(long Timestamp)
{
    public static Deadline In(TimeSpan duration) =>
        new(Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The time left; zero or less once it has passed.</summary>
    public TimeSpan Remaining => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Timestamp);

    public bool HasPassed => Stopwatch.GetTimestamp() >= Timestamp;

    /// <summary>The earlier of two deadlines, where null is none.</summary>
    public static Deadline? Earlier(Deadline? a, Deadline? b) =>
        a is null ? b : b is null ? a : a.Value.Timestamp <= b.Value.Timestamp ? a : b;
}
