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
}
