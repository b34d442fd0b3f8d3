using Init.Signals;
using Xunit;

namespace Init.Tests.Signals;

public class SignalRewritesTests
{
    [Fact]
    public void Maps_drops_and_passes_the_rest()
    {
        var rewrites = new SignalRewrites();
        Assert.Null(rewrites.TryAdd("TERM:QUIT"));
        Assert.Null(rewrites.TryAdd("SIGRTMIN+3:15"));
        Assert.Null(rewrites.TryAdd("usr2:0"));
        Assert.Equal(Signal.SIGQUIT, rewrites.RuleFor(Signal.SIGTERM));
        Assert.Equal(Signal.SIGTERM, rewrites.RuleFor(new Signal(37)));
        Assert.Equal(new Signal(0), rewrites.RuleFor(Signal.SIGUSR2));
        Assert.Null(rewrites.RuleFor(Signal.SIGHUP));
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
        Assert.Contains(error, new SignalRewrites().TryAdd(rule));
    }
}
