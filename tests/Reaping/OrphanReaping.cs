using System;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Reaping;

public class OrphanReaping
{
    private static void WaitUntil(Func<bool> condition, string what) => Eventually.Until(condition, () => what);

    [Theory]
    [BothModes]
    public void No_zombie_remains_after_a_storm_of_10000_orphans(Mode mode)
    {
        // perl forks 10,000 children and exits without waiting: all become the init's at once.
        const string script =
            "perl -MPOSIX -e 'for (1..10000) { defined(my $p = fork) or die \"fork: $!\"; POSIX::_exit(0) if $p == 0; }'; " +
            "echo stormed; " + Scripts.WaitForever;
        using var init = InitProcess.Bash(mode, script);
        // Forking 10,000 processes took 2 s on a quiet machine and over a minute on a loaded one:
        // the wait is only a guard against hanging.
        init.WaitForLine("stormed", TimeSpan.FromMinutes(5));
        WaitUntil(() => ProcFs.ZombieChildren(init.InitPid).Count == 0,
            "zombies remain among the init's children");
        Assert.False(init.HasExited);
    }

    [Theory]
    [BothModes]
    public void Adopts_orphans_and_reaps_them(Mode mode)
    {
        // The subshell exits at once, orphaning its sleep; it must be reparented to the init, even
        // when the init is not PID 1 (it registers as child subreaper).
        using var init = InitProcess.Bash(mode, "(sleep 1000 & echo orphan $!.); " + Scripts.WaitForever);
        string line = init.WaitForLine("orphan");
        int orphanInNamespace = int.Parse(line.Split(' ')[1].TrimEnd('.'));
        int orphan = mode == Mode.Plain ? orphanInNamespace : FindOuterPid(init.InitPid, orphanInNamespace);

        WaitUntil(() => ProcFs.Status(orphan, "PPid") == init.InitPid.ToString(), "the orphan was not adopted by the init");
        Assert.Equal(0, Libc.kill(orphan, 9));
        WaitUntil(() => ProcFs.Status(orphan, "State") is null, "the killed orphan was not reaped");
    }

    [Theory]
    [BothModes]
    public void With_w_warns_when_it_reaps_a_zombie_that_is_not_the_child(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "(sleep 0.2 &); sleep 1", "-w");
        Assert.Equal(0, init.WaitForExit());
        Assert.Contains("init: warning: reaped zombie process", init.Stderr);
    }

    /// <summary>What the kernel says: the orphan's parent is the init, not the reaper above the test.</summary>
    [Fact]
    public void Registers_as_subreaper_when_not_pid_1()
    {
        // Bash goes on to the echo once the subshell has exited, and the kernel reparents a child
        // before its exiting parent can be waited for: the orphan's parent is final by then.
        using var init = InitProcess.Bash(Mode.Plain, "(sleep 1000 & echo orphan $!.); echo parent gone.; " + Scripts.WaitForever);
        int orphan = int.Parse(init.WaitForLine("orphan").Split(' ')[1].TrimEnd('.'));
        try
        {
            init.WaitForLine("parent gone.");
            Assert.Equal(init.InitPid.ToString(), ProcFs.Status(orphan, "PPid"));
        }
        finally
        {
            Libc.kill(orphan, 9);
        }
    }

    /// <summary>The pid, in the test's namespace, of the init's descendant whose pid inside the namespace is given.</summary>
    /// <remarks>Polled: a walk of the tree can miss a process that is being reparented while it runs.</remarks>
    private static int FindOuterPid(int initPid, int namespacePid)
    {
        int found = 0;
        Eventually.Until(() =>
        {
            foreach (int pid in ProcFs.Descendants(initPid))
            {
                string? nspid = ProcFs.Status(pid, "NSpid");
                if (nspid is not null && nspid.EndsWith("\t" + namespacePid, StringComparison.Ordinal)) found = pid;
            }
            return found != 0;
        }, () => $"no descendant of {initPid} has pid {namespacePid} in the namespace");
        return found;
    }
}
