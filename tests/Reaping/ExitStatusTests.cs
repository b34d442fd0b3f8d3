using Init.Reaping;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Reaping;

public class ExitStatusTests
{
    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x0300, 3)]
    [InlineData(0xff00, 255)]
    [InlineData(0x000f, 128 + 15)] // killed by SIGTERM
    [InlineData(0x0009, 128 + 9)]  // killed by SIGKILL
    [InlineData(0x0086, 128 + 6)]  // SIGABRT with a core dump (0x80)
    public void Maps_wait_status_to_shell_exit_code(int raw, int expected) =>
        Assert.Equal(expected, new ExitStatus(raw).ShellCode);

    [Fact]
    public void Decodes_exit_and_signal()
    {
        var exited = ExitStatuses.Exited(7);
        Assert.True(exited.Exited);
        Assert.False(exited.Signaled);
        Assert.Equal(7, exited.Code);

        var killed = ExitStatuses.KilledBy(15);
        Assert.True(killed.Signaled);
        Assert.Equal(15, killed.TermSignal);
        Assert.Equal("killed by SIGTERM", killed.ToString());
    }

    [Theory]
    [InlineData(0x008b, "killed by SIGSEGV (core dumped)")]
    [InlineData(0x000b, "killed by SIGSEGV")]
    [InlineData(0x8b00, "exited with 139")] // 0x80 in an exit code is not a core dump
    public void WCOREDUMP_is_decoded_from_the_wait_status(int raw, string described)
    {
        Assert.Equal(described, new ExitStatus(raw).ToString());
        Assert.Equal(described.EndsWith("(core dumped)"), new ExitStatus(raw).CoreDumped);
    }
}
