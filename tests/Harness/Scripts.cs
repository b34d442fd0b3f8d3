namespace Init.Tests.Harness;

/// <summary>Bash fragments the child scripts share.</summary>
public static class Scripts
{
    /// <summary>Waits forever in a way that runs traps as soon as a signal arrives (bash defers traps during a foreground command).</summary>
    public const string WaitForever = "sleep 1000 & s=$!; while :; do wait $s; done";

    /// <summary>
    /// A command that prints "WHO got SIG." for each of <paramref name="signals"/> (names without SIG) it
    /// receives, having first printed "WHO ready.", and runs until killed: the end of a test that proves
    /// a signal did not arrive. Such a test sends, after the signal that must not arrive, a barrier
    /// of a higher number; once the barrier is reported, the other would have been reported first.
    /// </summary>
    /// <remarks>
    /// Perl, not a bash trap: of the signals pending at once, perl runs every handler, in ascending
    /// order. Of two signals that reach bash in `wait` together, it may run one trap only (the kernel
    /// stacks both handlers' frames; the inner one longjmps out of the outer, whose signal stays blocked):
    /// seen with SIGTERM and SIGURG, 4 times in 5. A bash child can miss the very signal a test looks for.
    /// Single-quote free, to sit inside a bash script's single quotes.
    /// </remarks>
    public static string[] ReportSignals(string who, params string[] signals) => ["perl", "-e", SignalReporter, who, .. signals];

    private const string SignalReporter =
        "$| = 1; my $who = shift; for my $s (@ARGV) { $SIG{$s} = sub { print \"$who got $s.\\n\" } } " +
        "print \"$who ready.\\n\"; sleep 1 while 1;";

    /// <summary><see cref="ReportSignals"/> as a line of a bash script.</summary>
    public static string ReportSignalsLine(string who, params string[] signals) =>
        $"perl -e '{SignalReporter}' {who} {string.Join(' ', signals)}";

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
