using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>
/// At the stop request (SIGTERM to the init), the processes the init alone is responsible for get
/// SIGTERM at once, not after the command has exited; the command's own stay the command's.
/// </summary>
public class StopRequest
{
    /// <summary>
    /// The command: on SIGTERM it says so and keeps shutting down until <paramref name="release"/>
    /// exists, then marks <paramref name="exited"/> and exits 0. It prints "ready." once set up. On
    /// SIGUSR2, even while stopping, it sends SIGURG to the <see cref="Reporting"/> processes whose
    /// ready files <paramref name="watched"/> names: the barrier a test ends on, sent to the init after
    /// the stop request, which the init forwards only once it has done with the stop request.
    /// </summary>
    private static string SlowToStop(string release, string exited, string setUp = "", string watched = "") =>
        $"trap 'for f in {watched}; do kill -URG $(cat $f); done' USR2; " +
        $"trap 'echo command term.; while [ ! -e {release} ]; do sleep 0.02; done; touch {exited}; exit 0' TERM; {setUp} echo ready.; " +
        Scripts.WaitForever;

    /// <summary>
    /// A process that, on SIGTERM, prints whether the command had exited by then ("WHO term after." or
    /// "WHO term early.") and exits; on SIGURG, the barrier, prints "WHO got URG.". Once set up it writes
    /// its pid to <paramref name="ready"/>. Perl runs the handlers of signals pending together in
    /// ascending order (see <see cref="Scripts.ReportSignals"/>): a SIGTERM sent before the barrier is
    /// reported instead of it.
    /// </summary>
    private static string Reporting(string who, string exited, string ready) =>
        "perl -e '$| = 1; my ($who, $exited, $ready) = @ARGV; " +
        "$SIG{TERM} = sub { print((-e $exited) ? \"$who term after.\\n\" : \"$who term early.\\n\"); exit 0 }; " +
        "$SIG{URG} = sub { print \"$who got URG.\\n\" }; " +
        "open(my $f, \">\", \"$ready.new\") or die; print $f $$; close $f; rename(\"$ready.new\", $ready) or die; " +
        $"sleep 1 while 1;' {who} {exited} {ready}";

