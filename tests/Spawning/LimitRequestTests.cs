using Init.Spawning;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>--rlimit's NAME=SOFT[:HARD], read as prlimit(1) names the limits.</summary>
public class LimitRequestTests
{
    [Theory]
    [InlineData("nofile=1024:524288", 7, 1024UL, 524288UL)]
    [InlineData("core=unlimited:unlimited", 4, ulong.MaxValue, ulong.MaxValue)]
    [InlineData("rttime=infinity:0", 15, ulong.MaxValue, 0UL)]
    [InlineData("cpu=18446744073709551615:1", 0, ulong.MaxValue, 1UL)]
    public void SOFT_and_HARD_are_numbers_or_unlimited(string text, int resource, ulong soft, ulong hard)
    {
        var request = LimitRequest.Parse(text, out string? problem);
        Assert.Null(problem);
        Assert.Equal(new LimitRequest(text, resource, soft, hard), request);
    }

    [Fact]
    public void SOFT_alone_leaves_HARD_to_the_init()
    {
        Assert.Null(LimitRequest.Parse("nproc=100", out _)!.Hard);
    }

    [Fact]
    public void Every_name_is_its_RLIMIT_number()
    {
        string[] names = ["cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile", "memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime"];
        for (int i = 0; i < names.Length; i++) Assert.Equal(i, LimitRequest.Parse(names[i] + "=0", out _)!.Resource);
    }

    [Theory]
    [InlineData("NOFILE=1")]
    [InlineData("nofile=1 ")]
    [InlineData("nofile=+1")]
    [InlineData("nofile=0x10")]
    public void Anything_else_is_refused(string text)
    {
        Assert.Null(LimitRequest.Parse(text, out string? problem));
        Assert.NotNull(problem);
    }
}
