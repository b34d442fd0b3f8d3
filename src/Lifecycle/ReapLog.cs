using Init.Logging;
using Init.Reaping;

namespace Init.Lifecycle;

/// <summary>What the init says about a reaped process that is not the command.</summary>
internal static class ReapLog
{
    /// <param name="warn">-w: every such reap is a warning (tini's "reaped zombie process").</param>
    public static void Report(ReapedProcess process, bool warn)
    {
        if (warn) Log.Warn($"reaped zombie process {process.Pid} ({process.Status})");
        else if (Log.Verbosity >= Log.Debugging) Log.Debug($"reaped process {process.Pid} ({process.Status})");
    }
}
