using System;
using System.Collections.Generic;
using Init.Cli;
using Init.Logging;
using Init.Processes;
using Init.Reaping;
using Init.Signals;
using Init.Watching;

namespace Init.Lifecycle;

/// <summary>
/// The main loop, in three phases. Supervise: forward signals and reap until a command has ended; at
/// the stop request, SIGTERM also goes to the processes that
/// are not the commands'; with several commands, stop the others and wait for them, at
/// most for the grace period. Drain: SIGTERM to every leftover process, then reap until none
/// is left or the grace period is over. Kill: SIGKILL to the rest. Every wake-up reaps, whatever woke it.
/// </summary>
/// <remarks>
/// Without the drain, the kernel SIGKILLs everything in the namespace the moment PID 1 exits, and a
/// log shipper or worker the command started loses whatever it had not flushed.
/// </remarks>
internal sealed class Supervisor
{
    // SIGKILL cannot be ignored, but a process in uninterruptible sleep dies only when its I/O ends;
    // the init does not wait for that forever.
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillRetry = TimeSpan.FromMilliseconds(100);
    // No SIGCHLD tells the init that a process which is not its child (`docker exec`) has exited;
    // while only such processes are left, the drain looks again this often.
    private static readonly TimeSpan OthersPoll = TimeSpan.FromMilliseconds(50);

    private readonly List<SupervisedCommand> _commands;
    private readonly InitOptions _options;
    private readonly SignalReceiver _signals;
    private readonly SignalForwarder _forwarder;
    private readonly ConfigWatcher? _watcher; // --reload-on
    private readonly Reaper _reaper = new();
    private readonly Signal[] _batch = new Signal[64];
    private SupervisedCommand? _firstEnded;
    private string? _firstEndReason;
    private HeldStop _heldStop;
    private LeftoverProcesses? _leftovers;
    private readonly MemoryCgroup? _memory;
    private readonly long? _oomKillsAtStart;
    private bool _childrenLeft = true; // as the last reap found
    private bool _waitingForTheRest; // --wait-all, once the command has exited
    private bool _stopRequested; // SIGTERM while waiting for the rest
    private ExitStatus? _lastEnded; // of any process reaped

    public Supervisor(List<SupervisedCommand> commands, InitOptions options, SignalReceiver signals, ConfigWatcher? watcher)
    {
        _watcher = watcher;
        _commands = commands;
        _options = options;
        _signals = signals;
        _forwarder = new SignalForwarder(commands, options.ForwardToProcessGroup, options.Rewrites);
        if (options.Pause) return;
        // Counted before any command starts: one that allocates at once can be killed before the
        // supervision begins, and a count taken after that would not show its death.
        _memory = MemoryCgroup.OfThisProcess();
        _oomKillsAtStart = _memory?.OomKills();
    }

    /// <summary>Supervises the commands until one ends, then stops the rest.</summary>
    /// <returns>The init's exit code: the first command's, after -e.</returns>
    public int Run()
    {
        while (_firstEnded is null) Supervise();
        var status = _firstEnded.Status!.Value;
        int exitCode = ExitCodes.ForCommand(status, _options.SuccessCodes);
        // Written before the others and the leftovers are stopped: the runtime's SIGKILL may come first.
        if ((status.Signaled || exitCode != 0) && _options.TerminationLog is string path) TerminationLog.Write(path, _firstEndReason!);
        if (_options.WaitAll) return WaitForTheRest(exitCode);
        StopAll();
        return exitCode;
    }

    /// <summary>-P: no command; reaps whatever ends until SIGTERM or SIGINT.</summary>
    /// <returns>0, the init's exit code.</returns>
    public int Pause()
    {
        Log.Info("pausing: reaping until SIGTERM or SIGINT");
        while (true)
        {
            int count = _signals.Receive(_batch);
            foreach (var signal in _batch.AsSpan(0, count))
            {
                if (signal != Signal.SIGTERM && signal != Signal.SIGINT) continue;
                Log.Info($"received {signal}; leaving pause");
                return 0;
            }
            ReapEnded();
        }
    }

