using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class ParentDeath
{
    [Fact]
    public void With_p_the_parents_death_sends_the_signal_which_is_forwarded_to_the_child()
    {
        // The shell starts the init in the background and exits when the test closes its stdin.
        using var parent = InitProcess.Around(
            "\"$INIT\" -p SIGUSR1 -- bash -c 'trap \"kill \\$s; echo got USR1.; exit 0\" USR1; echo ready.; " + Scripts.WaitForever + "' & read -r _");
        parent.WaitForLine("ready.");
        parent.Stdin.Close();
        parent.WaitForLine("got USR1.");
    }

    [Fact]
    public void A_parent_that_exits_right_after_starting_the_init_still_counts_as_dead()
    {
        // Each parent exits the moment it sees the init running (its mask shows SIGHUP blocked: the
        // init's first step after reading its parent's pid), long before Main arms the signal. A parent
        // gone before that cannot be told from the reaper that adopted the init, by any init. The command
        // starts with USR1 blocked until its handler is in place, so a signal that comes early still reaches it.
        using var scratch = new Scratch("pdeath");
        string directory = scratch.Path;
        const int runs = 20;
        string child = "$SIG{USR1} = sub { open my $f, q(>), $ARGV[0] or die; exit 0 }; alarm 60; " +
                       "POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), POSIX::SigSet->new(POSIX::SIGUSR1())); sleep 1 while 1;";
        var result = Shell.Run(
            $"for i in $(seq {runs}); do bash -c 'env --block-signal=USR1 \"$INIT\" -p SIGUSR1 -- perl -MPOSIX -e \"$1\" {directory}/$2 & " +
            "until grep -qs \"^SigBlk:.*[13579bdf]$\" /proc/$!/status; do :; done' - '" + child + "' $i; done");
        Assert.Equal(0, result.ExitCode);
        Eventually.Until(() => Directory.GetFiles(directory).Length == runs,
            () => $"only {Directory.GetFiles(directory).Length} of {runs} commands got the parent-death signal");
    }

    [Theory]
    [InlineData("32")]
    [InlineData("33")]
    [InlineData("SIGSEGV")]
    public void A_parent_death_signal_the_init_never_receives_is_a_usage_error(string signal)
    {
        var result = Shell.Run($"\"$INIT\" -p {signal} -- true");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be a parent-death signal", result.Stderr);
    }
}
