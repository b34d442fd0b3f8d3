namespace Init.Tests.Harness;

/// <summary>Shell scripts (busybox sh) the podman and Docker tests both run inside containers.</summary>
public static class ContainerScripts
{
    /// <summary>
    /// A worker, as one sh command line, that touches <paramref name="readyFile"/> when it runs and,
    /// on SIGTERM, takes half a second to write /shared/flushed (a host directory mounted there)
    /// before it exits: a worker that the kernel SIGKILLs, or that gets no SIGTERM, writes nothing.
    /// </summary>
    public static string FlushingWorker(string readyFile) =>
        $"sh -c 'trap \"sleep 0.5; echo flushed > /shared/flushed; exit 0\" TERM; touch {readyFile}; while :; do sleep 0.1; done'";

    /// <summary>
    /// Prints "init pid N" (its parent's pid), leaves an orphan that prints "orphan parent N" after
    /// 0.5 s, and waits until the orphan is reaped ("orphan reaped") or 20 s have passed ("orphan left"):
    /// a script that went on after a fixed time could end first, and the orphan's line with it.
    /// </summary>
    public const string OrphanThatNamesItsParent =
        "echo init pid $PPID; (sh -c 'sleep 0.5; echo orphan parent $(cut -d\" \" -f4 /proc/$$/stat)' & echo $! > /tmp/orphan); " +
        // The orphan exits after 0.5 s; then it stays a zombie until the init reaps it.
        "o=$(cat /tmp/orphan); i=0; while [ -e /proc/$o ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done; " +
        "[ -e /proc/$o ] && echo orphan left || echo orphan reaped; ";

    /// <summary>Leaves a <see cref="FlushingWorker"/> behind and exits 3.</summary>
    public static readonly string LeaveAWorkerAndExit3 =
        FlushingWorker("/tmp/ready") + " & while [ ! -e /tmp/ready ]; do sleep 0.05; done; exit 3";

    /// <summary>
    /// Makes 200 orphans that exit after 0.2 s, then prints "zombies N" for the processes left in state
    /// Z. After a second the last of them may have just exited, not yet reaped: the count is retried
    /// for up to 5 s more, and an init that does not reap leaves its zombies there all along.
    /// </summary>
    public const string ZombiesAfterOrphansExit =
        "i=0; while [ $i -lt 200 ]; do (sleep 0.2 &); i=$((i+1)); done; sleep 1; " +
        "i=0; while [ $i -lt 100 ] && [ \"$(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l)\" != 0 ]; do sleep 0.05; i=$((i+1)); done; " +
        "echo zombies $(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l)";

    /// <summary>A command that prints "ready", prints "got USR1" on each SIGUSR1 and exits 42 on SIGTERM.</summary>
    public const string TrapsUsr1AndTerm =
        "trap 'echo got USR1' USR1; trap 'exit 42' TERM; echo ready; while :; do sleep 0.1; done";
}