    [Theory]
    [BothModes]
    public void An_adopted_orphan_gets_SIGTERM_at_the_stop_request_and_a_worker_of_the_command_only_after_it_exits(Mode mode)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string release = $"{dir}/release", exited = $"{dir}/exited";
        // The orphan's parent, a subshell, exits at once: the orphan is adopted by the init.
        string setUp =
            $"{Reporting("worker", exited, $"{dir}/worker-ready")} & " +
            $"( {Reporting("orphan", exited, $"{dir}/orphan-ready")} & ) ; " +
            $"while [ ! -e {dir}/worker-ready ] || [ ! -e {dir}/orphan-ready ]; do sleep 0.01; done;";
        using var init = InitProcess.Bash(mode, SlowToStop(release, exited, setUp, watched: $"{dir}/worker-ready"));
        init.WaitForLine("ready");
        init.Signal(15);
        init.WaitForAllLines("command term.", "orphan term early.");
        init.Signal(12); // the barrier: had the stop request's sweep sent the worker SIGTERM, it would say so instead
        Assert.Equal("worker got URG.", init.WaitForLine("worker "));
        File.WriteAllText(release, "");
        Assert.Equal(0, init.WaitForExit());
        Assert.Contains("worker term after.", init.Stdout);
        Assert.Matches(@"init: stop requested: sent SIGTERM to \d+ \(perl\).*, which the command did not start", init.Stderr);
    }

    [Fact]
    public void As_pid_1_an_exec_session_and_an_entered_process_end_while_the_command_is_still_stopping()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        Process? shell = null, entered = null;
        try
        {
            string release = $"{dir}/release", exited = $"{dir}/exited";
            using var init = InitProcess.Bash(Mode.Pid1, SlowToStop(release, exited));
            init.WaitForLine("ready");
            // `docker exec -it CONTAINER sh`: an interactive shell on a terminal of its own, which ignores SIGTERM.
            shell = Start("nsenter", "--target", init.InitPid.ToString(), "--pid", "--", "script", "-qfc", "exec bash --norc -i", "/dev/null");
            // `docker exec CONTAINER worker`: parent outside the namespace, so nobody's child inside it.
            entered = Start("nsenter", "--target", init.InitPid.ToString(), "--pid", "--", "bash", "-c",
                $"trap 'echo $(date +%s%N) > {dir}/entered-term; exit 0' TERM; touch {dir}/entered-ready; {Scripts.WaitForever}");
            int interactive = 0;
            Eventually.Until(() => File.Exists($"{dir}/entered-ready") && (interactive = InteractiveShell(shell)) != 0,
                () => "the exec'd processes never started");
            Assert.NotEqual("0", Stat(interactive)[6]); // it has a controlling terminal

            init.Signal(15);
            init.WaitForLine("command term");
            Eventually.Until(() => !Alive(interactive) && File.Exists($"{dir}/entered-term"),
                () => $"the exec'd processes did not end at the stop request.\nstderr:\n{init.Stderr}");
            Assert.False(init.HasExited, "the command was still stopping");
            Assert.False(File.Exists(exited));
            File.WriteAllText(release, "");
            Assert.Equal(0, init.WaitForExit());
        }
        finally
        {
            foreach (var process in new[] { shell, entered })
            {
                if (process is null) continue;
                if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }
    }

    [Fact]
    public void Not_pid_1_a_sibling_outside_the_inits_tree_is_untouched_at_the_stop_request()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string release = $"{dir}/release", exited = $"{dir}/exited";
        string command = SlowToStop(release, exited).Replace("'", "'\\''");
        using var run = InitProcess.Around(
            $"{Reporting("sibling", exited, $"{dir}/sibling-ready")} & echo sibling $!.; " +
            $"\"$INIT\" -- bash -c '{command}' & echo init $!.; wait $!; echo init exited $?.; " + Scripts.WaitForever);
        int sibling = int.Parse(run.WaitForLine("sibling").Split(' ')[1].TrimEnd('.'));
        run.WaitForAllLines("ready.");
        Eventually.Until(() => File.Exists($"{dir}/sibling-ready") && run.Stdout.Any(l => l.StartsWith("init ")),
            () => "the sibling never got ready, or the script did not say the init's pid");
        int init = int.Parse(run.Stdout.First(l => l.StartsWith("init ")).Split(' ')[1].TrimEnd('.'));
        try
        {
            Assert.Equal(0, Libc.kill(init, 15));
            run.WaitForAllLines("command term.");
            File.WriteAllText(release, "");
            Eventually.Until(() => run.Stdout.Any(l => l.StartsWith("init exited")), () => "the init did not exit");
            Assert.Contains("init exited 0.", run.Stdout);
            // The barrier, once the init is gone: a SIGTERM it had sent the sibling would be reported instead.
            Assert.True(Libc.kill(sibling, 23) == 0, $"the sibling is gone.\nstdout:\n{string.Join("\n", run.Stdout)}");
            Assert.Equal("sibling got URG.", run.WaitForLine("sibling "));
        }
        finally
        {
            foreach (int pid in ProcFs.Descendants(sibling).Append(sibling).ToList()) Libc.kill(pid, 9);
        }
    }

    [Theory]
    [BothModes]
    public void With_a_stop_delay_the_others_get_SIGTERM_when_the_held_one_is_forwarded(Mode mode)
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string release = $"{dir}/release", exited = $"{dir}/exited";
        string setUp = $"( {Reporting("orphan", exited, $"{dir}/orphan-ready")} & ) ; while [ ! -e {dir}/orphan-ready ]; do sleep 0.01; done;";
        using var init = InitProcess.Start(mode, "--stop-delay", "300s", "--", "bash", "-c", SlowToStop(release, exited, setUp, $"{dir}/orphan-ready"));
        init.WaitForLine("ready");
        init.Signal(15);
        init.WaitForStderr("draining");
        init.Signal(12); // the barrier: an orphan sent SIGTERM at the held stop request would say so instead
        Assert.Equal("orphan got URG.", init.WaitForLine("orphan "));
        init.Signal(15); // a second stop request forwards the held one at once
        init.WaitForAllLines("command term.", "orphan term early.");
        File.WriteAllText(release, "");
        Assert.Equal(0, init.WaitForExit());
    }

    [Fact]
    public void With_grace_period_0_nothing_but_the_command_hears_the_stop_request()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string release = $"{dir}/release", exited = $"{dir}/exited";
        string setUp = $"( {Reporting("orphan", exited, $"{dir}/orphan-ready")} & ) ; while [ ! -e {dir}/orphan-ready ]; do sleep 0.01; done;";
        using var init = InitProcess.Start(Mode.Pid1, "--grace-period", "0", "--", "bash", "-c", SlowToStop(release, exited, setUp, $"{dir}/orphan-ready"));
        init.WaitForLine("ready");
        init.Signal(15);
        init.WaitForAllLines("command term."); // leaves the lines unread: an orphan's before it is read below
        init.Signal(12); // the barrier: an orphan sent SIGTERM at the stop request would say so instead
        Assert.Equal("orphan got URG.", init.WaitForLine("orphan "));
        File.WriteAllText(release, "");
        Assert.Equal(0, init.WaitForExit());
    }

    private static Process Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    /// <summary>nsenter's child is script; script's child is the interactive shell. 0 until it runs bash.</summary>
    private static int InteractiveShell(Process nsenter)
    {
        foreach (int script in ProcFs.Children(nsenter.Id))
        {
            foreach (int child in ProcFs.Children(script))
            {
                if (File.ReadAllText($"/proc/{child}/comm").Trim() == "bash") return child;
            }
        }
        return 0;
    }

    private static string[] Stat(int pid)
    {
        string text = File.ReadAllText($"/proc/{pid}/stat");
        return [.. text[..text.IndexOf(" (", StringComparison.Ordinal)].Split(' '), "name", .. text[(text.LastIndexOf(')') + 2)..].Split(' ')];
    }

    /// <summary>Running, or a zombie its parent (script) has not reaped yet: neither counts once it has exited.</summary>
    private static bool Alive(int pid) => ProcFs.Status(pid, "State") is string state && !state.StartsWith('Z');
}
