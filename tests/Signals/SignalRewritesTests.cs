using Init.Signals;
using Xunit;

namespace Init.Tests.Signals;

public class SignalRewritesTests
{
    [Fact]
    public void Maps_drops_and_passes_the_rest()
    {
        var rewrites = new SignalRewrites();
        Assert.True(rewrites.TryAdd("TERM:QUIT", out _));
        Assert.True(rewrites.TryAdd("SIGRTMIN+3:15", out _));
        Assert.True(rewrites.TryAdd("usr2:0", out _));
        Assert.Equal(Signal.SIGQUIT, rewrites.Apply(Signal.SIGTERM));
        Assert.Equal(Signal.SIGTERM, rewrites.Apply(new Signal(37)));
        Assert.Null(rewrites.Apply(Signal.SIGUSR2));
        Assert.Equal(Signal.SIGHUP, rewrites.Apply(Signal.SIGHUP));
    }

    [Theory]
    [InlineData("TERM", "is not FROM:TO")]
    [InlineData("NOPE:TERM", "'NOPE' is not a signal")]
    [InlineData("TERM:NOPE", "'NOPE' is not a signal")]
    [InlineData("0:TERM", "'0' is not a signal")]
    [InlineData("KILL:TERM", "SIGKILL cannot be rewritten")]
    [InlineData("CHLD:TERM", "SIGCHLD cannot be rewritten")]
    [InlineData("33:TERM", "33 cannot be rewritten")]
    public void Rejects_rules_that_cannot_work(string rule, string error)
    {
        Assert.False(new SignalRewrites().TryAdd(rule, out string? message));
        Assert.Contains(error, message);
    }
}
