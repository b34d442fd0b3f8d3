namespace Init.Cli;

/// <summary>Either options to run with, or the exit code of a command line that was answered already.</summary>
internal abstract record ParseOutcome
{
    public sealed record Run(InitOptions Options) : ParseOutcome;

    /// <summary>Help, version or licence was printed (0), or a usage error was reported (2).</summary>
    public sealed record Exit(int Code) : ParseOutcome;
}
