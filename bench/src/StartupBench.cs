namespace Bench;

/// <summary>Median wall time of one run, in ms, bare and under each init, as PID 1 and as a plain process.</summary>
internal sealed record StartupResult(double BarePid1Ms, double BarePlainMs, double[] Pid1Ms, double[] PlainMs);

/// <summary>
/// Start-up overhead: `INIT -- /bin/true` against `/bin/true` alone, each as PID 1 of a fresh PID
/// namespace and as a plain process. Every round runs every command once, so a burst of load on the
/// shared machine hits all of them instead of one.
/// </summary>
internal static class StartupBench
{
    private static readonly string[] Pid1 = ["unshare", "--pid", "--fork", "--mount-proc"];

    public static StartupResult Run(IReadOnlyList<Contender> inits, int rounds)
    {
        List<string[]> commands = [[.. Pid1, "/bin/true"], ["/bin/true"]];
        foreach (var init in inits)
        {
            commands.Add([.. Pid1, .. init.Running("/bin/true")]);
            commands.Add(init.Running("/bin/true"));
        }

        var samples = commands.Select(_ => new List<long>(rounds)).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < commands.Count; c++) samples[c].Add(TimeOnce(commands[c]));
        }

        double[] medianMs = samples.Select(s => Stats.Median(s) / 1e6).ToArray();
        return new StartupResult(medianMs[0], medianMs[1],
            inits.Select((_, i) => medianMs[2 + 2 * i]).ToArray(),
            inits.Select((_, i) => medianMs[3 + 2 * i]).ToArray());
    }

    private static long TimeOnce(string[] argv)
    {
        long start = Libc.MonotonicNs();
        int status = Spawner.Wait(Spawner.Start(argv));
        long end = Libc.MonotonicNs();
        if (status != 0) throw new InvalidDataException($"{string.Join(' ', argv)}: {Spawner.DescribeStatus(status)}");
        return end - start;
    }
}
