using System;
using Init.Cli;
using Init.Logging;
using Init.Reaping;
using Init.Signals;

namespace Init.Lifecycle;

/// <summary>
/// -P: no command. Reap whatever is reparented to the init until SIGTERM or SIGINT, then exit 0,
/// as the Kubernetes pause container and `catatonit -P` do.
/// </summary>
internal sealed class PauseLoop(InitOptions options, SignalReceiver signals)
{
    public int Run()
    {
        Span<Signal> batch = stackalloc Signal[64];
        Action<ReapedProcess> onReaped = process => ReapLog.Report(process, options.WarnOnReap);
        Log.Info("pausing: reaping until SIGTERM or SIGINT");
        while (true)
        {
            int count = signals.Receive(batch);
            foreach (var signal in batch[..count])
            {
                if (signal == Signal.SIGTERM || signal == Signal.SIGINT)
                {
                    Log.Info($"received {signal}; leaving pause");
                    return 0;
                }
                if (signal != Signal.SIGCHLD) continue;
                Reaper.ReapAll(onReaped);
            }
        }
    }
}
