using System;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>Reads blocked signals from a signalfd, many per read, and SIGRTMIN from its <see cref="SigRtMinRelay"/>.</summary>
/// <remarks>
/// The signals are blocked in every thread before the runtime starts (src/Native/preinit.c); then
/// they stay pending until read here, whatever thread the kernel picked and however long the init
/// was busy. Real-time signals queue one by one; standard signals coalesce in the kernel.
/// </remarks>
internal sealed unsafe class SignalReceiver : IDisposable
{
    private const int BatchSize = 64;
    private readonly int _fd;
    private readonly SigRtMinRelay _sigRtMin = new();
    private readonly byte[] _buffer = new byte[BatchSize * SignalFd.SiginfoSize];

    public SignalReceiver(SignalSet signals)
    {
        sigset_t raw = signals.Raw;
        _fd = SignalFd.signalfd(-1, &raw, SignalFd.SFD_CLOEXEC);
        if (_fd < 0) throw new InitFailure("signalfd: " + Errno.Describe(Errno.Last));
    }

    /// <summary>Blocks until at least one signal is pending; fills <paramref name="into"/>.</summary>
    /// <returns>How many signals were read.</returns>
    public int Receive(Span<Signal> into) => Receive(into, -1);

    /// <summary>As <see cref="Receive(Span{Signal})"/>, but returns 0 when <paramref name="timeout"/> passes first.</summary>
    public int Receive(Span<Signal> into, TimeSpan timeout) =>
        Receive(into, (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue));

    private int Receive(Span<Signal> into, int timeoutMilliseconds)
    {
        pollfd* waitFor = stackalloc pollfd[2];
        waitFor[0] = new pollfd { fd = _fd, events = POLLIN };
        waitFor[1] = new pollfd { fd = _sigRtMin.Fd, events = POLLIN };
        int ready;
        do ready = Poll.poll(waitFor, 2, timeoutMilliseconds);
        while (ready < 0 && Errno.Last == EINTR);
        if (ready == 0) return 0;
        if (ready < 0) throw new InitFailure("poll: " + Errno.Describe(Errno.Last));

        int count = (waitFor[0].revents & POLLIN) != 0 ? ReadSignalFd(into) : 0;
        return count + _sigRtMin.Read(into[count..]);
    }

    private int ReadSignalFd(Span<Signal> into)
    {
        int max = Math.Min(into.Length, BatchSize);
        long n;
        fixed (byte* p = _buffer)
        {
            do n = read(_fd, p, max * SignalFd.SiginfoSize);
            while (n < 0 && Errno.Last == EINTR);
        }
        if (n < 0) throw new InitFailure("reading signalfd: " + Errno.Describe(Errno.Last));

        int count = (int)(n / SignalFd.SiginfoSize);
        for (int i = 0; i < count; i++)
            into[i] = new Signal(BitConverter.ToInt32(_buffer, i * SignalFd.SiginfoSize)); // ssi_signo
        return count;
    }

    public void Dispose() => close(_fd);
}
