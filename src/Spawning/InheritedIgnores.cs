using System;
using Init.Signals;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// Sets to SIG_IGN, for the duration of the posix_spawn call, the signals the init was started with
/// ignored that the runtime has given handlers since; disposing puts the handlers back.
/// </summary>
/// <remarks>
/// An ignored disposition is the only one that survives execve, and posix_spawn can reset a signal to
/// default but not ignore it: glibc's child keeps what is SIG_IGN in the parent and resets every
/// handler. The runtime handles SIGSEGV, SIGFPE (faults in managed code) and SIGRTMIN (GC thread
/// activation, and preinit.c's relay), so without this a command started under `nohup`-style
/// ignores would lose those three. The window is one native call on the main thread: no managed code
/// runs on it, and the runtime's other thread (the finalizer) waits without allocating, so no fault
/// can reach managed code and no GC needs an activation meanwhile. A SIGRTMIN sent to the init during
/// that call is ignored, as the init's parent asked; the handlers are back before anything else runs.
/// </remarks>
internal sealed unsafe class InheritedIgnores : IDisposable
{
    private readonly sigaction[] _replaced = new sigaction[Signal.RealTimeMax + 1]; // by signal number
    private SignalSet _ignoredHere;

    public InheritedIgnores(SignalSet ignored)
    {
        foreach (var signal in Signal.All)
        {
            if (!ignored.Contains(signal)) continue;
            sigaction current;
            if (sigaction(signal.Number, null, &current) != 0 || current.sa_handler == SIG_IGN) continue;
            var ignore = new sigaction { sa_handler = SIG_IGN };
            if (sigaction(signal.Number, &ignore, null) != 0) continue;
            _replaced[signal.Number] = current;
            _ignoredHere.Add(signal);
        }
    }

    public void Dispose()
    {
        foreach (var signal in Signal.All)
        {
            if (!_ignoredHere.Contains(signal)) continue;
            fixed (sigaction* restore = &_replaced[signal.Number]) sigaction(signal.Number, restore, null);
        }
    }
}
