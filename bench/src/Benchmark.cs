namespace Bench;

/// <summary>The default run: every measurement, every installed init, side by side.</summary>
internal static class Benchmark
{
    /// <summary>The options of the second start-up figure: each one makes the init do more before it spawns.</summary>
    public static readonly string[] BusyOptions = ["-g", "--grace-period", "2s", "-r", "TERM:QUIT", "-e", "143"];

    /// <param name="inits">Ours first, then the peers, then the reference programs.</param>
    public static Results Run(Options options, IReadOnlyList<Contender> inits, string child, long? ourDynamicSize)
    {
        var startedUtc = DateTime.UtcNow;
        string load = File.ReadAllText("/proc/loadavg").Trim();
        var ours = inits[0];

        List<string[]> commands = [["/bin/true"]];
        foreach (var init in inits) commands.Add(init.Running("/bin/true"));
        commands.Add([ours.Path, .. BusyOptions, "--", "/bin/true"]);
        Console.Error.WriteLine($"start-up: {options.Runs} rounds of {2 * commands.Count} commands");
        double[] pid1Ms = StartupBench.MedianMs(commands.Select(StartupBench.AsPid1).ToList(), options.Runs);
        double[] plainMs = StartupBench.MedianMs(commands, options.Runs);

        // One long-lived session per init for the rest; a session that sits idle costs the others nothing.
        var real = inits.Where(i => !i.IsReference).ToList();
        var sessions = new List<Session>();
        try
        {
            foreach (var init in real) sessions.Add(Session.Start(init, child));
            long[] rssAtRest = sessions.Select(s => ProcFs.RssKiB(s.InitPid)).ToArray();
            long[] anonAtRest = sessions.Select(s => ProcFs.AnonymousKiB(s.InitPid)).ToArray();

            Console.Error.WriteLine($"idle: {options.IdleSeconds} s");
            var idle = IdleBench.Run(sessions, options.IdleSeconds);

            Console.Error.WriteLine($"signals: {options.Signals} per init");
            var signals = SignalBench.Run(sessions, options.Signals);

            Console.Error.WriteLine($"reaping: {options.Storms} storms of {options.Orphans} orphans per init");
            var reap = ReapBench.Run(sessions, options.Orphans, options.Storms);

            var results = inits.Select((init, i) =>
            {
                var startup = new InitResult(init.Name, init.Path, init.SizeBytes,
                    pid1Ms[1 + i], plainMs[1 + i], pid1Ms[1 + i] - pid1Ms[0], plainMs[1 + i] - plainMs[0]);
                int s = real.IndexOf(init);
                if (s < 0) return startup;
                return startup with
                {
                    SignalP50Us = signals[s].P50Us, SignalP99Us = signals[s].P99Us,
                    StormMs = reap[s].StormMs, DrainMs = reap[s].DrainMs, PeakUnreaped = reap[s].PeakUnreaped,
                    IdleContextSwitches = idle[s].ContextSwitches, Threads = idle[s].Threads,
                    RssAtRestKiB = rssAtRest[s], AnonymousAtRestKiB = anonAtRest[s],
                    RssAfterFirstStormKiB = reap[s].RssAfterFirstStormKiB, RssAfterAllOrphansKiB = reap[s].RssAfterAllKiB,
                    OrphansReaped = reap[s].OrphansReaped,
                };
            }).ToArray();

            return new Results(startedUtc, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), Environment.ProcessorCount,
                load, options, pid1Ms[0], plainMs[0], pid1Ms[^1], plainMs[^1], ourDynamicSize, results,
                Targets.Evaluate(results, pid1Ms[^1], plainMs[^1], options.IdleSeconds));
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }
}
