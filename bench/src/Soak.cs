using static Bench.Libc;

namespace Bench;

/// <summary>
/// --soak: signals and orphan storms at the same time against our init only, then three checks: no
/// signal lost, no zombie left, RSS grew by less than 5%.
/// </summary>
internal static class Soak
{
    private const int OrphansPerStorm = 2000;
    private const int RealTimeBurst = 16;
    // Real-time signals queue one by one, so each sent must arrive: SIGRTMIN+1, +2, +16 and SIGRTMAX.
    private static readonly int[] RealTime = [35, 36, 50, 64];
    // Standard signals coalesce while pending, so only one is ever in flight (acknowledged before the next).
    private static readonly int[] Standard = [SIGUSR1, SIGUSR2, SIGHUP];

    public static bool Run(Contender ours, string child, TimeSpan duration)
    {
        Console.Error.WriteLine($"soak: {duration.TotalMinutes} min of signals and storms of {OrphansPerStorm} orphans against {ours.Path}");
        using var session = Session.Start(ours, child);
        long rssAtRest = ProcFs.RssKiB(session.InitPid);
        var deadline = DateTime.UtcNow + duration;

        var signals = Task.Factory.StartNew(() => SendSignals(session, deadline), TaskCreationOptions.LongRunning);
        long storms = 0, rssAfterFirstStorm = 0;
        while (DateTime.UtcNow < deadline)
        {
            session.RequestStorm(OrphansPerStorm);
            while (session.ReadStormReport(timeoutMs: 60_000) is null) { }
            if (++storms == 1) rssAfterFirstStorm = ProcFs.RssKiB(session.InitPid);
        }
        var (sent, echoed) = signals.Result;

        int unreaped = session.Unreaped();
        for (int waited = 0; unreaped != 0 && waited < 10_000; waited += 10)
        {
            Thread.Sleep(10);
            unreaped = session.Unreaped();
        }
        long rssAtEnd = ProcFs.RssKiB(session.InitPid);
        double growth = 100.0 * (rssAtEnd - rssAtRest) / rssAtRest;

        long lost = sent.Sum(s => s.Value - echoed.GetValueOrDefault(s.Key));
        bool pass = lost == 0 && unreaped == 0 && growth < 5;
        Console.WriteLine($"storms: {storms} ({storms * OrphansPerStorm:N0} orphans)");
        Console.WriteLine($"signals: {sent.Values.Sum():N0} sent, {echoed.Values.Sum():N0} received by the child, {lost} lost " +
                          $"({string.Join(", ", sent.OrderBy(s => s.Key).Select(s => $"{s.Key}: {echoed.GetValueOrDefault(s.Key)}/{s.Value}"))})");
        Console.WriteLine($"unreaped at the end: {unreaped}");
        Console.WriteLine($"RSS: {rssAtRest} KiB at rest, {rssAfterFirstStorm} KiB after the first storm, {rssAtEnd} KiB at the end ({growth:+0.0;-0.0}%)");
        Console.WriteLine(pass ? "PASS" : "FAIL");
        return pass;
    }

    /// <summary>Bursts of real-time signals plus one standard signal, each burst echoed in full before the next.</summary>
    private static (Dictionary<int, long> Sent, Dictionary<int, long> Echoed) SendSignals(Session session, DateTime deadline)
    {
        var sent = new Dictionary<int, long>();
        var echoed = new Dictionary<int, long>();
        var random = new Random(1);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                for (int i = 0; i <= RealTimeBurst; i++)
                {
                    int signal = i < RealTimeBurst ? RealTime[random.Next(RealTime.Length)] : Standard[random.Next(Standard.Length)];
                    session.Signal(signal);
                    sent[signal] = sent.GetValueOrDefault(signal) + 1;
                }
                for (int i = 0; i <= RealTimeBurst; i++)
                {
                    int signal = session.ReadEcho();
                    echoed[signal] = echoed.GetValueOrDefault(signal) + 1;
                }
            }
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine("a signal did not arrive within 30 s");
        }
        return (sent, echoed);
    }
}
