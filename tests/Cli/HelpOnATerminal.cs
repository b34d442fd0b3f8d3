using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>
/// `init --help` with a pseudo-terminal as stdout (script(1) gives one): the help alone, no terminal
/// control codes (Console would write ESC[?1h ESC= to set the terminal up), lines as wide as COLUMNS
/// says, else as the terminal is, else 80.
/// </summary>
public class HelpOnATerminal
{
    /// <summary>The help as the terminal received it, and its widest line.</summary>
    private static (string Text, int Widest) Help(string before, bool onATerminal = true)
    {
        string run = $"unset COLUMNS; {before} exec \"$INIT\" --help";
        using var init = InitProcess.Around(onATerminal ? $"script --quiet --return --command '{run}' /dev/null" : run);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        string[] lines = init.Stdout.Select(line => line.TrimEnd('\r')).ToArray();
        return (string.Join("\n", lines), lines.Max(line => line.Length));
    }

    [Theory]
    [InlineData("stty cols 100;", 100)]
    [InlineData("stty cols 57;", 57)]
    [InlineData("stty cols 100; export COLUMNS=60;", 60)]
    [InlineData("stty cols 0;", 80)]
    public void Help_on_a_terminal_holds_no_control_codes_and_wraps_at_its_width(string before, int width)
    {
        var (text, widest) = Help(before);
        Assert.StartsWith("Description:\n", text);
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("--termination-log", text);
        // As wide as asked: not wider, and not much narrower (every width here wraps the descriptions).
        Assert.InRange(widest, width - 6, width);
    }

    [Theory]
    [InlineData("", 80)]
    [InlineData("export COLUMNS=120;", 120)]
    [InlineData("export COLUMNS=5;", 40)]
    public void Help_through_a_pipe_wraps_at_COLUMNS_or_80_and_never_narrower_than_40(string before, int width)
    {
        var (text, widest) = Help(before, onATerminal: false);
        Assert.StartsWith("Description:\n", text);
        Assert.InRange(widest, width - 6, width);
    }
}
