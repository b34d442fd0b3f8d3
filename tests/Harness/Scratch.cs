using System;
using System.IO;

namespace Init.Tests.Harness;

/// <summary>
/// A directory of one test's own files, removed when the test ends (<c>using var scratch = new Scratch();</c>
/// before anything that writes there). Every scratch directory lives in the run directory, one per test
/// run (init-tests-* in the temporary directory), removed when the run ends: what a leftover process
/// writes after its test is over goes too, and two runs at once share no name.
/// </summary>
public sealed class Scratch : IDisposable
{
    private static readonly Lazy<string> s_run = new(CreateRunDirectory);

    /// <summary>This run's directory; the harness keeps what lasts the whole run here (engines' configuration, compiled helpers).</summary>
    public static string RunDirectory => s_run.Value;

    public string Path { get; }

    /// <param name="name">What the directory is for, part of its name.</param>
    public Scratch(string name = "test")
    {
        Path = System.IO.Path.Combine(RunDirectory, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The path of <paramref name="name"/> in this directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // A process the test started may still be writing here; the run directory's removal takes what is left.
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static string CreateRunDirectory()
    {
        string run = Directory.CreateTempSubdirectory("init-tests-").FullName;
        // Other users may pass through to a directory a test opens to them (RuntimeStartFailure runs a copy of the init as nobody).
        System.IO.File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // What cannot be removed is named by .ci/run's check of /tmp, not by a crash at exit.
            try { Directory.Delete(run, recursive: true); } catch (IOException) { }
        };
        return run;
    }
}
