using static Bench.Libc;

namespace Bench;

/// <summary>
/// Memory at rest of a column that takes no part in the long-lived sessions: ours without
/// System.CommandLine (an init, with child.c as its command) and the floor (`--rest`: it writes one
/// byte when it is in its wait, then waits for good).
/// </summary>
internal static class MemoryAtRest
{
    private const int Patience = 30_000; // ms

    public static (long RssKiB, long AnonymousKiB, int Threads) Read(Contender contender, string child)
    {
        if (contender.Kind == ContenderKind.Variant)
        {
            using var session = Session.Start(contender, child);
            return (ProcFs.RssKiB(session.InitPid), ProcFs.AnonymousKiB(session.InitPid), ProcFs.Threads(session.InitPid));
        }
        var stdout = Pipes.Create();
        int pid = Spawner.Start([contender.Path, "--rest"], stdout: stdout.Write);
        close(stdout.Write);
        try
        {
            if (Pipes.ReadByte(stdout.Read, Patience) != 0) throw new InvalidDataException($"{contender.Name} never came to rest");
            return (ProcFs.RssKiB(pid), ProcFs.AnonymousKiB(pid), ProcFs.Threads(pid));
        }
        finally
        {
            kill(pid, SIGKILL);
            Spawner.Wait(pid);
            close(stdout.Read);
        }
    }
}
