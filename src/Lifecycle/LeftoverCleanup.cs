using System;
using System.Diagnostics;
using Init.Logging;
using Init.Reaping;
using Init.Signals;

namespace Init.Lifecycle;

/// <summary>
/// After the command has ended: SIGTERM to every leftover process, reaping while they exit, and
/// SIGKILL to whatever is still there when the grace period is over.
/// </summary>
/// <remarks>
/// Without this, the kernel SIGKILLs everything in the namespace the moment PID 1 exits, and a log
/// shipper or worker the command started loses whatever it had not flushed.
/// </remarks>
internal sealed class LeftoverCleanup(TimeSpan gracePeriod, SignalReceiver signals, bool warnOnReap)
{
    // SIGKILL cannot be ignored, but a process in uninterruptible sleep dies only when its I/O ends;
    // the init does not wait for that forever.
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillRetry = TimeSpan.FromMilliseconds(100);

    private readonly Signal[] _batch = new Signal[64];
    private Action<ReapedProcess>? _onReaped;

    /// <summary>Returns once no process is left, or the grace period and the SIGKILL wait are over.</summary>
    public void Run()
    {
        if (!Reap()) return;
        Log.Info($"sending SIGTERM to the remaining processes; SIGKILL in {gracePeriod.TotalSeconds:0.###}s");
        var leftovers = new LeftoverProcesses();
        leftovers.TerminateNewOnes();

        // The deadline is fixed now: a stop request during the grace period does not extend it.
        long deadline = Stopwatch.GetTimestamp() + (long)(gracePeriod.TotalSeconds * Stopwatch.Frequency);
        while (Reap())
        {
            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                KillTheRest();
                return;
            }
            WaitForSignals(remaining);
            // A process may have forked while the previous sweep ran; its child has had no SIGTERM.
            leftovers.TerminateNewOnes();
        }
        Log.Info("every remaining process has exited");
    }

    private void KillTheRest()
    {
        Log.Warn("grace period over; sending SIGKILL to the remaining processes");
        long giveUp = Stopwatch.GetTimestamp() + (long)(KillWait.TotalSeconds * Stopwatch.Frequency);
        do
        {
            // Repeated: a process that forked while the previous round was sent has a new child.
            LeftoverProcesses.KillAll();
            WaitForSignals(KillRetry);
            if (!Reap()) return;
        } while (Stopwatch.GetTimestamp() < giveUp);
        Log.Warn("some processes did not die within 2s of SIGKILL; exiting without them");
    }

    private void WaitForSignals(TimeSpan timeout)
    {
        int count = signals.Receive(_batch, timeout);
        foreach (var signal in _batch.AsSpan(0, count))
        {
            if (signal != Signal.SIGCHLD) Log.Info($"received {signal} while stopping; the grace period stays as it was");
        }
    }

    /// <returns>Whether any descendant is left.</returns>
    private bool Reap()
    {
        return Reaper.ReapAll(_onReaped ??= process => ReapLog.Report(process, warnOnReap));
    }
}
