using Init.Signals;
using Xunit;

namespace Init.Tests.Signals;

public class SignalTests
{
    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("term", 15)]
    [InlineData("15", 15)]
    [InlineData("SigKill", 9)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("SIGRTMIN+3", 37)]
    [InlineData("rtmin+3", 37)]
    [InlineData("SIGRTMAX", 64)]
    [InlineData("RTMAX-1", 63)]
    [InlineData("SIGWINCH", 28)]
    [InlineData("IOT", 6)]
    [InlineData("64", 64)]
    public void Parses_names_numbers_and_realtime_offsets(string text, int number)
    {
        Assert.True(Signal.TryParse(text, allowZero: false, out var signal));
        Assert.Equal(number, signal.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FOO")]
    [InlineData("SIGFOO")]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("RTMIN+31")]
    [InlineData("RTMIN-1")]
    [InlineData("RTMAX+1")]
    [InlineData("SIGRTMIN+")]
    [InlineData("1.5")]
    public void Rejects_what_is_not_a_signal(string text) =>
        Assert.False(Signal.TryParse(text, allowZero: false, out _));

    [Fact]
    public void Zero_means_no_signal_only_where_allowed()
    {
        Assert.True(Signal.TryParse("0", allowZero: true, out var none));
        Assert.Equal(0, none.Number);
    }

    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(34, "SIGRTMIN")]
    [InlineData(37, "SIGRTMIN+3")]
    [InlineData(63, "SIGRTMAX-1")]
    [InlineData(64, "SIGRTMAX")]
    public void Names_read_as_users_write_them(int number, string name) =>
        Assert.Equal(name, new Signal(number).Name);

    [Fact]
    public void Forwards_every_catchable_signal_but_the_documented_exceptions()
    {
        int[] notForwarded = [9, 19, 17, 11, 7, 8, 4, 6, 5, 31, 21, 22, 32, 33];
        for (int n = 1; n <= 64; n++)
            Assert.Equal(System.Array.IndexOf(notForwarded, n) < 0, SignalRoles.IsForwarded(new Signal(n)));
    }

    [Fact]
    public void Blocks_chld_ttin_ttou_but_not_the_runtime_or_fault_signals()
    {
        var blocked = SignalRoles.Blocked();
        foreach (int n in new[] { 17, 21, 22, 1, 2, 15, 20, 35, 64 }) Assert.True(blocked.Contains(new Signal(n)), n.ToString());
        foreach (int n in new[] { 9, 19, 11, 8, 7, 4, 6, 5, 31, 32, 33, 34 }) Assert.False(blocked.Contains(new Signal(n)), n.ToString());
    }

    [Theory]
    [InlineData(34, true)] // received through preinit.c's handler, not the signalfd
    [InlineData(10, true)]
    [InlineData(9, true)] // KILL and STOP act on the init itself, as with tini
    [InlineData(19, true)]
    [InlineData(32, false)] // glibc's own
    [InlineData(33, false)]
    [InlineData(11, false)] // the runtime's
    [InlineData(8, false)]
    public void A_parent_death_signal_must_be_one_the_init_receives(int number, bool accepted) =>
        Assert.Equal(accepted, SignalRoles.CanBeParentDeathSignal(new Signal(number)));
}
