using System;
using Init.Lifecycle;

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

    private Deadline _latest;

    /// <summary>When the burst is over; null while no change is pending.</summary>
    public Deadline? Due { get; private set; }

    public void Changed()
    {
        if (Due is null) _latest = Deadline.In(MaxDelay);
        Due = Deadline.Earlier(Deadline.In(Settle), _latest);
    }

    /// <summary>Whether a burst is over now; if so, the timer is idle again.</summary>
    public bool TakeDue()
    {
        if (Due is not { HasPassed: true }) return false;
        Due = null;
        return true;
    }
}