    // Made when first needed: it probes pidfd, which a run that never stops anything need not pay for.
    private LeftoverProcesses Leftovers => _leftovers ??= new LeftoverProcesses();

    /// <summary>
    /// Stops the commands still running, then the leftovers. Called once a command has exited, or
    /// directly when a later command could not be started.
    /// </summary>
    public void StopAll()
    {
        StopTheOtherCommands();
        if (_options.GracePeriod > TimeSpan.Zero) DrainThenKill(Leftovers);
    }

    /// <summary>The last resort when <see cref="Run"/> failed: the first command's exit code, waited for if it is not known yet.</summary>
    public int ExitCodeAfterFailure()
    {
        if (_firstEnded?.Status is ExitStatus known) return ExitCodes.ForCommand(known, _options.SuccessCodes);
        if (Reaper.WaitForAny(_commands.ConvertAll(c => c.Pid)) is ReapedProcess ended) return ExitCodes.ForCommand(ended.Status, _options.SuccessCodes);
        return ExitCodes.InitFailed;
    }

    /// <summary>
    /// After the first command ended, the others get the stop request's signal (SIGTERM, as -r makes it)
    /// and the grace period to end; signals the init receives meanwhile still reach them.
    /// </summary>
    private void StopTheOtherCommands()
    {
        if (!_commands.Exists(c => c.Status is null)) return;
        _heldStop.Release(); // the SIGTERM that goes now is the one it held
        _forwarder.Forward(Signal.SIGTERM);
        if (_options.GracePeriod <= TimeSpan.Zero) return;
        var deadline = Deadline.In(_options.GracePeriod);
        while (_commands.Exists(c => c.Status is null) && !deadline.HasPassed) Supervise(deadline);
    }

    /// <summary>One wake-up: the signals received are acted on, and every child that has ended is collected.</summary>
    /// <param name="deadline">When to return at the latest; null: only when woken.</param>
    private void Supervise(Deadline? deadline = null)
    {
        // Blocks in the kernel with no timeout unless a stop is held back or a change settles: an idle
        // init never wakes up.
        var wakeAt = Deadline.Earlier(Deadline.Earlier(deadline, _heldStop.Due), _watcher?.Due);
        int count = wakeAt is Deadline due ? _signals.Receive(_batch, due.Remaining) : _signals.Receive(_batch);
        foreach (var signal in _batch.AsSpan(0, count))
        {
            if (signal != Signal.SIGCHLD) OnSignal(signal);
        }
        OnConfigChanged();
        _childrenLeft = ReapEnded() != Reaped.NoChildren;
        if (_heldStop.IsDue && _firstEnded is null) ForwardHeldStop();
    }

    private void OnSignal(Signal signal)
    {
        if (_waitingForTheRest)
        {
            OnSignalWhileWaitingForTheRest(signal);
            return;
        }
        if (signal == Signal.SIGTERM && _options.StopDelay is TimeSpan delay && delay > TimeSpan.Zero)
        {
            // The stop request: held back while a load balancer still sends traffic; a second one is impatience.
            if (_heldStop.IsHeld)
            {
                ForwardHeldStop();
                return;
            }
            Log.Notice($"received SIGTERM; draining, forwarding it in {delay.TotalSeconds:0.###}s (--stop-delay)");
            _heldStop.Hold(delay);
            return;
        }
        if (signal == Signal.SIGINT && _heldStop.IsHeld) ForwardHeldStop();
        _forwarder.Forward(signal);
        if (signal == Signal.SIGTERM) TerminateOthers();
    }

    private void ForwardHeldStop()
    {
        _heldStop.Release();
        Log.Info("forwarding the SIGTERM held back by --stop-delay");
        _forwarder.Forward(Signal.SIGTERM);
        TerminateOthers();
    }

