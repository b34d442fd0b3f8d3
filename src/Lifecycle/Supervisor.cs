using System;
using System.Collections.Generic;
using Init.Cli;
using Init.Logging;
using Init.Reaping;
using Init.Signals;

namespace Init.Lifecycle;

/// <summary>The main loop: wait for signals, forward them, reap, and end when the command has ended.</summary>
internal sealed class Supervisor(int childPid, InitOptions options, SignalReceiver signals)
{
    private readonly SignalForwarder _forwarder = new(childPid, options.ForwardToProcessGroup);
    private readonly List<ReapedProcess> _reaped = [];

    /// <returns>The init's exit code.</returns>
    public int Run()
    {
        Span<Signal> batch = stackalloc Signal[64];
        while (true)
        {
            // Blocks in the kernel with no timeout: an idle init never wakes up.
            int count = signals.Receive(batch);
            bool childrenChanged = false;
            foreach (var signal in batch[..count])
            {
                if (signal == Signal.SIGCHLD) childrenChanged = true;
                else if (SignalRoles.IsForwarded(signal)) _forwarder.Forward(signal);
                else if (Log.Verbosity >= Log.Tracing) Log.Trace($"not forwarding {signal}");
            }
            if (childrenChanged && ReapAndFindCommand() is ExitStatus status)
            {
                Log.Info($"command {childPid} {status}");
                return ExitCode.ForCommand(status, options.SuccessCodes);
            }
        }
    }

    private ExitStatus? ReapAndFindCommand()
    {
        _reaped.Clear();
        Reaper.ReapAll(_reaped);
        ExitStatus? command = null;
        foreach (var process in _reaped)
        {
            if (process.Pid == childPid) command = process.Status;
            else if (options.WarnOnReap) Log.Warn($"reaped zombie process {process.Pid} ({process.Status})");
            else if (Log.Verbosity >= Log.Debugging) Log.Debug($"reaped process {process.Pid} ({process.Status})");
        }
        return command;
    }
}
