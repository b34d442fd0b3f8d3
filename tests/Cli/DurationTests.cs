using System;
using Init.Cli;
using Xunit;

namespace Init.Tests.Cli;

public class DurationTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("2s", 2)]
    [InlineData("1.5", 1.5)]
    [InlineData("0", 0)]
    [InlineData("1m", 60)]
    [InlineData("10", 10)]
    [InlineData("0.25s", 0.25)]
    public void Parses(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("5h")]
    [InlineData("1e3")]
    [InlineData("ms")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("infinity")]
    [InlineData("NaN")]
    [InlineData("∞")]
    [InlineData("1e400")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData("+5")]
    [InlineData("86401")]
    [InlineData("1441m")]
    [InlineData("99999999999999999999999999999999999999999999999999")]
    public void Rejects(string text) => Assert.False(Duration.TryParse(text, out _));
}
