using System;
using System.Diagnostics;

namespace Init.Watching;

/// <summary>
/// Turns a burst of changes into one: due <see cref="Settle"/> after the last change, and at most
/// <see cref="MaxDelay"/> after the first, so that a file rewritten without pause still gets its signal.
/// </summary>
/// <remarks>
/// An update is several operations: the kubelet makes a directory, writes the files, links, renames
/// and removes the old directory; an editor writes a backup, then the file. Each reaches the watch;
/// the program should reload once, after the last.
/// </remarks>
internal sealed class SettleTimer
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private long _firstChange;

    /// <summary>When the burst is over (a Stopwatch timestamp); 0 while no change is pending.</summary>
    public long Due { get; private set; }

    public void Changed()
    {
        long now = Stopwatch.GetTimestamp();
        if (Due == 0) _firstChange = now;
        Due = Math.Min(now + Ticks(Settle), _firstChange + Ticks(MaxDelay));
    }

    /// <summary>Whether a burst is over now; if so, the timer is idle again.</summary>
    public bool TakeDue()
    {
        if (Due == 0 || Stopwatch.GetTimestamp() < Due) return false;
        Due = 0;
        return true;
    }

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
