namespace Bench;

/// <summary>
/// Start-up: the median wall time of each command, run to completion again and again. Every round
/// runs every command once, so a burst of load on the shared machine hits all of them instead of one.
/// </summary>
internal static class StartupBench
{
    private static readonly string[] Pid1 = ["unshare", "--pid", "--fork", "--mount-proc"];

    /// <summary>The command as PID 1 of a fresh PID namespace.</summary>
    public static string[] AsPid1(string[] command) => [.. Pid1, .. command];

    /// <returns>The median of each command, in ms, in the order given.</returns>
    public static double[] MedianMs(IReadOnlyList<string[]> commands, int rounds)
    {
        var samples = commands.Select(_ => new List<long>(rounds)).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < commands.Count; c++) samples[c].Add(TimeOnce(commands[c]));
        }
        return samples.Select(s => Stats.Median(s) / 1e6).ToArray();
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
