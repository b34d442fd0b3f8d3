namespace Bench;

internal static class Stats
{
    public static double Median(IEnumerable<long> samples) => Percentile(samples, 50);

    /// <summary>Nearest-rank percentile: always a value that was actually measured.</summary>
    public static double Percentile(IEnumerable<long> samples, double percent)
    {
        long[] sorted = samples.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no samples");
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
