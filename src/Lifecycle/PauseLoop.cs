using System;
using System.Collections.Generic;
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
        var reaped = new List<ReapedProcess>();
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
                reaped.Clear();
                Reaper.ReapAll(reaped);
                foreach (var process in reaped) ReapLog.Report(process, options.WarnOnReap);
            }
        }
    }
}
