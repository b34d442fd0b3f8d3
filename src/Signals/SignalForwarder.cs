using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>Sends signals the init received on to the child, or to the child's process group.</summary>
internal sealed class SignalForwarder(int childPid, bool toProcessGroup)
{
    public void Forward(Signal signal)
    {
        // The child leads its own process group (see ChildSpec), so its pid is also the group id,
        // and the group holds only the child and its descendants.
        int target = toProcessGroup ? -childPid : childPid;
        if (kill(target, signal.Number) == 0)
        {
            // Checked first: under a flood of signals, building the text would be garbage per signal.
            if (Log.Verbosity >= Log.Debugging) Log.Debug($"forwarded {signal} to {Whom}");
            return;
        }
        Log.Warn($"forwarding {signal} to {Whom} failed: {Errno.Describe(Errno.Last)}");
    }

    private string Whom => toProcessGroup ? "process group " + childPid : "child " + childPid;
}
