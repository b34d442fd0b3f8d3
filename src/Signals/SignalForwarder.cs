using System.Collections.Generic;
using Init.Lifecycle;
using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>Sends the signals the init receives on to every command still running, or to each one's process group, as -r rewrites them.</summary>
internal sealed class SignalForwarder
{
    private static readonly Signal Dropped = new(0);

    // By the number received: what is sent on (Dropped: nothing, by a -r rule); null for the signals the
    // init keeps for itself (see SignalRoles). Worked out once, so a flood of signals costs a lookup each.
    private readonly Signal?[] _sent = new Signal?[Signal.RealTimeMax + 1];
    private readonly IReadOnlyList<SupervisedCommand> _commands;
    private readonly bool _toProcessGroup;

    public SignalForwarder(IReadOnlyList<SupervisedCommand> commands, bool toProcessGroup, SignalRewrites rewrites)
    {
        _commands = commands;
        _toProcessGroup = toProcessGroup;
        foreach (var signal in Signal.All) _sent[signal.Number] = rewrites.RuleFor(signal) ?? (SignalRoles.IsForwarded(signal) ? signal : null);
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
        else
        {
            // Indexed: enumerating an IReadOnlyList would allocate per signal.
            for (int i = 0; i < _commands.Count; i++)
            {
                // A command already reaped may have had its pid reused.
                if (_commands[i].Status is null) Send(signal, _commands[i].Pid);
            }
        }
    }

    /// <param name="pid">A command: it leads its own process group (see ChildSpec), so its pid is also the group's id.</param>
    private void Send(Signal signal, int pid)
    {
        int target = _toProcessGroup ? -pid : pid;
        if (kill(target, signal.Number) == 0)
        {
            // Checked first: under a flood of signals, building the text would be garbage per signal.
            if (Log.Verbosity >= Log.Debugging) Log.Debug($"forwarded {signal} to {Whom(target)}");
        }
        else Log.Warn($"forwarding {signal} to {Whom(target)} failed: {Errno.Describe(Errno.Last)}");
    }

    private static string Whom(int target) => target < 0 ? "process group " + -target : "child " + target;
}
