using System.Diagnostics;
using System.IO;

namespace Init.Tests.Harness;

/// <summary>Runs a bash command line to completion and returns its exact stdout bytes and exit code.</summary>
public static class Shell
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string script, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["INIT"] = InitBinary.Path;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(InitProcess.Patience)) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
