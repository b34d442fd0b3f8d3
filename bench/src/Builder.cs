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
        string snapshot = Snapshot(repository, Path.Combine(outDir, "src"));
        string staticDir = Path.Combine(outDir, "init-static");
        string dynamicDir = Path.Combine(outDir, "init-dynamic");
        Run("dotnet", snapshot, "publish", "Init.csproj", "-c", "Release", "-o", staticDir, "-p:StaticExecutable=true");
        Run("dotnet", snapshot, "publish", "Init.csproj", "-c", "Release", "-o", dynamicDir);
        return (Path.Combine(staticDir, "init"), Path.Combine(dynamicDir, "init"));
    }

    /// <summary>
    /// Publishes, static, a measurement-only build of the init whose help is written without
    /// System.CommandLine (reference/HelpText.cs in place of src/Cli/HelpText.cs, its only user): what
    /// System.CommandLine costs. The package stays referenced; NativeAOT leaves out what is not called.
    /// </summary>
    public static Contender PublishInitWithoutCommandLine(string repository, string benchDir, string outDir)
    {
        string snapshot = Snapshot(repository, Path.Combine(outDir, "src-without-commandline"));
        File.Copy(Path.Combine(benchDir, "reference", "HelpText.cs"), Path.Combine(snapshot, "src", "Cli", "HelpText.cs"), overwrite: true);
        string published = Path.Combine(outDir, "init-without-commandline");
        Run("dotnet", snapshot, "publish", "Init.csproj", "-c", "Release", "-o", published, "-p:StaticExecutable=true");
        return new Contender("without System.CommandLine", Path.Combine(published, "init"), ContenderKind.Variant);
    }

    /// <summary>Publishes reference/ (static), the floor, from a copy of its own.</summary>
    public static Contender PublishFloor(string benchDir, string outDir)
    {
        string snapshot = Path.Combine(outDir, "reference-empty-src");
        Directory.CreateDirectory(snapshot);
        foreach (string file in Directory.GetFiles(Path.Combine(benchDir, "reference")))
            File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)), overwrite: true);
        string published = Path.Combine(outDir, "reference-empty");
        Run("dotnet", snapshot, "publish", "Reference.csproj", "-c", "Release", "-o", published);
        return new Contender("empty NativeAOT", Path.Combine(published, "reference"), ContenderKind.Floor);
    }

    /// <summary>
    /// Copies the repository's project (top-level files and src/) to <paramref name="snapshot"/>,
    /// keeping its obj/ and bin/ (restore and incremental build) but replacing its sources.
    /// </summary>
    private static string Snapshot(string repository, string snapshot)
    {
        Directory.CreateDirectory(snapshot);
        string sources = Path.Combine(snapshot, "src");
        if (Directory.Exists(sources)) Directory.Delete(sources, recursive: true);
        CopyDirectory(Path.Combine(repository, "src"), sources);
        foreach (string file in Directory.GetFiles(repository))
            File.Copy(file, Path.Combine(snapshot, Path.GetFileName(file)), overwrite: true);
        return snapshot;
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
