using System.Linq;
using System.Text;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>The child starts with exactly what the init was started with: each test runs a command once
/// directly and once through the init, from the same shell set-up, and compares what it sees.</summary>
public class InheritedState
{
    private static void AssertSameThroughInit(Mode mode, string setUp, string command)
    {
        var direct = Shell.Run($"{setUp}\n{command}");
        var throughInit = Shell.Run($"{setUp}\n{Scripts.Init(mode)} -- {command}");
        Assert.Equal(0, direct.ExitCode);
        Assert.True(throughInit.ExitCode == 0, throughInit.Stderr);
        Assert.NotEmpty(direct.Stdout);
        Assert.Equal(Encoding.Latin1.GetString(direct.Stdout), Encoding.Latin1.GetString(throughInit.Stdout));
    }

    [Theory]
    [BothModes]
    public void Signal_mask_and_ignored_signals(Mode mode)
    {
        // perl blocks USR2 and ALRM and ignores HUP, then execs the rest of the line.
        const string perl = "perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGUSR2, SIGALRM)); $SIG{HUP} = q(IGNORE); exec @ARGV or die' --";
        var direct = Shell.Run($"{perl} grep -E '^Sig(Blk|Ign)' /proc/self/status");
        var throughInit = Shell.Run($"{perl} {Scripts.Init(mode)} -- grep -E '^Sig(Blk|Ign)' /proc/self/status");
        string expected = Encoding.ASCII.GetString(direct.Stdout);
        Assert.Contains("SigBlk:\t0000000000002800", expected); // USR2 (12) and ALRM (14)
        Assert.Contains("SigIgn:\t0000000000000001", expected); // HUP only: SIGPIPE is not left ignored
        Assert.Equal(expected, Encoding.ASCII.GetString(throughInit.Stdout));
    }

    /// <summary>
    /// Dispositions the runtime changes in the init (SIGPIPE ignored; SIGSEGV, SIGFPE and SIGRTMIN
    /// caught) reach the command as the init's parent left them: ignored stays ignored, default stays
    /// default. The last case is tini's sigconf test. cat, not grep: grep catches SIGSEGV itself.
    /// </summary>
    [Theory]
    [BothModes("--ignore-signal=PIPE,SEGV,FPE,RTMIN")]
    [InlineData(Mode.Plain, "--ignore-signal=HUP,INT,RTMIN+1")]
    [BothModes("--default-signal=PIPE,SEGV,FPE,RTMIN")]
    [BothModes("--ignore-signal=TTOU,SEGV,INT --block-signal=TTIN,ILL,TERM")]
    public void Ignored_and_default_dispositions_and_the_mask_as_the_parent_set_them(Mode mode, string envOptions)
    {
        const string command = "cat /proc/self/status | grep -E '^Sig(Blk|Ign)'";
        var direct = Shell.Run($"env {envOptions} {command}");
        var throughInit = Shell.Run($"env {envOptions} {Scripts.Init(mode)} -- {command}");
        string expected = Encoding.ASCII.GetString(direct.Stdout);
        Assert.Contains("SigIgn:", expected);
        if (envOptions.StartsWith("--ignore")) Assert.DoesNotContain("SigIgn:\t0000000000000000", expected);
        Assert.Equal(expected, Encoding.ASCII.GetString(throughInit.Stdout));
    }

    [Theory]
    [BothModes]
    public void Default_signal_state_when_started_plainly(Mode mode) =>
        AssertSameThroughInit(mode, "", "grep -E '^Sig(Blk|Ign)' /proc/self/status");

    [Theory]
    [BothModes]
    public void Open_file_descriptors_and_none_of_the_runtimes(Mode mode)
    {
        using var scratch = new Scratch();
        AssertSameThroughInit(mode, $"exec 5</dev/null 7>{scratch.File("fd-7")} 9<&0",
            // Each descriptor and what it is open on, pipe numbers aside (every run has its own pipes).
            "sh -c 'cd /proc/$$/fd && for fd in *; do echo $fd $(readlink $fd | sed \"s/:\\[.*//\"); done'");
    }

    [Theory]
    [BothModes]
    public void Environment_byte_for_byte(Mode mode) =>
        AssertSameThroughInit(mode, "", "env -i A=1 $'BYTES=\\xff\\xfe' 'SPACE=a b' EMPTY= env");

    [Theory]
    [BothModes]
    public void Arguments_byte_for_byte(Mode mode) =>
        AssertSameThroughInit(mode, "", "printf '[%s]\\n' $'\\xff\\xfe' '' 'a  b' -v --help --");

    [Theory]
    [BothModes]
    public void Working_directory_and_resource_limits(Mode mode) =>
        AssertSameThroughInit(mode, "cd /usr/share; ulimit -Sn 777; ulimit -Ss 4096; ulimit -c 0",
            "sh -c 'pwd; cat /proc/self/limits'");

    [Fact]
    public void The_child_leads_its_own_process_group()
    {
        using var init = InitProcess.Bash(Mode.Plain, "echo pid $$ pgid $(ps -o pgid= $$ | tr -d ' ')");
        string[] words = init.WaitForLine("pgid").Split(' ');
        Assert.Equal(words[1], words[3]);
        Assert.NotEqual(ProcFs.Status(init.InitPid, "Pid"), words[1]);
        Assert.Equal(0, init.WaitForExit());
    }

    [Fact]
    public void Stdout_and_stderr_reach_the_caller_complete_and_in_order()
    {
        var result = Shell.Run("\"$INIT\" -- sh -c 'i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1)); done'");
        var lines = Encoding.ASCII.GetString(result.Stdout).Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 20000).Select(i => $"line {i}"), lines);
    }

    /// <summary>Started with fd 0, 1 or 2 closed, the command finds it closed too: nothing the init opens lands there.</summary>
    [Theory]
    [BothModes(0)]
    [BothModes(1)]
    [BothModes(2)]
    public void A_closed_standard_descriptor_stays_closed(Mode mode, int closed)
    {
        using var scratch = new Scratch();
        string report = scratch.File("report");
        // `test -e` is a shell builtin, so it looks at the shell's own table, as the init handed it over.
        string probe = "r=; for f in 0 1 2; do if [ -e /proc/$$/fd/$f ]; then r=\"$r$f:open \"; else r=\"$r$f:closed \"; fi; done; echo \"$r\" > " + report;
        var result = Shell.Run($"{Scripts.Init(mode)} -- sh -c '{probe}; exit 5' {closed}>&-");
        string expected = string.Join(" ", new[] { 0, 1, 2 }.Select(f => $"{f}:{(f == closed ? "closed" : "open")}")) + " \n";
        Assert.True(result.ExitCode == 5, result.Stderr);
        Assert.Equal(expected, System.IO.File.ReadAllText(report));
    }
}
