namespace Init.Cli;

/// <summary>An option found in the arguments: which one, the name it was given by (for messages), and its value.</summary>
internal readonly record struct GivenOption(InitOption Option, string Name, string? Value);
