namespace Init.Tests.Harness;

/// <summary>Bash fragments the child scripts share.</summary>
public static class Scripts
{
    /// <summary>Waits forever in a way that runs traps as soon as a signal arrives (bash defers traps during a foreground command).</summary>
    public const string WaitForever = "sleep 1000 & s=$!; while :; do wait $s; done";

    /// <summary>The init under test, as a command prefix for <see cref="Shell"/> scripts.</summary>
    public static string Init(Mode mode) =>
        mode == Mode.Pid1 ? "unshare --pid --fork --mount-proc \"$INIT\"" : "\"$INIT\"";
}
