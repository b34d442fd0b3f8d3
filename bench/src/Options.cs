namespace Bench;

/// <summary>The benchmark's command line; every count has a default that finishes in a few minutes.</summary>
internal sealed record Options
{
    public string? Init { get; init; }
    public string? Json { get; init; }
    public int Runs { get; init; } = 200;
    public int Signals { get; init; } = 2000;
    public int Orphans { get; init; } = 10_000;
    public int Storms { get; init; } = 10;
    public int IdleSeconds { get; init; } = 10;
    public double? SoakMinutes { get; init; }

    /// <summary>The measurements to run; all by default.</summary>
    public IReadOnlySet<string> Parts { get; init; } = AllParts;

    public static readonly IReadOnlySet<string> AllParts =
        new HashSet<string> { "startup", "arguments", "memory", "idle", "signals", "reaping", "probe" };

    public bool Measures(string part) => Parts.Contains(part);

    public const string Usage = """
        usage: dotnet run --project bench -c Release -- [OPTIONS]

          --init PATH      benchmark this static init instead of building one from the tree
          --json PATH      where to write the results (default bench/results.json)
          --runs N         start-up runs of each command (default 200)
          --signals N      signals sent to each init (default 2000)
          --orphans N      orphans per storm (default 10000)
          --storms N       storms per init (default 10: 100,000 orphans before the memory check)
          --idle SECONDS   how long to count an idle init's wake-ups (default 10)
          --only PARTS     run only these, comma-separated: startup, arguments (100,000 and 8 huge
                           arguments), memory (RSS and threads at rest), idle, signals, reaping,
                           probe (`init --probe URL` beside busybox wget and curl)
          --soak MINUTES   instead: signals and orphan storms at once against our init only; PASS/FAIL
        """;

    /// <returns>The options, or null when the command line is wrong or asks for help.</returns>
    public static Options? Parse(string[] args)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] is "-h" or "--help" || value is null) return null;
            i++;
            options = args[i - 1] switch
            {
                "--init" => options with { Init = Path.GetFullPath(value) },
                "--json" => options with { Json = Path.GetFullPath(value) },
                "--runs" => options with { Runs = int.Parse(value) },
                "--signals" => options with { Signals = int.Parse(value) },
                "--orphans" => options with { Orphans = int.Parse(value) },
                "--storms" => options with { Storms = int.Parse(value) },
                "--idle" => options with { IdleSeconds = int.Parse(value) },
                "--only" when value.Split(',') is var parts && parts.All(AllParts.Contains) => options with { Parts = parts.ToHashSet() },
                "--soak" => options with { SoakMinutes = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => null,
            };
            if (options is null) return null;
        }
        return options;
    }
}
