using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Init.Tests.Harness;

/// <summary>Runs a bash command line to completion and returns its exact stdout bytes and exit code.</summary>
/// <remarks>
/// The test host (.NET) ignores SIGPIPE and its children inherit that; a container starts with the
/// default, which is what the init gives its child, so the script starts from the default too.
/// </remarks>
public static class Shell
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string script, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-e", "$SIG{PIPE} = q(DEFAULT); exec @ARGV or die", "bash" }) start.ArgumentList.Add(a);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["INIT"] = InitBinary.Path;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        var copied = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (!process.WaitForExit(InitProcess.Patience)) process.Kill(entireProcessTree: true);
        // Output may still be on its way; a leftover process holding the pipe must not hang the test.
        Task.WaitAll([copied, stderr], System.TimeSpan.FromSeconds(5));
        return (process.ExitCode, stdout.ToArray(), stderr.IsCompleted ? stderr.Result : "");
    }
}
