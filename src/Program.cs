using System;
using Init.Cli;
using Init.Lifecycle;
using Init.Logging;
using Init.Native;
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

        // Before the command starts, whatever fails ends the init loudly: there is nothing to abandon yet.
        SignalReceiver signals;
        int command = 0;
        try
        {
            if (options.ParentDeathSignal is Signal parentDeath) ProcessRole.SetParentDeathSignal(parentDeath);
            if (options.Subreaper && ProcessRole.IsPid1) Log.Debug("PID 1 adopts orphans already; -s changes nothing");
            ProcessRole.AdoptOrphans();
            signals = new SignalReceiver();
            if (!options.Pause)
            {
                command = ChildSpawner.Spawn(ChildSpec.ForCommand(args, options.CommandIndex));
                Log.Info($"started '{options.Command[0]}' as process {command}");
            }
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

        // After it starts, nothing may end the init early: the command would run on with no init,
        // and its status would be lost.
        var supervisor = new Supervisor(command, options, signals);
        try
        {
            InheritedResources.Release();
            return supervisor.Run();
        }
        catch (Exception unexpected)
        {
            Log.Error($"supervision failed ({unexpected.GetType().Name}: {unexpected.Message}); exiting with the command's status once it is known");
            return supervisor.ExitCodeAfterFailure();
        }
    }
}
