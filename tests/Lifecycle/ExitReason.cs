using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Init.Lifecycle;
using Init.Reaping;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>Why the command died: one line on stderr, and --termination-log for Kubernetes' terminationMessagePath.</summary>
public class ExitReason
{
    private const string KillsItself = "kill -KILL $$";


    [Theory]
    [BothModes]
    public void A_command_killed_by_a_signal_is_named_with_the_signal_at_the_default_verbosity(Mode mode)
    {
        using var init = InitProcess.Bash(mode, KillsItself);
        Assert.Equal(137, init.WaitForExit());
        Assert.Matches(@"^init: command 'bash' \(process \d+\) killed by SIGKILL\n$", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_segmentation_fault_without_a_core_dump_says_only_the_signal(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--", "bash", "-c", "ulimit -c 0; exec perl -e 'kill q(SEGV), $$; sleep 5'");
        Assert.Equal(139, init.WaitForExit());
        Assert.Matches(@"^init: command 'bash' \(process \d+\) killed by SIGSEGV\n$", init.Stderr);
    }

    /// <remarks>The host's core_pattern must write a file ("core", as here) or pipe to a helper; the test only raises the soft RLIMIT_CORE of the command.</remarks>
    [Theory]
    [BothModes]
    public void A_core_dump_is_said(Mode mode)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        using var init = InitProcess.StartWith(mode, null, dir, "--", "bash", "-c", "ulimit -c unlimited; exec perl -e 'kill q(SEGV), $$; sleep 5'");
        Assert.Equal(139, init.WaitForExit());
        Assert.Contains("killed by SIGSEGV (core dumped)", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_non_zero_exit_stays_silent_unless_verbose(Mode mode)
    {
        using (var quiet = InitProcess.Bash(mode, "exit 3"))
        {
            Assert.Equal(3, quiet.WaitForExit());
            Assert.Equal("", quiet.Stderr);
        }
        using var verbose = InitProcess.Bash(mode, "exit 3", "-v");
        Assert.Equal(3, verbose.WaitForExit());
        Assert.Matches(@"command 'bash' \(process \d+\) exited with 3", verbose.Stderr);
    }

    [Theory]
    [BothModes("kill -KILL $$", 137, "killed by SIGKILL")]
    [BothModes("exit 3", 3, "exited with 3")]
    public void An_abnormal_end_is_written_to_an_empty_termination_log(Mode mode, string script, int code, string reason)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        File.WriteAllText(log, "");
        using var init = InitProcess.Bash(mode, script, "--termination-log", log);
        Assert.Equal(code, init.WaitForExit());
        Assert.Matches($@"^command 'bash' \(process \d+\) {reason}$", File.ReadAllText(log));
    }

    [Theory]
    [InlineData("exit 0")]
    [InlineData("exit 3", "-e", "3")]
    public void A_normal_end_leaves_the_termination_log_empty(string script, params string[] options)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        File.WriteAllText(log, "");
        using var init = InitProcess.Bash(Mode.Pid1, script, [.. options, "--termination-log", log]);
        Assert.Equal(0, init.WaitForExit());
        Assert.Equal("", File.ReadAllText(log));
    }

    [Fact]
    public void The_commands_own_termination_message_wins()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        File.WriteAllText(log, "");
        using var init = InitProcess.Bash(Mode.Pid1, $"echo database corrupt > {log}; kill -KILL $$", "--termination-log", log);
        Assert.Equal(137, init.WaitForExit());
        Assert.Equal("database corrupt\n", File.ReadAllText(log));
    }

    [Theory]
    [InlineData("--termination-log")]
    [InlineData("INIT_TERMINATION_LOG")]
    public void A_missing_termination_log_is_never_created_and_the_exit_code_is_the_commands(string how)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        var environment = how.StartsWith("INIT_") ? new Dictionary<string, string?> { [how] = log } : null;
        string[] options = environment is null ? [how, log] : [];
        using var init = InitProcess.StartWith(Mode.Pid1, environment, null, [.. options, "--", "bash", "-c", KillsItself]);
        Assert.Equal(137, init.WaitForExit());
        Assert.False(File.Exists(log));
        Assert.DoesNotContain("warning", init.Stderr);
    }

    [Fact]
    public void The_environment_twin_writes_the_termination_log()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        File.WriteAllText(log, "");
        using var init = InitProcess.StartWith(Mode.Plain, new Dictionary<string, string?> { ["INIT_TERMINATION_LOG"] = log }, null, "--", "bash", "-c", KillsItself);
        Assert.Equal(137, init.WaitForExit());
        Assert.EndsWith("killed by SIGKILL", File.ReadAllText(log));
    }

    [Fact]
    public void A_termination_log_that_cannot_be_written_is_a_warning_not_a_failure()
    {
        // A directory exists, but is no file to write.
        using var scratch = new Scratch();
        string dir = scratch.Path;
        using var init = InitProcess.Bash(Mode.Pid1, KillsItself, "--termination-log", dir);
        Assert.Equal(137, init.WaitForExit());
        Assert.Contains($"init: warning: cannot write the termination log {dir}", init.Stderr);
    }
}

