namespace Bench;

/// <summary>What a column of the benchmark is, and so which measurements it takes part in.</summary>
internal enum ContenderKind
{
    /// <summary>An init (ours or a peer): every measurement.</summary>
    Init,

    /// <summary>Ours, built differently for a measurement only (see reference/HelpText.cs): start-up, memory at rest, size.</summary>
    Variant,

    /// <summary>
    /// Not an init: the empty program that shows the floor an init of ours stands on (see reference/).
    /// It runs no command: start-up, memory at rest (<c>--rest</c>), size.
    /// </summary>
    Floor,
}

/// <summary>An init under test: where it is, and how it is told which command to run.</summary>
internal sealed record Contender(string Name, string Path, ContenderKind Kind = ContenderKind.Init)
{

    /// <summary>The name the signal, reaping and idle targets compare against.</summary>
    public const string Reference = "tini";

    /// <summary>The name the start-up targets compare against: like ours, one static binary.</summary>
    public const string StartupReference = "tini-static";

    /// <summary>
    /// All four take `INIT -- COMMAND`: tini, catatonit and ours document `--`; dumb-init stops
    /// parsing options at it (getopt). The floor is run alone.
    /// </summary>
    public string[] Running(params string[] command) => Kind == ContenderKind.Floor ? [Path] : [Path, "--", .. command];

    public long SizeBytes => new FileInfo(Path).Length;

    /// <summary>The peers from Debian (`apt-get install -y tini dumb-init catatonit`) that are installed.</summary>
    public static IReadOnlyList<Contender> InstalledPeers()
    {
        var peers = new List<Contender>();
        foreach (string name in new[] { "tini", "tini-static", "dumb-init", "catatonit" })
        {
            string path = "/usr/bin/" + name;
            if (File.Exists(path)) peers.Add(new Contender(name, path));
            else Console.Error.WriteLine($"{path} is not installed; left out (apt-get install -y tini dumb-init catatonit)");
        }
        return peers;
    }
}
