namespace Init.Cli;

/// <summary>Either options to run with, or an exit code because parsing already answered.</summary>
internal abstract record ParseOutcome
{
    public sealed record Run(InitOptions Options) : ParseOutcome;

    /// <summary>Help, version or licence was printed (0), or a usage error was reported.</summary>
    public sealed record Exit(int Code) : ParseOutcome;
}