    /// <summary>
    /// The stop request, at the moment the commands get it: SIGTERM (and SIGHUP to a terminal's
    /// processes) to the processes that are nobody's business but the init's, so an exec'd shell or an
    /// adopted orphan stops alongside the commands instead of after them, out of the same stop budget.
    /// </summary>
    private void TerminateOthers()
    {
        if (_options.GracePeriod <= TimeSpan.Zero) return; // tini's behaviour: what is left is the kernel's to kill
        var sent = Leftovers.TerminateOthersThan(_commands.ConvertAll(c => c.Pid));
        if (sent.Count > 0) Log.Notice($"stop requested: sent SIGTERM to {LeftoverProcesses.Describe(sent)}, which the command did not start");
    }

    /// <summary>Collects every child that has ended, noting how the commands ended.</summary>
    /// <returns><see cref="Reaped.NoneEnded"/> while children remain; <see cref="Reaped.NoChildren"/> once none is left.</returns>
    private Reaped ReapEnded()
    {
        while (true)
        {
            var found = _reaper.Next(out var ended);
            if (found != Reaped.One) return found;
            _lastEnded = ended.Status;
            if (CommandWithPid(ended.Pid) is { } command) Ended(command, ended.Status);
            else if (_options.WarnOnReap) Log.Warn($"reaped zombie process {ended.Pid} ({ended.Status})");
            else if (Log.Verbosity >= Log.Debugging) Log.Debug($"reaped process {ended.Pid} ({ended.Status})");
        }
    }

    // A loop, not List.Find with a lambda: an orphan storm reaps thousands of processes, and the
    // init allocates nothing per reaped process or forwarded signal.
    private SupervisedCommand? CommandWithPid(int pid)
    {
        foreach (var command in _commands)
        {
            if (command.Pid == pid) return command;
        }
        return null;
    }

    /// <summary>
    /// Why a command ended, said where an operator looks: a death by signal (or, with several
    /// commands, any end) at the default verbosity, an exit code of the one command only with -v.
    /// </summary>
    private void Ended(SupervisedCommand command, ExitStatus status)
    {
        command.Status = status;
        bool othersRun = _firstEnded is null && _commands.Exists(c => c.Status is null);
        string reason = Text.Format($"command {command} {status}");
        // Read when the command started and now: the count cannot say which process was killed, only that one was.
        if (_memory?.OomKills() - _oomKillsAtStart is long killed && killed > 0)
            reason += $"; the kernel's OOM killer killed {(killed == 1 ? "a process" : killed + " processes")} in the container's memory cgroup while it ran";
        if (_firstEnded is null) _firstEndReason = reason;
        _firstEnded ??= command;
        if (_commands.Count == 1 && !status.Signaled) Log.Info(reason);
        else Log.Notice(reason + (othersRun ? "; stopping the other commands" : ""));
    }

    /// <summary>
    /// --reload-on: once a burst of changes has settled, the reload signal, as it is, to every command
    /// (to each one's group with -g), or once the command has exited (--wait-all), to what it left.
    /// </summary>
    private void OnConfigChanged()
    {
        if (_watcher is null) return;
        if (_signals.WatchReady) _watcher.ReadEvents();
        if (_watcher.TakeSettled() is not { } changed) return;
        var signal = _options.ReloadSignal;
        string whom = _waitingForTheRest ? DescribeOrNone(Leftovers.SignalChildren(signal, _options.ForwardToProcessGroup)) : _forwarder.SendAsIs(signal);
        Log.Notice($"{string.Join(", ", changed)} changed; sent {signal} to {whom}");
    }

    /// <summary>
    /// --wait-all: the command has exited, and what it left (a daemon it started, now the init's
    /// child) runs on. The init reaps, passes signals on to them, and stays until none is left or a
    /// stop request (SIGTERM) stops them all as it would stop the leftovers of any command.
    /// </summary>
    /// <returns>The init's exit code: <paramref name="commandCode"/> if the command failed, else the last process's.</returns>
    private int WaitForTheRest(int commandCode)
    {
        _waitingForTheRest = true;
        if (_childrenLeft) Log.Info("the command has exited; waiting for the processes it left (--wait-all)");
        while (_childrenLeft && !_stopRequested) Supervise();
        // The command's own status is the last one too when it left nothing.
        var last = _lastEnded!.Value;
        // The stop request's drain, whose last status counts; or, once nothing the command left is there,
        // as PID 1 the drain of what was started from outside (`docker exec`) and its orphans, which
        // neither keep the init nor give its status.
        StopAll();
        if (_stopRequested) last = _lastEnded!.Value;
        return commandCode != 0 ? commandCode : ExitCodes.ForCommand(last, _options.SuccessCodes);
    }

