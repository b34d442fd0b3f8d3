using System.IO;
using System.Text;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>After spawning, the init holds no inherited descriptor and no working directory.</summary>
public class ReleasedResources
{
    [Theory]
    [BothModes]
    public void The_init_changes_to_the_root_directory_while_the_child_keeps_its_own(Mode mode)
    {
        using var init = InitProcess.StartWith(mode, null, "/usr/share", "--", "bash", "-c", "echo cwd $PWD.; " + Scripts.WaitForever);
        Assert.Equal("cwd /usr/share.", init.WaitForLine("cwd"));
        Eventually.Until(() => new DirectoryInfo($"/proc/{init.InitPid}/cwd").LinkTarget == "/",
            () => "the init's working directory is still " + new DirectoryInfo($"/proc/{init.InitPid}/cwd").LinkTarget);
    }

    [Theory]
    [BothModes]
    public void The_init_closes_inherited_descriptors_the_child_still_has(Mode mode)
    {
        // The child waits (bounded) for its parent, the init, to let go of fd 7, then reports both views.
        const string child =
            "for i in $(seq 200); do [ -e /proc/$PPID/fd/7 ] || break; sleep 0.05; done; " +
            "[ -e /proc/$PPID/fd/7 ] && echo init-holds-7 || echo init-released-7; " +
            "[ -e /proc/self/fd/7 ] && echo child-has-7";
        var result = Shell.Run($"exec 7</dev/null\n{Scripts.Init(mode)} -- bash -c '{child}'");
        string output = Encoding.ASCII.GetString(result.Stdout);
        Assert.Contains("init-released-7", output);
        Assert.Contains("child-has-7", output);
    }

    [Fact]
    public void A_pipe_reaches_end_of_file_when_the_child_closes_it_though_the_init_runs_on()
    {
        // Plain only: as PID 1, unshare (the init's parent) holds the same pipe.
        using var init = InitProcess.Bash(Mode.Plain, "exec >&-; " + Scripts.WaitForever);
        init.WaitForStdoutEof();
        Assert.False(init.HasExited);
    }

    [Theory]
    [BothModes]
    public void The_init_keeps_only_dev_null_on_stdin_and_stdout(Mode mode)
    {
        using var init = InitProcess.Bash(mode, "echo ready; " + Scripts.WaitForever);
        init.WaitForLine("ready");
        Eventually.Until(() => new FileInfo($"/proc/{init.InitPid}/fd/1").LinkTarget == "/dev/null",
            () => "the init still holds its stdout");
        Assert.Equal("/dev/null", new FileInfo($"/proc/{init.InitPid}/fd/0").LinkTarget);
        Assert.Equal("/dev/null", new FileInfo($"/proc/{init.InitPid}/fd/1").LinkTarget);
    }

    [Fact]
    public void Logs_are_lines_on_stderr_prefixed_with_the_program_name()
    {
        using var init = InitProcess.Start(Mode.Plain, "-vv", "--", "sh", "-c", "echo out; exit 0");
        Assert.Equal(0, init.WaitForExit());
        Assert.Equal(["out"], init.Stdout);
        string[] lines = init.Stderr.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("init: ", line));
    }
}
