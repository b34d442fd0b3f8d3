using System;

namespace Init.Cli;

/// <summary>One option: how it is spelled, what it sets, and the variable that sets it where no flag can be passed.</summary>
/// <param name="ValueName">What the option takes (for help); null for a flag.</param>
/// <param name="Variable">The environment twin, read when the option is not given (see <see cref="EnvironmentSettings"/>).</param>
/// <param name="Apply">
/// Sets the value into the options; returns null, or what is wrong with the value. A flag gets null
/// from the command line and its variable's text from the environment. Given twice, the second call
/// wins, as with getopt, unless the option collects every value (-e, -r).
/// </param>
internal sealed record InitOption(char? Short, string Long, string? ValueName, string? Variable, string Description,
    Func<InitOptions, string?, string?> Apply)
{
    public bool TakesValue => ValueName is not null;

    /// <summary>For a repeatable option: what separates the values its variable holds.</summary>
    public char? ListSeparator { get; init; }

    public override string ToString() => "--" + Long;
}
