namespace Bench;

internal sealed record SignalResult(double P50Us, double P99Us);

/// <summary>
/// Signal forwarding latency: SIGUSR1 sent to the init until the child has read it from its signalfd
/// and written its byte back. Sent in batches, round-robin over the inits, so noise is shared.
/// </summary>
internal static class SignalBench
{
    private const int Batch = 100;
    private const int WarmUp = 10; // first forwards fault in the init's code and stack pages; not steady state

    public static SignalResult[] Run(IReadOnlyList<Session> sessions, int signals)
    {
        foreach (var session in sessions)
        {
            for (int i = 0; i < WarmUp; i++) session.EchoLatencyNs(Libc.SIGUSR1);
        }

        var samples = sessions.Select(_ => new List<long>(signals)).ToArray();
        for (int sent = 0; sent < signals; sent += Batch)
        {
            for (int s = 0; s < sessions.Count; s++)
            {
                for (int i = sent; i < Math.Min(sent + Batch, signals); i++)
                    samples[s].Add(sessions[s].EchoLatencyNs(Libc.SIGUSR1));
            }
        }
        return samples.Select(s => new SignalResult(Stats.Percentile(s, 50) / 1e3, Stats.Percentile(s, 99) / 1e3)).ToArray();
    }
}
