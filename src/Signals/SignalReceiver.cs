using System;
using System.Threading;
using Init.Logging;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>Every signal sent to the init, as the main loop receives it: from a signalfd, and SIGRTMIN from a pipe.</summary>
/// <remarks>
/// The signals are blocked in every thread before the runtime starts (src/Native/preinit.c); then
/// they stay pending until read here, whatever thread the kernel picked and however long the init
/// was busy. Real-time signals queue one by one; standard signals coalesce in the kernel.
/// No thread may block SIGRTMIN (the runtime interrupts its threads with it for the GC), so it never
/// reaches the signalfd: preinit.c's handler, to which the runtime's own passes every SIGRTMIN that
/// is not one of its thread activations, writes a byte per signal to a pipe.
/// Created before the command starts, so a refused signalfd fails the init before there is a command
/// to abandon; once the command runs, a failing poll or read only switches to sigtimedwait, and if
/// that fails too, to waking up now and then so the caller can still reap.
/// </remarks>
internal sealed unsafe class SignalReceiver
{
    private const int BatchSize = 64;
    private static readonly TimeSpan BlindPoll = TimeSpan.FromMilliseconds(100);
    private readonly sigset_t _set;
    private readonly int _sigRtMinFd = StartupState.SigRtMinFd;
    private readonly byte[] _buffer = new byte[BatchSize * SignalFd.SiginfoSize];
    private int _signalFd;
    private bool _blind;

    public SignalReceiver()
    {
        if (_sigRtMinFd < 0) throw new InitFailure("cannot receive SIGRTMIN: no pipe from before the runtime started");

        sigset_t raw = _set = SignalRoles.Blocked().Raw;
        int fd = SignalFd.signalfd(-1, &raw, SignalFd.SFD_CLOEXEC);
        if (fd < 0) throw new InitFailure("signalfd: " + Errno.Describe(Errno.Last));
        // Started with fd 0, 1 or 2 closed, the kernel hands out that number, which the init later
        // fills with /dev/null (see InheritedResources): keep the signalfd above them.
        if (fd < 3)
        {
            int above = fcntl(fd, F_DUPFD_CLOEXEC, 3);
            int errno = Errno.Last;
            close(fd);
            if (above < 0) throw new InitFailure("moving the signalfd above fd 2: " + Errno.Describe(errno));
            fd = above;
        }
        _signalFd = fd;
    }

    /// <summary>Blocks until a signal is pending (or, when no signal can be read any more, 100 ms); fills <paramref name="into"/>.</summary>
    /// <returns>How many signals were read; 0 when the timeout passed first.</returns>
    public int Receive(Span<Signal> into) => Receive(into, -1);

    /// <summary>As <see cref="Receive(Span{Signal})"/>, but returns 0 when <paramref name="timeout"/> passes first.</summary>
    public int Receive(Span<Signal> into, TimeSpan timeout) =>
        Receive(into, (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue));

    private int Receive(Span<Signal> into, int timeoutMilliseconds)
    {
        into = into[..Math.Min(into.Length, BatchSize)];
        if (_signalFd >= 0)
        {
            int count = ReadSignalFd(into, timeoutMilliseconds, out string? failed);
            if (failed is null) return count + ReadSigRtMin(into[count..]);
            Log.Warn($"{failed}: {Errno.Describe(Errno.Last)}; waiting for signals with sigtimedwait from now on");
            close(_signalFd);
            _signalFd = -1;
        }
        return TakePending(into, timeoutMilliseconds);
    }

    /// <summary>Waits for the signalfd or the SIGRTMIN pipe, then reads what the signalfd holds.</summary>
    private int ReadSignalFd(Span<Signal> into, int timeoutMilliseconds, out string? failed)
    {
        failed = null;
        pollfd* waitFor = stackalloc pollfd[2];
        waitFor[0] = new pollfd { fd = _signalFd, events = POLLIN };
        waitFor[1] = new pollfd { fd = _sigRtMinFd, events = POLLIN };
        int ready;
        do ready = Poll.poll(waitFor, 2, timeoutMilliseconds);
        while (ready < 0 && Errno.Last == EINTR);
        if (ready == 0) return 0;
        // Never fall through into a blocking read: it could outlast the grace period.
        if (ready < 0)
        {
            failed = "poll on the signalfd";
            return 0;
        }
        if ((waitFor[0].revents & POLLIN) == 0) return 0;

        long n;
        fixed (byte* p = _buffer)
        {
            do n = read(_signalFd, p, into.Length * SignalFd.SiginfoSize);
            while (n < 0 && Errno.Last == EINTR);
        }
        if (n < 0)
        {
            failed = "reading the signalfd";
            return 0;
        }
        int count = (int)(n / SignalFd.SiginfoSize);
        for (int i = 0; i < count; i++)
            into[i] = new Signal(BitConverter.ToInt32(_buffer, i * SignalFd.SiginfoSize)); // ssi_signo
        return count;
    }

    /// <summary>The SIGRTMINs relayed so far, one byte each; never blocks (the pipe is non-blocking).</summary>
    private int ReadSigRtMin(Span<Signal> into)
    {
        byte* bytes = stackalloc byte[BatchSize];
        long n = read(_sigRtMinFd, bytes, Math.Min(into.Length, BatchSize));
        if (n <= 0) return 0;
        into[..(int)n].Fill(Signal.SIGRTMIN);
        return (int)n;
    }

    /// <summary>The fallback: the same blocked signals, taken one by one with sigtimedwait.</summary>
    private int TakePending(Span<Signal> into, int timeoutMilliseconds)
    {
        sigset_t set = _set;
        var wait = new timespec { tv_sec = timeoutMilliseconds / 1000, tv_nsec = (long_t)(timeoutMilliseconds % 1000 * 1_000_000L) };
        var none = new timespec();
        int count = 0;
        while (count < into.Length && !_blind)
        {
            // The first call waits; the others only take what is pending already.
            timespec* timeout = count > 0 ? &none : timeoutMilliseconds >= 0 ? &wait : null;
            int signal = sigtimedwait(&set, null, timeout);
            if (signal > 0) into[count++] = new Signal(signal);
            else if (Errno.Last == EAGAIN) break;
            else if (Errno.Last != EINTR)
            {
                Log.Warn($"sigtimedwait: {Errno.Describe(Errno.Last)}; looking for ended processes every {BlindPoll.TotalMilliseconds:0}ms, signals are no longer forwarded");
                _blind = true;
            }
        }
        if (!_blind || count > 0) return count;
        // Nothing can read signals any more: the caller reaps each time it is woken, so the command's
        // status is still found.
        Thread.Sleep(timeoutMilliseconds >= 0 && timeoutMilliseconds < BlindPoll.TotalMilliseconds ? TimeSpan.FromMilliseconds(timeoutMilliseconds) : BlindPoll);
        return 0;
    }
}
