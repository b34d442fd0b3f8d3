using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Signals;

/// <summary>SIGRTMIN is the runtime's GC signal; it reaches the init through preinit.c's handler and is forwarded.</summary>
public class SigRtMinForwarding
{
    private const int SIGRTMIN = 34;

    /// <summary>
    /// Counts SIGRTMIN exactly: it blocks it and takes each one with rt_sigtimedwait (real-time signals
    /// queue), where a perl or bash handler would merge signals that arrive together. Forks
    /// $ARGV[0] processes first, each one a zombie for the init to reap.
    /// </summary>
    private const string Counter =
        "use POSIX; use Config; $| = 1; " +
        "my $set = pack('Q', (1 << 33) | (1 << 14) | (1 << 11) | (1 << 27)); " + // RTMIN, TERM, USR2, WINCH
        "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(34, SIGTERM, SIGUSR2, 28)); " +
        "my $nr = $Config{archname} =~ /aarch64/ ? 137 : 128; " + // rt_sigtimedwait
        "for (1..$ARGV[0]) { my $p = fork; POSIX::_exit(0) if defined $p && $p == 0 } " +
        "my $n = 0; print qq(ready\\n); " +
        "while (1) { my $s = syscall($nr, $set, 0, 0, 8); next if $s != 34 && $s != SIGTERM; last if $s == SIGTERM; " +
        "  $n++; print qq(count $n\\n) if $n % 100 == 0 } " +
        "print qq(final $n\\n);";

    [Theory]
    [BothModes]
    public void A_flood_of_SIGRTMIN_is_forwarded_whole_while_the_init_collects_garbage(Mode mode)
    {
        const int bursts = 10, perBurst = 1000;
        // -vvv (a log line per forwarded signal and reaped process) makes the init allocate, so it
        // collects garbage during the flood (a couple of times with the default gen0 budget).
        using var init = InitProcess.StartWith(mode, null, null, "-vvv", "-w", "--", "perl", "-e", Counter, "3000");
        // The 3000 forks before "ready" took over a minute with the whole suite running on a loaded
        // machine: the wait is only a guard against hanging.
        init.WaitForLine("ready", System.TimeSpan.FromMinutes(5));

        using (new SignalFlood(init.InitPid))
        {
            for (int burst = 1; burst <= bursts; burst++)
            {
                for (int i = 0; i < perBurst; i++) init.Signal(SIGRTMIN);
                init.WaitForLine($"count {burst * perBurst}", System.TimeSpan.FromSeconds(30));
            }
        }

        init.Signal(15);
        init.WaitForLine("final ");
        Assert.Equal(0, init.WaitForExit());
        Assert.Contains($"final {bursts * perBurst}", init.Stdout); // none lost, none doubled
    }

    [Theory]
    [BothModes]
    public void SIGRTMIN_is_accepted_for_p_and_as_a_rewrite_target(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "trap 'echo got RTMIN.' RTMIN; trap 'echo got USR1.' USR1; echo ready.; " + Scripts.WaitForever,
            "-p", "SIGRTMIN", "-r", "USR2:RTMIN");
        init.WaitForLine("ready.");
        init.Signal(12);
        init.WaitForLine("got RTMIN.");
        init.Signal(10);
        init.WaitForLine("got USR1.");
    }
}
