using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Init.Tests.Harness.Cri;

/// <summary>
/// containerd's /tasks/exit events, read from `ctr events` while the test runs: the exit status of a
/// process the CRI does not report, such as a sandbox's. Stopped by pid when the test is done.
/// </summary>
public sealed class TaskExits : IDisposable
{
    private readonly Process _ctr;
    private readonly List<string> _lines = [];

    public TaskExits(string ctr, string socket)
    {
        var start = new ProcessStartInfo(ctr) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-n", "k8s.io", "-a", socket, "events" }) start.ArgumentList.Add(a);
        _ctr = Process.Start(start)!;
        _ctr.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null) lock (_lines) _lines.Add(line.Data);
        };
        _ctr.BeginOutputReadLine();
        _ctr.BeginErrorReadLine();
        // An event the test causes itself shows that ctr has subscribed: exits before that are not seen.
        var cli = new ContainerCli(ctr, new Dictionary<string, string?>(), []);
        int mark = 0;
        Eventually.Until(() =>
        {
            cli.Ok("-n", "k8s.io", "-a", socket, "images", "label", CriImages.Image, $"init-tests-mark={++mark}");
            return Snapshot().Any(line => line.Contains(" /images/update ", StringComparison.Ordinal));
        }, () => "ctr events never reported an event");
    }

    /// <summary>Waits for the exit event of process <paramref name="pid"/> (as the node numbers it) and returns its status.</summary>
    public int ExitStatusOf(int pid)
    {
        int? status = null;
        Eventually.Until(() => (status = Find(pid)) is not null, () => $"containerd reported no exit of process {pid}:\n{string.Join('\n', Snapshot())}");
        return status!.Value;
    }

    private int? Find(int pid)
    {
        foreach (string line in Snapshot())
        {
            var exit = Regex.Match(line, @" /tasks/exit (\{.*\})$");
            if (!exit.Success) continue;
            using var json = JsonDocument.Parse(exit.Groups[1].Value);
            if (json.RootElement.GetProperty("pid").GetInt32() != pid) continue;
            // Go's JSON leaves out a zero exit_status.
            return json.RootElement.TryGetProperty("exit_status", out var code) ? code.GetInt32() : 0;
        }
        return null;
    }

    private string[] Snapshot()
    {
        lock (_lines) return [.. _lines];
    }

    public void Dispose()
    {
        Libc.kill(_ctr.Id, 15);
        _ctr.WaitForExit(InitProcess.Patience);
        _ctr.Dispose();
    }
}
