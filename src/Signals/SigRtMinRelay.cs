using System;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>SIGRTMIN as the main loop receives it: from a pipe, one byte per signal.</summary>
/// <remarks>
/// No thread may block SIGRTMIN (the runtime interrupts its threads with it for the GC), so it never
/// reaches the signalfd. src/Native/preinit.c installs a handler before the runtime starts; the
/// runtime's own handler passes on to it every SIGRTMIN that is not one of its thread activations, and
/// it writes a byte for each. Real-time signals queue, so each byte is one signal to forward.
/// </remarks>
internal sealed unsafe class SigRtMinRelay
{
    private const int BatchSize = 64;

    public SigRtMinRelay()
    {
        Fd = StartupState.SigRtMinFd;
        if (Fd < 0) throw new InitFailure("cannot receive SIGRTMIN: no pipe from before the runtime started");
    }

    /// <summary>Readable when a SIGRTMIN is waiting; non-blocking.</summary>
    public int Fd { get; }

    /// <summary>Fills <paramref name="into"/> with the SIGRTMINs received so far; never blocks.</summary>
    public int Read(Span<Signal> into)
    {
        byte* bytes = stackalloc byte[BatchSize];
        long n = read(Fd, bytes, Math.Min(into.Length, BatchSize)); // non-blocking: no EINTR
        if (n <= 0) return 0;
        into[..(int)n].Fill(Signal.SIGRTMIN);
        return (int)n;
    }
}
