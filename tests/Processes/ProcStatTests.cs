using System;
using Init.Processes;
using Xunit;

namespace Init.Tests.Processes;

public class ProcStatTests
{
    [Fact]
    public void Reads_name_state_parent_terminal_and_start_time_after_a_command_name_that_holds_spaces_and_parentheses()
    {
        const string text = "4242 (a) b (c) R 17 4242 4242 34816 -1 4194560 95 0 0 0 0 0 0 0 20 0 1 0 123456 2469888 183 18446744073709551615\n";
        Assert.True(ProcStat.TryParse(text, out var stat));
        Assert.Equal(new ProcStat(4242, "a) b (c", 'R', 17, 34816, 123456), stat);
        Assert.True(stat.HasTerminal);
        Assert.Equal("4242 (a) b (c)", stat.ToString());
    }

    [Fact]
    public void A_process_without_a_controlling_terminal_has_terminal_0() =>
        Assert.False(Parsed("12 (bash) S 0 12 1 0 -1 4194560 95 0 0 0 0 0 0 0 20 0 1 0 99 2469888 183").HasTerminal);

    [Fact]
    public void A_process_entered_from_outside_its_namespace_has_parent_0() =>
        Assert.Equal(0, Parsed("12 (bash) S 0 12 1 0 -1 4194560 95 0 0 0 0 0 0 0 20 0 1 0 99 2469888 183").ParentPid);

    [Fact]
    public void Reads_its_own_process_and_nothing_for_a_pid_that_does_not_exist()
    {
        Assert.True(ProcStat.TryRead(Environment.ProcessId, out var self));
        Assert.Equal(Environment.ProcessId, self.Pid);
        Assert.True(self.StartTime > 0);
        Assert.False(ProcStat.TryRead(int.MaxValue, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (bash")]
    [InlineData("12 (bash) S 1 2 3")]
    public void Truncated_text_is_not_a_stat(string text) => Assert.False(ProcStat.TryParse(text, out _));

    private static ProcStat Parsed(string text)
    {
        Assert.True(ProcStat.TryParse(text, out var stat));
        return stat;
    }
}
