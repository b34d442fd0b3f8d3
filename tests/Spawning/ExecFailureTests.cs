using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

public class ExecFailureTests
{
    [Theory]
    [InlineData(Mode.Pid1)]
    [InlineData(Mode.Plain)]
    public void A_missing_command_exits_127_and_names_it(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--", "no-such-command-xyz", "arg");
        Assert.Equal(127, init.WaitForExit());
        Assert.Contains("init: cannot run 'no-such-command-xyz': No such file or directory", init.Stderr);
    }

    [Theory]
    [InlineData(Mode.Pid1)]
    [InlineData(Mode.Plain)]
    public void A_file_that_is_not_executable_exits_126_and_names_it(Mode mode)
    {
        string path = Path.Combine(Path.GetTempPath(), $"init-not-executable-{mode}");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var init = InitProcess.Start(mode, "--", path);
        Assert.Equal(126, init.WaitForExit());
        Assert.Contains($"init: cannot run '{path}': Permission denied", init.Stderr);
    }

    [Theory]
    [InlineData(Mode.Pid1)]
    [InlineData(Mode.Plain)]
    public void A_directory_exits_126(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--", "/tmp");
        Assert.Equal(126, init.WaitForExit());
        Assert.Contains("init: cannot run '/tmp'", init.Stderr);
    }
}
