using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace Init.Tests.Harness;

/// <summary>
/// A daemon the container tests start for themselves (containerd, dockerd), its stdout and stderr in
/// NAME.log of the tests' temporary directory; stopped by pid, SIGTERM first, SIGKILL if it lingers.
/// </summary>
public sealed class Daemon : IDisposable
{
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _log;
    private readonly string _name;

    public Daemon(string directory, string program, params string[] args)
    {
        _name = Path.GetFileName(program);
        _log = Path.Combine(directory, _name + ".log");
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        foreach (string a in new[] { "-c", "exec \"$0\" \"$@\" > \"$LOG\" 2>&1", program }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["LOG"] = _log;
        _process = Process.Start(start)!;
    }

    /// <summary>Waits until <paramref name="ready"/>; fails with the end of the daemon's log if it exits or never gets there.</summary>
    public void WaitUntil(Func<bool> ready)
    {
        var deadline = DateTime.UtcNow + InitProcess.Patience;
        while (!ready())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                string tail = string.Join("\n", File.ReadLines(_log).TakeLast(20));
                string what = _process.HasExited ? $"exited with {_process.ExitCode}" : "never became ready";
                throw new Xunit.Sdk.XunitException($"{_name} {what}; its log ends:\n{tail}");
            }
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        Libc.kill(_process.Id, 15);
        if (!_process.WaitForExit(StopPatience))
        {
            Libc.kill(_process.Id, 9);
            _process.WaitForExit(StopPatience);
        }
        _process.Dispose();
    }
}
