namespace Init.Tests.Harness;

/// <summary>Bash fragments the child scripts share.</summary>
public static class Scripts
{
    /// <summary>Waits forever in a way that runs traps as soon as a signal arrives (bash defers traps during a foreground command).</summary>
    public const string WaitForever = "sleep 1000 & s=$!; while :; do wait $s; done";

    /// <summary>The init under test, as a command prefix for <see cref="Shell"/> scripts.</summary>
    public static string Init(Mode mode) =>
        mode == Mode.Pid1 ? "unshare --pid --fork --mount-proc \"$INIT\"" : "\"$INIT\"";

    /// <summary>
    /// A command that starts a background worker (<paramref name="worker"/>, a bash script), waits
    /// until the worker is ready (<paramref name="ready"/> exists), and exits 3, printing the time it exits at.
    /// </summary>
    public static string CommandLeaving(string worker, string ready) =>
        $"bash -c '{worker}' & echo worker $!.; while [ ! -e {ready} ]; do sleep 0.01; done; echo exiting $(date +%s%N).; exit 3";
}
