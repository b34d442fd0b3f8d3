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
        StartupState.MarkMainStarted();
        // src/Native/preinit.c blocked the signals before the runtime created a thread, so each one
        // waits, pending, until the main loop reads it; its list and SignalRoles' must agree.
        SignalSet blocked = SignalRoles.Blocked();
        SignalSet inEffect = SignalSet.OfThisThread();
        if (!inEffect.SetEquals(blocked))
            Log.Warn($"signals blocked before the runtime started: {inEffect}; expected: {blocked}");

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
            signals = new SignalReceiver(blocked);
            if (!options.Pause)
            {
                var spec = ChildSpec.ForCommand(args, options.CommandIndex);
                if (options.User is string user) spec = UserSwitch.Apply(spec, user);
                child = ChildSpawner.Spawn(spec);
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
            int exitCode = supervisor.Run();
            // Lets a test prove that a flood of signals was received while the runtime collected garbage.
            Log.Trace($"{GC.CollectionCount(0)} garbage collections");
            return exitCode;
        }
        catch (Exception unexpected)
        {
            Log.Error($"supervision failed ({unexpected.GetType().Name}: {unexpected.Message}); exiting with the command's status once it is known");
            return supervisor.ExitCodeAfterFailure();
        }
    }
}
