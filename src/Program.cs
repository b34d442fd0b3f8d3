using System;
using Init.Cli;
using Init.Lifecycle;
using Init.Logging;
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
        // First of all: a blocked signal waits, pending, until the main loop reads it. Unblocked, it
        // would be dropped (PID 1) or kill the init (any other PID) before the loop runs.
        SignalSet caught = SignalRoles.Caught();
        SignalSet startupMask = ThreadSignalMasks.BlockEverywhere(caught);

        var outcome = InitArguments.Parse(args, Environment.GetEnvironmentVariable);
        if (outcome is not ParseOutcome.Run { Options: var options }) return ((ParseOutcome.Exit)outcome).Code;
        Log.Verbosity = options.Verbosity;

        // Before the command starts, whatever fails ends the init loudly: there is nothing to abandon yet.
        SignalReceiver signals;
        int child = 0;
        try
        {
            if (options.ParentDeathSignal is Signal parentDeath) ProcessRole.SetParentDeathSignal(parentDeath);
            ProcessRole.AdoptOrphans(options.Subreaper);
            signals = new SignalReceiver(caught);
            if (!options.Pause)
            {
                child = ChildSpawner.Spawn(ChildSpec.ForCommand(args, options.CommandIndex, startupMask));
                Log.Info($"started '{options.Command[0]}' as process {child}");
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
        var supervisor = new Supervisor(child, options, signals);
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
