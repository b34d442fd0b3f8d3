using System;
using System.Collections.Generic;
using Init.Cli;
using Init.Lifecycle;
using Init.Logging;
using Init.Native;
using Init.Reaping;
using Init.Signals;
using Init.Spawning;

namespace Init;

/// <summary>
/// init: runs a command as the child of a minimal PID 1, forwards every signal to it, reaps every
/// zombie, and exits with the command's status.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // src/Native/preinit.c blocked the signals before the runtime created a thread, so each one
        // waits, pending, until the main loop reads it.
        StartupState.MarkMainStarted();
        var outcome = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
        if (outcome is not ParseOutcome.Run { Options: var options }) return ((ParseOutcome.Exit)outcome).Code;
        Log.Verbosity = options.Verbosity;

        // Before the commands start, whatever fails ends the init loudly: there is nothing to abandon yet.
        SignalReceiver signals;
        try
        {
            if (options.ParentDeathSignal is Signal parentDeath) ProcessRole.SetParentDeathSignal(parentDeath);
            if (options.Subreaper && ProcessRole.IsPid1) Log.Debug("PID 1 adopts orphans already; -s changes nothing");
            ProcessRole.AdoptOrphans();
            signals = new SignalReceiver();
        }
        catch (InitFailure failure)
        {
            Log.Error(failure.Message);
            return ExitCodes.InitFailed;
        }

        // The --also commands first, in the order given, then the main one. Once one runs, nothing may
        // end the init early: the commands would run on with no init, and their status would be lost.
        var commands = new List<SupervisedCommand>();
        var supervisor = new Supervisor(commands, options, signals);
        int failedStart = options.Pause ? 0 : Start(commands, options, args);
        try
        {
            if (failedStart != 0)
            {
                // Those started already are stopped as after an exit; with none, there is nothing to stop.
                if (commands.Count > 0) supervisor.StopAll();
                return failedStart;
            }
            InheritedResources.Release();
            return options.Pause ? supervisor.Pause() : supervisor.Run();
        }
        catch (Exception unexpected)
        {
            Log.Error($"supervision failed ({unexpected.GetType().Name}: {unexpected.Message}); exiting with the command's status once it is known");
            return failedStart != 0 ? failedStart : supervisor.ExitCodeAfterFailure();
        }
    }

    /// <summary>Starts every command, adding each to <paramref name="commands"/> as it starts.</summary>
    /// <returns>0, or the exit code of the first that could not be started (said in one line).</returns>
    private static int Start(List<SupervisedCommand> commands, InitOptions options, string[] args)
    {
        try
        {
            foreach (string[] words in options.AlsoCommands) Started(commands, ChildSpec.ForWords(words), words[0], options);
            Started(commands, ChildSpec.ForCommand(args, options.CommandIndex), options.Command[0], options);
            return 0;
        }
        catch (SpawnFailure failure)
        {
            Log.Error(failure.Message);
            return failure.ExitCode;
        }
        catch (InitFailure failure)
        {
            Log.Error(failure.Message);
            return ExitCodes.InitFailed;
        }
    }

    private static void Started(List<SupervisedCommand> commands, ChildSpec spec, string name, InitOptions options)
    {
        if (options.User is string user) spec = UserSwitch.Apply(spec, user);
        int pid = ChildSpawner.Spawn(spec);
        commands.Add(new SupervisedCommand(pid, name));
        Log.Info($"started '{name}' as process {pid}");
    }
}
