namespace Bench;

/// <summary>The default run: every measurement, every installed init, side by side.</summary>
internal static class Benchmark
{
    /// <param name="inits">Ours first, then the peers.</param>
    public static Results Run(Options options, IReadOnlyList<Contender> inits, string child, long? ourDynamicSize)
    {
        var startedUtc = DateTime.UtcNow;
        string load = File.ReadAllText("/proc/loadavg").Trim();

        Console.Error.WriteLine($"start-up: {options.Runs} rounds of {2 + 2 * inits.Count} commands");
        var startup = StartupBench.Run(inits, options.Runs);

        // One long-lived session per init for the rest; a session that sits idle costs the others nothing.
        var sessions = new List<Session>();
        try
        {
            foreach (var init in inits) sessions.Add(Session.Start(init, child));
            long[] rssAtRest = sessions.Select(s => ProcFs.RssKiB(s.InitPid)).ToArray();

            Console.Error.WriteLine($"idle: {options.IdleSeconds} s");
            var idle = IdleBench.Run(sessions, options.IdleSeconds);

            Console.Error.WriteLine($"signals: {options.Signals} per init");
            var signals = SignalBench.Run(sessions, options.Signals);

            Console.Error.WriteLine($"reaping: {options.Storms} storms of {options.Orphans} orphans per init");
            var reap = ReapBench.Run(sessions, options.Orphans, options.Storms);

            var results = inits.Select((init, i) => new InitResult(
                init.Name, init.Path, init.SizeBytes,
                startup.Pid1Ms[i], startup.PlainMs[i],
                startup.Pid1Ms[i] - startup.BarePid1Ms, startup.PlainMs[i] - startup.BarePlainMs,
                signals[i].P50Us, signals[i].P99Us,
                reap[i].StormMs, reap[i].DrainMs, reap[i].PeakUnreaped,
                idle[i].ContextSwitches, idle[i].Threads,
                rssAtRest[i], reap[i].RssAfterFirstStormKiB, reap[i].RssAfterAllKiB, reap[i].OrphansReaped)).ToArray();

            return new Results(startedUtc, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), Environment.ProcessorCount,
                load, options, startup.BarePid1Ms, startup.BarePlainMs, ourDynamicSize, results,
                Targets.Evaluate(results[0], results.FirstOrDefault(r => r.Name == Contender.Reference), options.IdleSeconds));
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }
}
