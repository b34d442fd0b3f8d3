namespace Bench;

/// <param name="StormMs">Median time to create and reap one storm's orphans.</param>
/// <param name="DrainMs">Median time from the last orphan's exit until none was left unreaped.</param>
/// <param name="PeakUnreaped">Most processes of the namespace seen unreaped at once (besides init and child).</param>
internal sealed record ReapResult(double StormMs, double DrainMs, int PeakUnreaped,
    long RssAfterFirstStormKiB, long RssAfterAllKiB, long OrphansReaped);

/// <summary>
/// Reaping: storms of orphans (see child.c), round-robin over the inits, while /proc is sampled for
/// what is left unreaped. The RSS after the last storm is the memory check: all storms together make
/// the 100,000 orphans (by default) after which the init must not have grown.
/// </summary>
internal static class ReapBench
{
    private const int SampleMs = 1; // sampling pause while the orphans are forked; the drain is sampled without pause
    private const int Patience = 120_000;

    private readonly record struct Storm(long TotalNs, long DrainNs, int Peak);

    public static ReapResult[] Run(IReadOnlyList<Session> sessions, int orphans, int storms)
    {
        var samples = sessions.Select(_ => new List<Storm>(storms)).ToArray();
        var rssAfterFirst = new long[sessions.Count];
        for (int round = 0; round < storms; round++)
        {
            for (int s = 0; s < sessions.Count; s++)
            {
                samples[s].Add(RunStorm(sessions[s], orphans));
                if (round == 0) rssAfterFirst[s] = ProcFs.RssKiB(sessions[s].InitPid);
            }
        }
        return sessions.Select((session, s) => new ReapResult(
            Stats.Median(samples[s].Select(x => x.TotalNs)) / 1e6,
            Stats.Median(samples[s].Select(x => x.DrainNs)) / 1e6,
            samples[s].Max(x => x.Peak),
            rssAfterFirst[s],
            ProcFs.RssKiB(session.InitPid),
            (long)orphans * storms)).ToArray();
    }

    private static Storm RunStorm(Session session, int orphans)
    {
        if (session.Unreaped() != 0) throw new InvalidDataException($"{session.Init.Name}: processes left before the storm");
        long deadline = Libc.MonotonicNs() + Patience * 1_000_000L;
        session.RequestStorm(orphans);
        int peak = 0;
        (long StartNs, long LastExitNs)? report = null;
        while (Libc.MonotonicNs() < deadline)
        {
            int unreaped = session.Unreaped();
            long seen = Libc.MonotonicNs();
            peak = Math.Max(peak, unreaped);
            // Until the last orphan has exited, waiting for the report is the pause between samples.
            if (report is null) report = session.ReadStormReport(SampleMs);
            else if (unreaped == 0) return new Storm(seen - report.Value.StartNs, seen - report.Value.LastExitNs, peak);
        }
        throw new TimeoutException($"{session.Init.Name}: orphans still unreaped after {Patience / 1000} s");
    }
}
