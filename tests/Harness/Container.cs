using System;

namespace Init.Tests.Harness;

/// <summary>A detached container (`run -d`), removed when the test is done.</summary>
public sealed class Container : IDisposable
{
    private readonly ContainerCli _cli;

    public string Name { get; } = "init-test-" + Guid.NewGuid().ToString("N")[..12];

    public Container(ContainerCli cli, params string[] runArguments)
    {
        _cli = cli;
        try
        {
            _cli.Ok(["run", "-d", "--name", Name, .. runArguments]);
        }
        catch
        {
            Dispose(); // a container that failed to start still exists, created
            throw;
        }
    }

    public string Logs => _cli.Ok("logs", Name);

    public void WaitForLog(string text) =>
        Eventually.Until(() => Logs.Contains(text, StringComparison.Ordinal), () => $"container log never said '{text}':\n{Logs}");

    /// <summary>Waits for the container to end and returns its exit code.</summary>
    public int Wait() => int.Parse(_cli.Ok("wait", Name).Trim());

    public int ExitCode => int.Parse(_cli.Ok("inspect", Name, "--format", "{{.State.ExitCode}}").Trim());

    public void Dispose() => _cli.ForceRemove(Name);
}
