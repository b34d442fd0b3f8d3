using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// A container engine's command-line client (podman, or docker talking to the tests' own dockerd),
/// run with the environment that points it at the tests' configuration instead of the machine's.
/// </summary>
public sealed class ContainerCli(string program, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> forceRemove)
{
    public (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InitProcess.Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{program} {string.Join(' ', args)} did not finish");
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the client and fails the test unless it exits 0; returns its stdout.</summary>
    public string Ok(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.True(code == 0, $"{program} {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Removes a container at once, running or not (podman would first wait its stop timeout).</summary>
    public void ForceRemove(string container) => Run([.. forceRemove, container]);
}
