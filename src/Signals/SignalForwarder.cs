using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>Sends the signals the init receives on to the command, or to its process group, as -r rewrites them.</summary>
internal sealed class SignalForwarder
{
    private static readonly Signal Dropped = new(0);

    // By the number received: what is sent on (Dropped: nothing, by a -r rule); null for the signals the
    // init keeps for itself (see SignalRoles). Worked out once, so a flood of signals costs a lookup each.
    private readonly Signal?[] _sent = new Signal?[Signal.RealTimeMax + 1];
    private readonly int _target;

    /// <param name="command">The command's pid; it leads its own process group (see ChildSpec), so it is also the group's id.</param>
    public SignalForwarder(int command, bool toProcessGroup, SignalRewrites rewrites)
    {
        _target = toProcessGroup ? -command : command;
        for (int n = 1; n <= Signal.RealTimeMax; n++)
        {
            var signal = new Signal(n);
            _sent[n] = rewrites.RuleFor(signal) ?? (SignalRoles.IsForwarded(signal) ? signal : null);
        }
    }

    public void Forward(Signal received)
    {
        var sent = received.Number is > 0 and <= Signal.RealTimeMax ? _sent[received.Number] : null;
        if (sent is not Signal signal)
        {
            if (Log.Verbosity >= Log.Tracing) Log.Trace($"not forwarding {received}");
        }
        else if (signal == Dropped)
        {
            if (Log.Verbosity >= Log.Debugging) Log.Debug($"dropped {received} (-r {received.Number}:0)");
        }
        else if (kill(_target, signal.Number) == 0)
        {
            // Checked first: under a flood of signals, building the text would be garbage per signal.
            if (Log.Verbosity >= Log.Debugging) Log.Debug($"forwarded {signal} to {Whom}");
        }
        else Log.Warn($"forwarding {signal} to {Whom} failed: {Errno.Describe(Errno.Last)}");
    }

    private string Whom => _target < 0 ? "process group " + -_target : "child " + _target;
}
