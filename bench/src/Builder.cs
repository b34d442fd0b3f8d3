using System.Diagnostics;

namespace Bench;

/// <summary>Builds what the benchmark runs: the init (static and dynamic) and child.c.</summary>
internal static class Builder
{
    /// <summary>
    /// Publishes the init twice from a copy of the repository's project (top-level files and src/) in
    /// out/src: building in the tree itself would share obj/ and bin/ with whatever build or test run
    /// is going on there at the same time.
    /// </summary>
    /// <returns>The static and the dynamic binary.</returns>
    public static (string Static, string Dynamic) PublishInit(string repository, string outDir)
    {
        string snapshot = Path.Combine(outDir, "src");
        Directory.CreateDirectory(snapshot);
        // Keep the snapshot's obj/ and bin/ (restore and incremental build), replace its sources.
        string sources = Path.Combine(snapshot, "src");
        if (Directory.Exists(sources)) Directory.Delete(sources, recursive: true);
        CopyDirectory(Path.Combine(repository, "src"), sources);
        foreach (string file in Directory.GetFiles(repository))
            File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)), overwrite: true);

        string staticDir = Path.Combine(outDir, "init-static");
        string dynamicDir = Path.Combine(outDir, "init-dynamic");
        Run("dotnet", snapshot, "publish", "Init.csproj", "-c", "Release", "-o", staticDir, "-p:StaticExecutable=true");
        Run("dotnet", snapshot, "publish", "Init.csproj", "-c", "Release", "-o", dynamicDir);
        return (Path.Combine(staticDir, "init"), Path.Combine(dynamicDir, "init"));
    }

    /// <summary>
    /// Publishes reference/ twice, static: the empty program and the one with System.CommandLine,
    /// each from a copy of its own so the two builds share no obj/.
    /// </summary>
    public static IReadOnlyList<Contender> PublishReferences(string benchDir, string outDir)
    {
        var references = new List<Contender>();
        foreach (var (name, withCommandLine) in new[] { ("empty NativeAOT", false), ("+ System.CommandLine", true) })
        {
            string variant = withCommandLine ? "reference-commandline" : "reference-empty";
            string snapshot = Path.Combine(outDir, variant + "-src");
            Directory.CreateDirectory(snapshot);
            foreach (string file in Directory.GetFiles(Path.Combine(benchDir, "reference")))
                File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)), overwrite: true);
            string published = Path.Combine(outDir, variant);
            Run("dotnet", snapshot, "publish", "Reference.csproj", "-c", "Release", "-o", published,
                "-p:WithCommandLine=" + (withCommandLine ? "true" : "false"));
            references.Add(new Contender(name, Path.Combine(published, "reference"), IsReference: true));
        }
        return references;
    }

    public static string CompileChild(string benchDir, string outDir)
    {
        string child = Path.Combine(outDir, "child");
        Run("gcc", benchDir, "-O2", "-Wall", "-Wextra", "-Werror", "-o", child, "child.c");
        return child;
    }

    private static void Run(string program, string directory, params string[] args)
    {
        Console.Error.WriteLine($"$ {program} {string.Join(' ', args)}");
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}):\n{stdout}{stderr.Result}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
