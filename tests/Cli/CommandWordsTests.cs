using Init.Cli;
using Xunit;

namespace Init.Tests.Cli;

public class CommandWordsTests
{
    [Theory]
    [InlineData("nginx -g 'daemon off;'", new[] { "nginx", "-g", "daemon off;" })]
    [InlineData("  a \t b\nc  ", new[] { "a", "b", "c" })]
    [InlineData("echo \"a b\" 'c d' e\\ f", new[] { "echo", "a b", "c d", "e f" })]
    [InlineData("printf '' x \"\"", new[] { "printf", "", "x", "" })]
    [InlineData("echo $HOME * ~ # ; |", new[] { "echo", "$HOME", "*", "~", "#", ";", "|" })]
    [InlineData("echo \"\\$x \\\"q\\\" \\\\ \\n\"", new[] { "echo", "$x \"q\" \\ \\n" })]
    [InlineData("echo 'it'\\''s'", new[] { "echo", "it's" })]
    [InlineData("a\\\nb c", new[] { "ab", "c" })]
    [InlineData("sh -c 'exit 3'", new[] { "sh", "-c", "exit 3" })]
    public void Splits_as_a_shell_quotes_without_expanding(string line, string[] words) =>
        Assert.Equal(words, CommandWords.Split(line, out _));

    [Theory]
    [InlineData("sh -c 'exit 3", "an unbalanced single quote")]
    [InlineData("echo \"abc", "an unbalanced double quote")]
    [InlineData("echo abc\\", "a backslash with nothing after it")]
    [InlineData("", "no command")]
    [InlineData("   ", "no command")]
    public void Says_what_is_wrong(string line, string problem)
    {
        Assert.Null(CommandWords.Split(line, out string? error));
        Assert.Equal(problem, error);
    }

    [Theory]
    [InlineData("sh -c 'x")]
    [InlineData("")]
    public void A_bad_also_value_is_a_usage_error(string value) =>
        Assert.Equal(2, Assert.IsType<ParseOutcome.Exit>(CommandLine.Parse(["--also", value, "--", "x"], _ => null)).Code);

    [Fact]
    public void Also_commands_keep_their_order_and_the_variable_gives_one_per_line()
    {
        var options = Assert.IsType<ParseOutcome.Run>(CommandLine.Parse(["--also", "a 1", "--also=b '2 3'", "main"], _ => null)).Options;
        Assert.Equal([["a", "1"], ["b", "2 3"]], options.AlsoCommands);
        Assert.Equal(["main"], options.Command);
        var fromVariable = Assert.IsType<ParseOutcome.Run>(CommandLine.Parse(["main"], name => name == "INIT_ALSO" ? "a 1\nb" : null)).Options;
        Assert.Equal([["a", "1"], ["b"]], fromVariable.AlsoCommands);
        Assert.Equal(2, Assert.IsType<ParseOutcome.Exit>(CommandLine.Parse(["-P", "--also", "a"], _ => null)).Code);
    }
}
