namespace Bench;

/// <summary>The default run: every measurement, every installed init, side by side.</summary>
internal static class Benchmark
{
    /// <summary>The options of the second start-up figure: each one makes the init do more before it spawns.</summary>
    public static readonly string[] BusyOptions = ["-g", "--grace-period", "2s", "-r", "TERM:QUIT", "-e", "143"];

    private static double[] NotMeasured(int count) => Enumerable.Repeat(double.NaN, count).ToArray();

    /// <param name="inits">Ours first, then the peers, then the reference programs.</param>
    public static Results Run(Options options, IReadOnlyList<Contender> inits, string child, long? ourDynamicSize)
    {
        var startedUtc = DateTime.UtcNow;
        string load = File.ReadAllText("/proc/loadavg").Trim();
        var ours = inits[0];

        List<string[]> commands = [["/bin/true"]];
        foreach (var init in inits) commands.Add(init.Running("/bin/true"));
        commands.Add([ours.Path, .. BusyOptions, "--", "/bin/true"]);
        double[] pid1Ms = NotMeasured(commands.Count), plainMs = NotMeasured(commands.Count);
        if (options.Measures("startup"))
        {
            Console.Error.WriteLine($"start-up: {options.Runs} rounds of {2 * commands.Count} commands");
            pid1Ms = StartupBench.MedianMs(commands.Select(StartupBench.AsPid1).ToList(), options.Runs);
            plainMs = StartupBench.MedianMs(commands, options.Runs);
        }

        ProbeResult? probe = null;
        if (options.Measures("probe"))
        {
            Console.Error.WriteLine($"probe: {options.Runs} rounds of `init --probe`, busybox wget and curl");
            probe = ProbeBench.Run(ours, inits.FirstOrDefault(i => i.Kind == ContenderKind.Floor), options.Runs);
        }

        // One long-lived session per init for the rest; a session that sits idle costs the others nothing.
        var real = inits.Where(i => i.Kind == ContenderKind.Init).ToList();
        double[] manyMs = NotMeasured(real.Count + 1), longMs = NotMeasured(real.Count + 1);
        if (options.Measures("arguments"))
        {
            int rounds = Math.Max(1, options.Runs / 4);
            Console.Error.WriteLine($"huge argument lists: {rounds} rounds of {2 * (real.Count + 1)} commands");
            (manyMs, longMs) = ArgumentsBench.Run(real, rounds);
        }

        var sessions = new List<Session>();
        bool needsSessions = new[] { "memory", "idle", "signals", "reaping" }.Any(options.Measures);
        try
        {
            if (needsSessions) foreach (var init in real) sessions.Add(Session.Start(init, child));
            long[] rssAtRest = sessions.Select(s => ProcFs.RssKiB(s.InitPid)).ToArray();
            long[] anonAtRest = sessions.Select(s => ProcFs.AnonymousKiB(s.InitPid)).ToArray();
            int[] threadsAtRest = sessions.Select(s => ProcFs.Threads(s.InitPid)).ToArray();
            var referencesAtRest = options.Measures("memory")
                ? inits.Where(i => i.Kind != ContenderKind.Init).ToDictionary(i => i, i => MemoryAtRest.Read(i, child))
                : [];

            IdleResult[]? idle = null;
            if (options.Measures("idle"))
            {
                Console.Error.WriteLine($"idle: {options.IdleSeconds} s");
                idle = IdleBench.Run(sessions, options.IdleSeconds);
            }

            SignalResult[]? signals = null;
            if (options.Measures("signals"))
            {
                Console.Error.WriteLine($"signals: {options.Signals} per init");
                signals = SignalBench.Run(sessions, options.Signals);
            }

            ReapResult[]? reap = null;
            if (options.Measures("reaping"))
            {
                Console.Error.WriteLine($"reaping: {options.Storms} storms of {options.Orphans} orphans per init");
                reap = ReapBench.Run(sessions, options.Orphans, options.Storms);
            }

            var results = inits.Select((init, i) =>
            {
                var startup = new InitResult(init.Name, init.Path, init.SizeBytes,
                    pid1Ms[1 + i], plainMs[1 + i], pid1Ms[1 + i] - pid1Ms[0], plainMs[1 + i] - plainMs[0]);
                if (referencesAtRest.TryGetValue(init, out var atRest))
                    return startup with { RssAtRestKiB = atRest.RssKiB, AnonymousAtRestKiB = atRest.AnonymousKiB, Threads = atRest.Threads };
                int s = real.IndexOf(init);
                if (s < 0) return startup;
                startup = startup with { ManyArgumentsMs = manyMs[1 + s], LongArgumentsMs = longMs[1 + s] };
                if (needsSessions)
                    startup = startup with { RssAtRestKiB = rssAtRest[s], AnonymousAtRestKiB = anonAtRest[s], Threads = threadsAtRest[s] };
                if (idle is not null) startup = startup with { IdleContextSwitches = idle[s].ContextSwitches };
                if (signals is not null) startup = startup with { SignalP50Us = signals[s].P50Us, SignalP99Us = signals[s].P99Us };
                if (reap is not null)
                {
                    startup = startup with
                    {
                        StormMs = reap[s].StormMs, DrainMs = reap[s].DrainMs, PeakUnreaped = reap[s].PeakUnreaped,
                        RssAfterFirstStormKiB = reap[s].RssAfterFirstStormKiB, RssAfterAllOrphansKiB = reap[s].RssAfterAllKiB,
                        OrphansReaped = reap[s].OrphansReaped,
                    };
                }
                return startup;
            }).ToArray();

            return new Results(startedUtc, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), Environment.ProcessorCount,
                load, options, pid1Ms[0], plainMs[0], pid1Ms[^1], plainMs[^1], manyMs[0], longMs[0], ourDynamicSize, results, probe,
                Targets.Evaluate(results, pid1Ms[^1], plainMs[^1], probe, options));
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }
}
