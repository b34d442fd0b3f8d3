using System;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Signals;

public class SignalDelivery
{
    [Theory]
    [BothModes]
    public void Every_thread_of_the_init_blocks_every_signal_it_forwards(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "echo ready; " + Scripts.WaitForever);
        init.WaitForLine("ready");
        var threads = ProcFs.Threads(init.InitPid);
        Assert.NotEmpty(threads); // one, since the runtime's finalizer thread is never started (SingleThread)
        foreach (int tid in threads)
        {
            string blocked = ProcFs.Status(init.InitPid, "SigBlk", tid)!;
            for (int signal = 1; signal <= 64; signal++)
            {
                if (Array.IndexOf(new[] { 9, 19, 11, 8, 7, 4, 6, 5, 31, 32, 33, 34 }, signal) >= 0) continue;
                Assert.True(ProcFs.MaskHas(blocked, signal), $"thread {tid} does not block signal {signal} (SigBlk {blocked})");
            }
        }
    }

    [Theory]
    [BothModes]
    public void No_signal_is_lost_under_a_flood_while_the_child_forks_thousands_of_processes(Mode mode)
    {
        const int acknowledged = 1000;
        // The child is perl: it counts each signal in its C handler and runs the Perl handler at the
        // next safe point, whereas bash can drop a trap that arrives while it is busy running others.
        const string child =
            "$| = 1; my $n = 0; $SIG{USR1} = sub { $n++; print qq(ack $n.\\n) }; $SIG{USR2} = $SIG{WINCH} = sub {}; " +
            // Thousands of orphans, each a SIGCHLD for the init, while the signals arrive.
            "if (fork == 0) { for (1..3000) { my $p = fork; POSIX::_exit(0) if defined $p && $p == 0; } POSIX::_exit(0) } " +
            // Short naps: a signal that lands between perl's pending check and a long sleep would wait it out.
            "print qq(ready\\n); select(undef, undef, undef, 0.01) while 1;";
        using var init = InitProcess.Start(mode, "--", "perl", "-MPOSIX", "-e", child);
        init.WaitForLine("ready");

        using (new SignalFlood(init.InitPid, limit: 20_000))
        {
            for (int k = 1; k <= acknowledged; k++)
            {
                // One at a time: a standard signal sent while another is pending would merge with it.
                init.Signal(10);
                init.WaitForLine($"ack {k}.", TimeSpan.FromSeconds(20));
            }
        }

        Assert.False(init.HasExited);
        init.Signal(15);
        Assert.Equal(128 + 15, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void A_signal_sent_while_the_runtime_starts_is_not_lost(Mode mode)
    {
        // The command starts with USR1 blocked (inherited through the init) and unblocks it once its
        // handler is in place, so a USR1 forwarded at any time reaches the handler.
        const string child =
            "$| = 1; $SIG{USR1} = sub { print qq(got USR1\\n); exit 0 }; " +
            "POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), POSIX::SigSet->new(POSIX::SIGUSR1())); sleep 1 while 1;";
        string init = Scripts.Init(mode);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            using var parent = InitProcess.Around(
                $"exec env --block-signal=USR1 {init} -- perl -MPOSIX -e '{child}'");
            // Sent as soon as preinit.c has blocked the signals (HUP among them), before the runtime
            // has made its threads or the command runs: polled without sleeping, to be that early.
            int initPid = 0;
            var deadline = System.DateTime.UtcNow + InitProcess.Patience;
            while (initPid == 0 || ProcFs.Status(initPid, "SigBlk") is not string mask || !ProcFs.MaskHas(mask, 1))
            {
                if (System.DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the init never blocked SIGHUP");
                if (initPid == 0) initPid = mode == Mode.Plain ? parent.InitPid : ProcFs.Children(parent.InitPid) is [int pid, ..] ? pid : 0;
            }
            Assert.Equal(0, Libc.kill(initPid, 10));
            parent.WaitForLine("got USR1");
            Assert.Equal(0, parent.WaitForExit());
        }
    }
}
