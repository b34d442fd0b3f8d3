using System.Collections.Generic;
using Init.Cli;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>-u / --user and INIT_USER: the flag wins, an empty variable means unset.</summary>
public class UserOptionTests
{
    private static InitOptions Options(string[] args, Dictionary<string, string>? environment = null) =>
        Assert.IsType<ParseOutcome.Run>(InitArguments.Parse(args,
            name => environment is not null && environment.TryGetValue(name, out var v) ? v : null)).Options;

    [Theory]
    [InlineData("-u", "alice")]
    [InlineData("--user", "alice:staff")]
    [InlineData("-u", "1000:50")]
    public void The_option_takes_USER_or_USER_GROUP(string option, string user)
    {
        var options = Options([option, user, "id"]);
        Assert.Equal(user, options.User);
        Assert.Equal(["id"], options.Command);
    }

    [Fact]
    public void INIT_USER_is_read_when_no_option_is_given_and_the_option_wins()
    {
        Assert.Equal("bob", Options(["id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Equal("bob", Options(["--", "id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Equal("alice", Options(["-u", "alice", "id"], new() { ["INIT_USER"] = "bob" }).User);
        Assert.Null(Options(["id"], new() { ["INIT_USER"] = "" }).User);
        Assert.Null(Options(["id"]).User);
    }
}
