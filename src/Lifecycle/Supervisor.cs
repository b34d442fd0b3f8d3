using System;
using Init.Cli;
using Init.Logging;
using Init.Reaping;
using Init.Signals;

namespace Init.Lifecycle;

/// <summary>
/// The main loop: wait for signals, forward them, reap; when the command has ended, clean up what
/// it left behind and return its exit code.
/// </summary>
internal sealed class Supervisor(int childPid, InitOptions options, SignalReceiver signals)
{
    private readonly SignalForwarder _forwarder = new(childPid, options.ForwardToProcessGroup);
    private ExitStatus? _commandStatus;
    private Action<ReapedProcess>? _onReaped; // one delegate for the init's lifetime, not one per SIGCHLD

    /// <returns>The init's exit code.</returns>
    public int Run()
    {
        ExitStatus command = SuperviseCommand();
        Log.Info($"command {childPid} {command}");
        if (options.GracePeriod > TimeSpan.Zero)
            new LeftoverCleanup(options.GracePeriod, signals, options.WarnOnReap).Run();
        return ExitCode.ForCommand(command, options.SuccessCodes);
    }

    private ExitStatus SuperviseCommand()
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
                else Forward(signal);
            }
            if (childrenChanged && ReapAndFindCommand() is ExitStatus status) return status;
        }
    }

    private void Forward(Signal received)
    {
        if (!SignalRoles.IsForwarded(received) && !options.Rewrites.Rewrites(received))
        {
            if (Log.Verbosity >= Log.Tracing) Log.Trace($"not forwarding {received}");
            return;
        }
        if (options.Rewrites.Apply(received) is Signal forwarded) _forwarder.Forward(forwarded);
        else if (Log.Verbosity >= Log.Debugging) Log.Debug($"dropped {received} (-r {received.Number}:0)");
    }

    private ExitStatus? ReapAndFindCommand()
    {
        Reaper.ReapAll(_onReaped ??= OnReaped);
        return _commandStatus;
    }

    private void OnReaped(ReapedProcess process)
    {
        if (process.Pid == childPid) _commandStatus = process.Status;
        else ReapLog.Report(process, options.WarnOnReap);
    }
}
