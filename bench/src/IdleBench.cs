namespace Bench;

internal sealed record IdleResult(long ContextSwitches);

/// <summary>
/// Idle cost: context switches of every thread of each init while its child sleeps (blocked in poll).
/// All inits sit through the same window, so they share whatever else the machine does.
/// </summary>
internal static class IdleBench
{
    public static IdleResult[] Run(IReadOnlyList<Session> sessions, int seconds)
    {
        long[] before = sessions.Select(s => ProcFs.ContextSwitches(s.InitPid)).ToArray();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return sessions.Select((s, i) =>
            new IdleResult(ProcFs.ContextSwitches(s.InitPid) - before[i])).ToArray();
    }
}
