namespace Init.Cli;

/// <summary>
/// For the benchmark only: `init --help` written without System.CommandLine, put in place of
/// src/Cli/HelpText.cs in the build the benchmark's "without System.CommandLine" column measures. It
/// shows what the design card's choice of System.CommandLine for the help costs; it is not the init.
/// </summary>
internal static class HelpText
{
    public static string For(string summary, InitOption help, System.Func<string, string?> environment)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CommandLine.UsageLine).Append("\n\n").Append(summary).Append("\n\nOptions:\n");
        foreach (var option in CommandLine.Options)
        {
            string names = (option.Short is char c ? $"-{c}, " : "    ") + "--" + option.Long + (option.TakesValue ? " " + option.ValueName : "");
            string description = option.Variable is null ? option.Description : $"{option.Description} Env: {option.Variable}.";
            text.Append("  ").Append(names.PadRight(34)).Append(description).Append('\n');
        }
        return text.ToString();
    }
}
