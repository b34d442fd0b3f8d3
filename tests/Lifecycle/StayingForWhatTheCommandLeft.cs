using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>
/// `init --wait-all -- CMD`: a command that daemonizes (busybox httpd, nginx's `daemon on;`, `service x
/// start`) exits at once and leaves the real work running; the init stays while that runs, passes
/// signals on to it, stops it on SIGTERM, and exits with the rule's status.
/// </summary>
public sealed class StayingForWhatTheCommandLeft : IDisposable
{
    private const string Waiting = "the command has exited; waiting for the processes it left (--wait-all)";

    private readonly Scratch _scratch = new("wait-all");

    public void Dispose() => _scratch.Dispose();

    /// <summary>A bash script the command starts in the background and leaves: it reports signals, and exits with <paramref name="code"/> once the file "go" exists.</summary>
    private string LeftBehind(int code)
    {
        string script = _scratch.File($"left-{code}.sh");
        File.WriteAllText(script,
            "trap 'echo left got USR1.' USR1; trap 'echo left got HUP.' HUP; echo left ready.; " +
            $"while [ ! -e {_scratch.File("go")} ]; do sleep 0.05; done; exit {code}\n");
        return script;
    }

    private void Go() => File.WriteAllText(_scratch.File("go"), "");

    [Theory]
    [BothModes]
    public void A_daemonizing_busybox_httpd_keeps_serving_and_SIGTERM_stops_it_with_its_status(Mode mode)
    {
        File.WriteAllText(_scratch.File("index.html"), "served by the daemon");
        using var port = new ReservedPort();
        using var init = InitProcess.Start(mode, "-v", "--wait-all", "--grace-period", "20s", "--",
            "sh", "-c", $"busybox httpd -p 127.0.0.1:{port.Port} -h {_scratch.Path}");
        init.WaitForStderr(Waiting);
        Assert.Matches(@"command 'sh' \(process \d+\) exited with 0", init.Stderr);
        using var http = new HttpClient();
        string? body = null;
        Eventually.Until(() =>
        {
            try { body = http.GetStringAsync($"http://127.0.0.1:{port.Port}/index.html").GetAwaiter().GetResult(); }
            catch (HttpRequestException) { }
            return body is not null;
        }, () => $"busybox httpd never served.\nstderr:\n{init.Stderr}");
        Assert.Equal("served by the daemon", body);

        var stopped = Stopwatch.StartNew();
        init.Signal(15);
        // The command succeeded: the status is the last process's, httpd's death by SIGTERM.
        Assert.Equal(143, init.WaitForExit());
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(20), $"not stopped within the grace period: {stopped.Elapsed}");
        Assert.Contains("received SIGTERM; stopping the processes the command left", init.Stderr);
        Assert.Matches(@"sent SIGTERM to the remaining processes: \d+ \(busybox\)", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void Signals_and_the_reload_signal_reach_the_processes_left(Mode mode)
    {
        string conf = _scratch.File("app.conf");
        File.WriteAllText(conf, "v1");
        using var init = InitProcess.Start(mode, "-v", "--wait-all", "--reload-on", conf, "--", "bash", "-c", $"bash {LeftBehind(6)} & exit 0");
        init.WaitForLine("left ready.");
        init.WaitForStderr(Waiting);
        init.Signal(10);
        init.WaitForLine("left got USR1.");
        File.WriteAllText(conf, "v2");
        init.WaitForLine("left got HUP.");
        init.WaitForStderr("app.conf changed; sent SIGHUP to "); // said after the signal went
        Assert.Matches(@"app\.conf changed; sent SIGHUP to \d+ \(bash\)", init.Stderr);
        Go();
        Assert.Equal(6, init.WaitForExit());
    }

    /// <summary>
    /// A process left behind with a child of its own in its process group: it reports SIGUSR1 and relays
    /// SIGUSR2 to the child, which reports both.
    /// </summary>
    private string LeftWithAChild()
    {
        string script = _scratch.File("left-with-child.sh");
        File.WriteAllText(script,
            "trap 'echo left got USR1.' USR1; trap 'kill -USR2 $g' USR2; " +
            Scripts.ReportSignalsLine("grandchild", "USR1", "USR2") + " & g=$!; " + Scripts.WaitForever + "\n");
        return script;
    }

    [Theory]
    [BothModes]
    public void With_g_a_signal_reaches_the_process_group_of_each_process_left(Mode mode)
    {
        using var init = InitProcess.Start(mode, "-v", "-g", "--wait-all", "--", "bash", "-c", $"bash {LeftWithAChild()} & exit 0");
        init.WaitForLine("grandchild ready.");
        init.WaitForStderr(Waiting);
        init.Signal(10);
        init.WaitForAllLines("left got USR1.", "grandchild got USR1.");
    }

    [Theory]
    [BothModes]
    public void Without_g_a_signal_reaches_only_the_processes_left_not_their_children(Mode mode)
    {
        using var init = InitProcess.Start(mode, "-v", "--wait-all", "--", "bash", "-c", $"bash {LeftWithAChild()} & exit 0");
        init.WaitForLine("grandchild ready.");
        init.WaitForStderr(Waiting);
        init.Signal(10);
        init.WaitForAllLines("left got USR1."); // leaves the lines unread: a grandchild's before it is read below
        // The barrier: SIGUSR2 goes once the init is done with SIGUSR1, and the left process relays it.
        // A SIGUSR1 the grandchild had been sent would be reported before it.
        init.Signal(12);
        Assert.Equal("grandchild got USR2.", init.WaitForLine("grandchild got"));
    }

    [Theory]
    [BothModes(5, "", 0, 5)] // the command failed: its status, whatever came after
    [BothModes(0, "", 7, 7)] // the command succeeded: the last process's
    [BothModes(5, "5", 7, 7)] // -e 5 makes the command's 5 a success
    [BothModes(0, "7", 7, 0)] // -e applies to the last process too
    public void The_status_is_the_commands_failure_or_else_the_last_processs(Mode mode, int command, string expect, int left, int status)
    {
        string[] options = expect.Length > 0 ? ["-v", "--wait-all", "-e", expect] : ["-v", "--wait-all"];
        using var init = InitProcess.Start(mode, [.. options, "--", "bash", "-c", $"bash {LeftBehind(left)} & exit {command}"]);
        init.WaitForLine("left ready.");
        init.WaitForStderr(Waiting);
        Go();
        Assert.Equal(status, init.WaitForExit());
    }

    [Theory]
    [BothModes(0)]
    [BothModes(3)]
    public void A_command_that_leaves_nothing_ends_the_init_with_its_own_status(Mode mode, int code)
    {
        using var init = InitProcess.Start(mode, "--wait-all", "--", "sh", "-c", $"exit {code}");
        Assert.Equal(code, init.WaitForExit());
    }

    [Fact]
    public void A_shell_started_from_outside_does_not_keep_the_init_as_pid_1()
    {
        using var init = InitProcess.Start(Mode.Pid1, "-v", "--wait-all", "--", "bash", "-c",
            $"echo ready.; while [ ! -e {_scratch.File("go")} ]; do sleep 0.05; done; exit 0");
        init.WaitForLine("ready.");
        // As `docker exec` does: in the init's PID namespace, with a parent outside it.
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true };
        foreach (string a in new[] { "-t", init.InitPid.ToString(), "-p", "--", "bash", "-c", "echo exec ready.; sleep 1000; true" })
            start.ArgumentList.Add(a);
        using var exec = Process.Start(start)!;
        try
        {
            Assert.Equal("exec ready.", exec.StandardOutput.ReadLine());
            Go();
            Assert.Equal(0, init.WaitForExit());
            Assert.Contains("sent SIGTERM to the remaining processes", init.Stderr);
            Assert.True(exec.WaitForExit(InitProcess.Patience), "the exec'd shell outlived the init");
        }
        finally
        {
            if (!exec.HasExited) exec.Kill(entireProcessTree: true);
        }
    }
}
