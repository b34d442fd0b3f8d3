namespace Bench;

/// <summary>
/// Huge argument lists: `INIT -- /bin/true ARGS...` as a plain process, with 100,000 short arguments
/// and with 8 of the longest the kernel takes (MAX_ARG_STRLEN, 128 KiB with the NUL). An init should
/// pass argv on as the kernel gave it; decoding or copying it costs in proportion.
/// </summary>
internal static class ArgumentsBench
{
    public static readonly string[] Many = Enumerable.Repeat("argument", 100_000).ToArray();
    public static readonly string[] Long = Enumerable.Repeat(new string('a', 128 * 1024 - 1), 8).ToArray();

    /// <returns>Medians in ms, [0] for /bin/true alone, then one per init: with <see cref="Many"/>, with <see cref="Long"/>.</returns>
    public static (double[] ManyMs, double[] LongMs) Run(IReadOnlyList<Contender> inits, int rounds)
    {
        List<string[]> Commands(string[] arguments) =>
            [["/bin/true", .. arguments], .. inits.Select(init => init.Running(["/bin/true", .. arguments]))];
        return (StartupBench.MedianMs(Commands(Many), rounds), StartupBench.MedianMs(Commands(Long), rounds));
    }
}