    /// <summary>Once the command has exited: SIGTERM is the stop request; any other signal goes on to the processes left, each once.</summary>
    private void OnSignalWhileWaitingForTheRest(Signal signal)
    {
        if (signal == Signal.SIGTERM)
        {
            Log.Notice("received SIGTERM; stopping the processes the command left");
            _stopRequested = true;
        }
        else if (_forwarder.SentFor(signal) is Signal sent)
        {
            var reached = Leftovers.SignalChildren(sent, _options.ForwardToProcessGroup);
            if (Log.Verbosity >= Log.Debugging) Log.Debug($"forwarded {sent} to {DescribeOrNone(reached)}");
        }
    }

    private static string DescribeOrNone(List<ProcStat> processes) => processes.Count > 0 ? LeftoverProcesses.Describe(processes) : "none";

    /// <summary>Neither children of the init nor (as PID 1) processes started from outside are left.</summary>
    private bool NothingLeft(LeftoverProcesses leftovers) => ReapEnded() == Reaped.NoChildren && !leftovers.OthersRemain();

    private void DrainThenKill(LeftoverProcesses leftovers)
    {
        if (NothingLeft(leftovers)) return;
        var sent = leftovers.TerminateNewOnes();
        string killIn = $"SIGKILL in {_options.GracePeriod.TotalSeconds:0.###}s";
        Log.Notice(sent.Count > 0
            ? $"sent SIGTERM to the remaining processes: {LeftoverProcesses.Describe(sent)}; {killIn}"
            : $"waiting for the processes sent SIGTERM at the stop request; {killIn}");
        // The deadline is fixed now: a stop request during the grace period does not extend it.
        var deadline = Deadline.In(_options.GracePeriod);
        while (true)
        {
            bool children = ReapEnded() == Reaped.NoneEnded;
            if (!children && !leftovers.OthersRemain()) break;
            TimeSpan remaining = deadline.Remaining;
            if (remaining <= TimeSpan.Zero)
            {
                Kill(leftovers);
                return;
            }
            // Only processes started from outside are left: no SIGCHLD will say when they are gone.
            WaitWhileStopping(!children && remaining > OthersPoll ? OthersPoll : remaining);
            // A process may have forked while the previous sweep ran; its child has had no SIGTERM.
            var late = leftovers.TerminateNewOnes();
            if (late.Count > 0) Log.Info($"sent SIGTERM to processes started since: {LeftoverProcesses.Describe(late)}");
        }
        Log.Info("every remaining process has exited");
    }

    private void Kill(LeftoverProcesses leftovers)
    {
        var giveUp = Deadline.In(KillWait);
        bool first = true;
        do
        {
            // Repeated: a process that forked while the previous round was sent has a new child.
            var killed = leftovers.KillAll();
            if (first) Log.Warn("grace period over; sending SIGKILL to the remaining processes" + (killed.Count > 0 ? ": " + LeftoverProcesses.Describe(killed) : ""));
            first = false;
            WaitWhileStopping(KillRetry);
            if (NothingLeft(leftovers)) return;
        } while (!giveUp.HasPassed);
        Log.Warn($"some processes did not die within {KillWait.TotalSeconds:0}s of SIGKILL; exiting without them");
    }

    private void WaitWhileStopping(TimeSpan timeout)
    {
        int count = _signals.Receive(_batch, timeout);
        foreach (var signal in _batch.AsSpan(0, count))
        {
            if (signal != Signal.SIGCHLD) Log.Info($"received {signal} while stopping; the grace period stays as it was");
        }
    }
}
