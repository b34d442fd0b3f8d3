namespace Bench;

/// <summary>An init under test: where it is, and how it is told which command to run.</summary>
internal sealed record Contender(string Name, string Path)
{
    /// <summary>The name the targets compare against.</summary>
    public const string Reference = "tini";

    /// <summary>
    /// All four take `INIT -- COMMAND`: tini, catatonit and ours document `--`; dumb-init stops
    /// parsing options at it (getopt).
    /// </summary>
    public string[] Running(params string[] command) => [Path, "--", .. command];

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
