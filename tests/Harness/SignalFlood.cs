using System;
using System.Threading;

namespace Init.Tests.Harness;

/// <summary>
/// A thread that sends SIGUSR2 and SIGWINCH by turns to a process as fast as it can, up to a limit,
/// until disposed: the noise beside the signals a test counts. Disposing stops and joins it, when the
/// test fails too, before the process is killed: once its pid is reused, the signals would hit another
/// process. A background thread, so it never keeps the test host alive.
/// </summary>
public sealed class SignalFlood : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public SignalFlood(int pid, int limit = int.MaxValue)
    {
        var stop = _stop.Token;
        _thread = new Thread(() =>
        {
            for (int i = 0; i < limit && !stop.IsCancellationRequested; i++) Libc.kill(pid, i % 2 == 0 ? 12 : 28); // SIGUSR2, SIGWINCH
        }) { IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
