using System;
using System.Diagnostics;
using Init.Watching;

namespace Init.Tests.Harness;

/// <summary>
/// A change that --reload-on should take as one burst, made by the test and timed. The init ends a
/// burst after <see cref="SettleTimer.Settle"/> without a change: a test thread kept from running that
/// long between two of its operations (CPU starvation on a loaded machine, a wait for the journal) has
/// made several bursts, and a correct init signals each.
/// </summary>
public static class Burst
{
    /// <summary>Makes <paramref name="change"/>; whether it was quick enough that the init must have taken it as one burst.</summary>
    public static bool MadeQuickly(Action change)
    {
        var took = Stopwatch.StartNew();
        change();
        // The stopwatch spans every pause between the operations; under half the window, none of them
        // was the end of a burst, with room to spare.
        return took.Elapsed < SettleTimer.Settle / 2;
    }
}
