using System;
using System.Collections.Generic;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

public class ExecFailure
{
    [Theory]
    [BothModes]
    public void A_missing_command_exits_127_and_names_it(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--", "no-such-command-xyz", "arg");
        Assert.Equal(127, init.WaitForExit());
        Assert.Contains("init: cannot run 'no-such-command-xyz': No such file or directory", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_file_that_is_not_executable_exits_126_and_names_it(Mode mode)
    {
        using var scratch = new Scratch();
        string path = scratch.File("not-executable");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var init = InitProcess.Start(mode, "--", path);
        Assert.Equal(126, init.WaitForExit());
        Assert.Contains($"init: cannot run '{path}': Permission denied", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_directory_exits_126(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--", "/tmp");
        Assert.Equal(126, init.WaitForExit());
        Assert.Contains("init: cannot run '/tmp'", init.Stderr);
    }

    /// <summary>execvp's rule, kept by tini, dumb-init and catatonit: a file the kernel cannot run goes to /bin/sh.</summary>
    [Theory]
    [BothModes(true)]
    [InlineData(Mode.Plain, false)]
    public void A_script_without_shebang_runs_through_the_shell(Mode mode, bool byName)
    {
        using var scratch = new Scratch();
        string directory = scratch.Path;
        string path = scratch.File("no-shebang");
        File.WriteAllText(path, "echo \"$0 got $# arguments: $*\"\nexit 42\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?> { ["PATH"] = $"/nonexistent:{directory}:/usr/bin:/bin" };

        using var init = InitProcess.StartWith(mode, environment, null, "--", byName ? "no-shebang" : path, "a", "b c");
        Assert.Equal($"{path} got 2 arguments: a b c", init.WaitForLine("arguments"));
        Assert.Equal(42, init.WaitForExit());
        Assert.DoesNotContain("init:", init.Stderr);
    }

    [Fact]
    public void A_script_without_shebang_and_no_shell_to_run_it_exits_126()
    {
        using var scratch = new Scratch();
        string path = scratch.File("no-shebang");
        File.WriteAllText(path, "exit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        // In a mount namespace of its own, /bin/sh is made unrunnable (a character device), as in an image without a shell.
        var result = Shell.Run($"unshare --mount bash -c 'mount --bind /dev/null /bin/sh && exec \"$INIT\" -- {path}'");
        Assert.Equal(126, result.ExitCode);
        Assert.Equal($"init: cannot run '{path}': Exec format error\n", result.Stderr);
    }

    [Fact]
    public void A_binary_the_kernel_rejects_still_goes_to_the_shell_like_execvp_does()
    {
        using var scratch = new Scratch();
        string path = scratch.File("garbage");
        File.WriteAllBytes(path, [0x7f, (byte)'E', (byte)'L', (byte)'F', (byte)'\n', (byte)'e', (byte)'x', (byte)'i', (byte)'t', (byte)' ', (byte)'9', (byte)'\n']);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using var init = InitProcess.Start(Mode.Plain, "--", path);
        Assert.Equal(9, init.WaitForExit());
    }

    /// <summary>
    /// At RLIMIT_NPROC the spawn fails with EAGAIN: not the command's fault (126) but the init's (1), as
    /// with tini. The limit counts the user's threads, so a user of its own keeps other tests out of the count.
    /// </summary>
    [Fact]
    public void Out_of_processes_is_the_inits_own_failure_not_the_commands()
    {
        int uid = 3_000_000 + System.Environment.ProcessId % 1_000_000;
        var outcomes = new List<string>();
        bool sawInitFailure = false;
        // A high enough limit lets the command run; below it the spawn fails (the init itself is one
        // thread and starts at any limit).
        for (int limit = 1; limit <= 8; limit++)
        {
            var result = Shell.Run($"prlimit --nproc={limit} setpriv --reuid {uid} --regid {uid} --clear-groups \"$INIT\" -- true");
            outcomes.Add($"nproc={limit}: exit {result.ExitCode} {result.Stderr.Trim()}");
            Assert.NotEqual(126, result.ExitCode);
            Assert.NotEqual(127, result.ExitCode);
            if (result.ExitCode != 1) continue;
            Assert.Equal("init: cannot run 'true': Resource temporarily unavailable\n", result.Stderr);
            sawInitFailure = true;
        }
        Assert.True(sawInitFailure, string.Join("\n", outcomes));
        Assert.Contains(outcomes, o => o.Contains("exit 0"));
    }
}
