using static Bench.Libc;

namespace Bench;

/// <summary>
/// One init running as PID 1 of a fresh PID namespace (`unshare --pid --fork --mount-proc INIT --
/// child`), with child.c as its command. Signals go to the init; the child's answers come back on
/// its stdout (one byte per signal) and stderr (storm reports).
/// </summary>
internal sealed class Session : IDisposable
{
    private const int Patience = 30_000; // ms: far beyond any healthy answer; a sure sign of a loss

    private readonly int _unsharePid;
    private readonly int _stdin, _stdout, _stderr;
    private string _stderrText = "";

    public Contender Init { get; }

    /// <summary>The init's pid as the benchmark sees it (the child of unshare).</summary>
    public int InitPid { get; }

    private Session(Contender init, string child)
    {
        Init = init;
        var stdin = Pipes.Create();
        var stdout = Pipes.Create();
        var stderr = Pipes.Create();
        _unsharePid = Spawner.Start(["unshare", "--pid", "--fork", "--mount-proc", .. init.Running(child)],
            stdin.Read, stdout.Write, stderr.Write);
        close(stdin.Read);
        close(stdout.Write);
        close(stderr.Write);
        (_stdin, _stdout, _stderr) = (stdin.Write, stdout.Read, stderr.Read);

        if (Pipes.ReadByte(_stdout, Patience) != 0) throw new InvalidDataException($"{init.Name}: the child never got ready");
        InitPid = ProcFs.ChildOf(_unsharePid) ?? throw new InvalidDataException($"{init.Name}: unshare has no child");
    }

    public static Session Start(Contender init, string child) => new(init, child);

    /// <summary>Sends <paramref name="signal"/> to the init (not to the child: forwarding is what is measured).</summary>
    public void Signal(int signal)
    {
        if (kill(InitPid, signal) != 0) throw new IOException($"kill {InitPid}: {Describe(Errno)}");
    }

    /// <summary>The number of the next signal the child received.</summary>
    public int ReadEcho()
    {
        int b = Pipes.ReadByte(_stdout, Patience);
        return b >= 0 ? b : throw new EndOfStreamException($"{Init.Name}: the child's stdout closed");
    }

    /// <summary>Nanoseconds from sending <paramref name="signal"/> to the init until the child has handled it.</summary>
    public long EchoLatencyNs(int signal)
    {
        long start = MonotonicNs();
        Signal(signal);
        int echoed = ReadEcho();
        long end = MonotonicNs();
        return echoed == signal ? end - start : throw new InvalidDataException($"sent {signal}, child got {echoed}");
    }

    public void RequestStorm(int orphans) => Pipes.Write(_stdin, $"{orphans}\n");

    /// <summary>
    /// The child's report of the storm in progress (CLOCK_MONOTONIC ns): when it began and when its
    /// last orphan exited; null if none came within <paramref name="timeoutMs"/>.
    /// </summary>
    public (long StartNs, long LastExitNs)? ReadStormReport(int timeoutMs)
    {
        if (!Pipes.WaitReadable(_stderr, timeoutMs)) return null;
        string more = Pipes.ReadAvailable(_stderr);
        if (more.Length == 0) throw new EndOfStreamException($"{Init.Name}: the child's stderr closed");
        _stderrText += more;
        int newline;
        while ((newline = _stderrText.IndexOf('\n')) >= 0)
        {
            string line = _stderrText[..newline];
            _stderrText = _stderrText[(newline + 1)..];
            string[] words = line.Split(' ');
            if (words is ["storm", var start, var last]) return (long.Parse(start), long.Parse(last));
            Console.Error.WriteLine($"{Init.Name}: {line}"); // the init's or the child's complaint
        }
        return null;
    }

    /// <summary>Processes of the namespace that nobody has reaped yet, besides the init and the child.</summary>
    public int Unreaped() => ProcFs.ProcessesInNamespace(InitPid) - 2;

    /// <summary>Ends the session as a container ends: the command exits (EOF on its stdin), the init follows.</summary>
    public void Dispose()
    {
        close(_stdin);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Spawner.TryWait(_unsharePid) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.Error.WriteLine($"{Init.Name} did not exit 10 s after its command; killing it");
                kill(InitPid, SIGKILL);
                Spawner.Wait(_unsharePid);
                break;
            }
            Thread.Sleep(5);
        }
        close(_stdout);
        close(_stderr);
    }
}
