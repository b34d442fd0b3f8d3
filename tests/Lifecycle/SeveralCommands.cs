using System;
using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>`init --also 'CMD' -- MAIN`: every command runs; the first to exit stops the others and gives the status.</summary>
public sealed class SeveralCommands : IDisposable
{
    private readonly Scratch _scratch = new("several");

    private string Dir => _scratch.Path;

    public void Dispose() => _scratch.Dispose();

    /// <summary>A bash command that reports NAME got SIG for each of <paramref name="signals"/>, exits with <paramref name="codeOnTerm"/> on TERM, and says it is ready.</summary>
    private string Trapping(string name, int codeOnTerm, params string[] signals) =>
        string.Concat(signals.Select(s => $"trap \"echo {name} got {s}.\" {s}; ")) +
        $"trap \"echo {name} got TERM.; exit {codeOnTerm}\" TERM; touch {Dir}/{name}-ready; " + Scripts.WaitForever;

    private string WaitReady(string name) => $"while [ ! -e {Dir}/{name}-ready ]; do sleep 0.05; done; ";

    private static string Quoted(string script) => "bash -c '" + script.Replace("'", "'\\''") + "'";

    [Theory]
    [BothModes]
    public void The_main_command_exiting_first_stops_the_also_command_and_gives_its_status(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--also", Quoted(Trapping("side", 5)), "--", "bash", "-c", WaitReady("side") + "exit 7");
        init.WaitForLine("side got TERM.");
        Assert.Equal(7, init.WaitForExit());
        Assert.Matches(@"command 'bash' \(process \d+\) exited with 7; stopping the other commands", init.Stderr);
        Assert.Matches(@"command 'bash' \(process \d+\) exited with 5", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void The_also_command_exiting_first_stops_the_main_command_and_gives_its_status(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--also", Quoted(WaitReady("main") + "exit 4"), "--", "bash", "-c", Trapping("main", 0));
        init.WaitForLine("main got TERM.");
        Assert.Equal(4, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void Signals_reach_every_command_and_a_stop_request_stops_them_all(Mode mode)
    {
        using var init = InitProcess.Start(mode, "--also", Quoted(Trapping("side", 0, "USR1", "HUP")),
            "--also", Quoted(Trapping("third", 0, "USR1", "HUP")), "--", "bash", "-c", Trapping("main", 0, "USR1", "HUP"));
        foreach (string name in new[] { "side", "third", "main" }) Eventually.Until(() => File.Exists($"{Dir}/{name}-ready"), () => name + " never became ready");
        foreach (int signal in new[] { 10, 1 })
        {
            init.Signal(signal);
            string got = signal == 10 ? "USR1" : "HUP";
            WaitForEach(init, ["side", "third", "main"], $" got {got}.");
        }
        init.Signal(15);
        WaitForEach(init, ["side", "third", "main"], " got TERM.");
        Assert.Equal(0, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void With_g_each_commands_process_group_gets_the_signal(Mode mode)
    {
        string WithChild(string name) =>
            $"bash -c 'trap \"echo {name}-child got USR1.\" USR1; touch {Dir}/{name}-child-ready; {Scripts.WaitForever}' & " + Trapping(name, 0, "USR1");
        using var init = InitProcess.Start(mode, "-g", "--also", Quoted(WithChild("side")), "--", "bash", "-c", WithChild("main"));
        foreach (string name in new[] { "side", "main", "side-child", "main-child" }) Eventually.Until(() => File.Exists($"{Dir}/{name}-ready"), () => name + " never became ready");
        init.Signal(10);
        WaitForEach(init, ["side", "main", "side-child", "main-child"], " got USR1.");
    }

    [Theory]
    [BothModes]
    public void A_rewrite_applies_to_each_command(Mode mode)
    {
        string QuitsOnQuit(string name) => $"trap \"echo {name} got QUIT.; exit 0\" QUIT; " + Trapping(name, 0);
        using var init = InitProcess.Start(mode, "-r", "TERM:QUIT", "--also", Quoted(QuitsOnQuit("side")), "--", "bash", "-c", QuitsOnQuit("main"));
        foreach (string name in new[] { "side", "main" }) Eventually.Until(() => File.Exists($"{Dir}/{name}-ready"), () => name + " never became ready");
        init.Signal(15);
        WaitForEach(init, ["side", "main"], " got QUIT.");
        Assert.Equal(0, init.WaitForExit());
        Assert.DoesNotContain("side got TERM.", init.Stdout);
        Assert.DoesNotContain("main got TERM.", init.Stdout);
    }

    [Theory]
    [BothModes]
    public void A_command_that_cannot_start_stops_those_already_started_and_gives_its_code(Mode mode)
    {
        string token = "also-" + Guid.NewGuid().ToString("N");
        using var init = InitProcess.Start(mode, "--also", $"bash -c 'echo {token} >/dev/null; {Scripts.WaitForever}'", "--", "/nonexistent/command");
        Assert.Equal(127, init.WaitForExit());
        Assert.Contains("init: cannot run '/nonexistent/command'", init.Stderr);
        var still = Shell.Run($"pgrep -f {token}");
        Assert.True(still.ExitCode != 0, "the --also command still runs: " + System.Text.Encoding.ASCII.GetString(still.Stdout));
    }

    [Theory]
    [BothModes]
    public void Leftovers_of_every_command_get_SIGTERM_and_flush(Mode mode)
    {
        string Worker(string name) =>
            $"bash -c 'trap \"echo flushed > {Dir}/{name}-flushed; exit 0\" TERM; touch {Dir}/{name}-worker-ready; {Scripts.WaitForever}' & ";
        using var init = InitProcess.Start(mode, "--also", Quoted(Worker("side") + Trapping("side", 0)), "--", "bash", "-c",
            Worker("main") + WaitReady("side-worker") + WaitReady("main-worker") + "exit 3");
        Assert.Equal(3, init.WaitForExit());
        Assert.True(File.Exists($"{Dir}/side-flushed"), "the --also command's worker did not flush");
        Assert.True(File.Exists($"{Dir}/main-flushed"), "the main command's worker did not flush");
    }

    [Theory]
    [BothModes]
    public void The_main_command_holds_the_terminals_foreground(Mode mode)
    {
        const string report = "read -r _ _ _ _ pgrp _ _ tpgid _ < /proc/$$/stat; ";
        string side = report + $"echo side pgrp=$pgrp tpgid=$tpgid.; touch {Dir}/side-ready; " + Scripts.WaitForever;
        string main = WaitReady("side") + report + "echo main pgrp=$pgrp tpgid=$tpgid.; exit 0";
        File.WriteAllText($"{Dir}/side.sh", side);
        File.WriteAllText($"{Dir}/main.sh", main);
        // script(1) runs the init on a new pseudo-terminal, as its controlling terminal and stdin.
        using var terminal = InitProcess.Around(
            $"exec script -qefc '{Scripts.Init(mode)} --also \"bash {Dir}/side.sh\" -- bash {Dir}/main.sh' /dev/null");
        string[] mainIds = Ids(terminal.WaitForLine("main pgrp="));
        string[] sideIds = Ids(string.Join("\n", terminal.Stdout).Split('\n').First(l => l.Contains("side pgrp=")));
        Assert.Equal(mainIds[0], mainIds[1]);
        Assert.NotEqual(sideIds[0], sideIds[1]);
        Assert.Equal(0, terminal.WaitForExit());
    }

    /// <summary>The commands write in any order: waits until each NAME + <paramref name="what"/> line is there.</summary>
    private static void WaitForEach(InitProcess init, string[] names, string what)
    {
        foreach (string name in names)
            Eventually.Until(() => init.Stdout.Contains(name + what), () => $"no line '{name}{what}' in:\n{string.Join("\n", init.Stdout)}");
    }

    private static string[] Ids(string line) =>
        line.Trim().TrimEnd('.').Split(' ').Skip(1).Select(part => part[(part.IndexOf('=') + 1)..]).ToArray();
}
