using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Watching;

/// <summary>
/// `init --reload-on PATH -- CMD`: when PATH changes, CMD gets SIGHUP (or --reload-signal) once per
/// burst, as it would get a forwarded signal. Each test ends on a barrier: a second watched file
/// changed after the case under test, whose signal can only come after every signal of that case.
/// </summary>
public sealed class ReloadOnChange : IDisposable
{
    private readonly Scratch _scratch = new("reload");

    public void Dispose() => _scratch.Dispose();

    private string Barrier => _scratch.File("barrier");

    /// <summary>A bash command that prints, for each SIGNAL it gets, "got SIGNAL: " and the content of <paramref name="read"/>.</summary>
    private static string Reading(string read, string signal = "HUP") =>
        $"trap 'echo \"got {signal}: $(cat {read} 2>&1)\"' {signal}; trap 'echo got USR1.' USR1; echo ready.; " + Scripts.WaitForever;

    private InitProcess Start(Mode mode, string watched, string read, params string[] options)
    {
        File.WriteAllText(Barrier, "0");
        var init = InitProcess.Start(mode, [.. options, "--reload-on", watched, "--reload-on", Barrier, "--", "bash", "-c", Reading(read)]);
        init.WaitForLine("ready.");
        return init;
    }

    /// <summary>Changes the barrier file and waits for its signal: whatever the case under test signalled came before.</summary>
    private static void PassBarrier(InitProcess init, string barrier, int round = 1)
    {
        File.WriteAllText(barrier, round.ToString());
        init.WaitForStderr($"{barrier} changed; sent SIGHUP to 'bash' (process ");
    }

    /// <summary>How many reloads named <paramref name="path"/> among the paths that changed.</summary>
    private static int Signalled(InitProcess init, string path) =>
        Regex.Matches(init.Stderr, $@"^init: (?:.*, )?{Regex.Escape(path)}(?:, .*)? changed; sent ", RegexOptions.Multiline).Count;

    [Theory]
    [BothModes]
    public void A_file_written_in_place_gets_the_command_SIGHUP_with_the_new_content_there(Mode mode)
    {
        string conf = _scratch.File("app.conf");
        File.WriteAllText(conf, "v1");
        using var init = Start(mode, conf, conf);
        File.WriteAllText(conf, "v2");
        init.WaitForLine("got HUP: v2");
        PassBarrier(init, Barrier);
        Assert.Equal(1, Signalled(init, conf));
        Assert.Matches($@"init: {Regex.Escape(conf)} changed; sent SIGHUP to 'bash' \(process \d+\)", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_file_replaced_by_rename_gets_the_command_SIGHUP_every_time(Mode mode)
    {
        string conf = _scratch.File("app.conf"), next = _scratch.File("app.conf.new");
        File.WriteAllText(conf, "v1");
        using var init = Start(mode, conf, conf);
        for (int version = 2; version <= 4; version++)
        {
            File.WriteAllText(next, "v" + version);
            Assert.Equal(0, Libc.rename(next, conf));
            init.WaitForLine($"got HUP: v{version}");
        }
        PassBarrier(init, Barrier);
        Assert.Equal(3, Signalled(init, conf));
    }

    [Theory]
    [BothModes]
    public void A_directory_gaining_a_file_gets_the_command_SIGHUP(Mode mode)
    {
        string dir = _scratch.File("conf.d");
        Directory.CreateDirectory(dir);
        using var init = Start(mode, dir, dir + "/*.conf");
        bool quick = Burst.MadeQuickly(() => File.WriteAllText(dir + "/site.conf", "site"));
        init.WaitForLine("got HUP: site");
        PassBarrier(init, Barrier);
        // Created, then written and closed: two bursts if the test thread paused in between.
        Assert.InRange(Signalled(init, dir), 1, quick ? 1 : 2);
    }

    [Theory]
    [BothModes("the volume")]
    [BothModes("a file in it")]
    public void Three_kubelet_atomic_updates_give_three_signals_each_with_its_new_content(Mode mode, string watching)
    {
        var volume = new KubeletVolume(_scratch.File("config-volume"));
        Directory.CreateDirectory(volume.Path);
        volume.Write(new Dictionary<string, string> { ["app.conf"] = "v1", ["other.conf"] = "x" });
        string conf = Path.Combine(volume.Path, "app.conf");
        string watched = watching == "the volume" ? volume.Path : conf;
        using var init = Start(mode, watched, conf);
        // The volume sees the new timestamped directory, the new link, the swap and the old directory's
        // removal; a file in it, only the swap: the init stops watching the old directory once it has seen it.
        int operations = watching == "the volume" ? 4 : 1;
        int most = 0;
        for (int version = 2; version <= 4; version++)
        {
            bool quick = Burst.MadeQuickly(() => volume.Write(new Dictionary<string, string> { ["app.conf"] = "v" + version, ["other.conf"] = "x" }));
            most += quick ? 1 : operations;
            init.WaitForLine($"got HUP: v{version}");
        }
        PassBarrier(init, Barrier);
        Assert.InRange(Signalled(init, watched), 3, most);
    }

    [Theory]
    [BothModes]
    public void A_burst_of_writes_and_a_rename_gives_one_signal(Mode mode)
    {
        string conf = _scratch.File("app.conf"), next = _scratch.File("app.conf.new");
        File.WriteAllText(conf, "v1");
        using var init = Start(mode, _scratch.Path, conf);
        // An editor's save and a script's rewrite: several writes, a backup, a rename, in a few milliseconds.
        bool quick = Burst.MadeQuickly(() =>
        {
            for (int i = 0; i < 5; i++) File.AppendAllText(conf, "+");
            File.WriteAllText(next, "final");
            Assert.Equal(0, Libc.rename(next, conf));
        });
        init.WaitForLine("got HUP: final");
        // The barrier is in the watched directory too: its change is one more signal for it. The burst's
        // eight operations (five closes, a creation, a close, a rename) are as many if the test thread paused.
        PassBarrier(init, Barrier);
        Assert.InRange(Signalled(init, _scratch.Path), 2, quick ? 2 : 8 + 1);
    }

    [Theory]
    [BothModes]
    public void Reload_signal_is_sent_as_named_even_when_r_rewrites_it(Mode mode)
    {
        string conf = _scratch.File("app.conf");
        File.WriteAllText(conf, "v1");
        using var init = InitProcess.Start(mode, "-r", "USR2:0", "--reload-signal", "SIGUSR2", "--reload-on", conf, "--", "bash", "-c", Reading(conf, "USR2"));
        init.WaitForLine("ready.");
        File.WriteAllText(conf, "v2");
        init.WaitForLine("got USR2: v2");
        init.WaitForStderr("changed; sent SIGUSR2 to 'bash' (process "); // said after the signal went
    }

    [Theory]
    [BothModes]
    public void INIT_RELOAD_ON_and_INIT_RELOAD_SIGNAL_work_as_the_options(Mode mode)
    {
        string first = _scratch.File("first.conf"), second = _scratch.File("second.conf");
        File.WriteAllText(first, "1");
        File.WriteAllText(second, "2");
        var environment = new Dictionary<string, string?> { ["INIT_RELOAD_ON"] = first + "\n" + second, ["INIT_RELOAD_SIGNAL"] = "USR2" };
        using var init = InitProcess.StartWith(mode, environment, null, "--", "bash", "-c", Reading(first, "USR2"));
        init.WaitForLine("ready.");
        File.WriteAllText(second, "changed");
        init.WaitForStderr($"{second} changed; sent SIGUSR2");
        File.WriteAllText(first, "changed");
        init.WaitForLine("got USR2: changed");
    }

    [Theory]
    [BothModes]
    public void The_signal_goes_to_the_commands_process_group_with_g(Mode mode)
    {
        string conf = _scratch.File("app.conf");
        File.WriteAllText(conf, "v1");
        // The shell's child is in the command's group; only a signal to the group reaches it.
        string child = "trap \"echo child got HUP.\" HUP; echo child ready.; " + Scripts.WaitForever;
        using var init = InitProcess.Start(mode, "-g", "--reload-on", conf, "--", "bash", "-c",
            $"trap 'echo parent got HUP.' HUP; bash -c '{child}' & c=$!; while :; do wait $c; done");
        init.WaitForLine("child ready.");
        File.WriteAllText(conf, "v2");
        init.WaitForLine("child got HUP.");
        init.WaitForStderr("'s process group"); // said after the signal went, maybe after the child answered
        Assert.Matches(@"changed; sent SIGHUP to 'bash' \(process \d+\)'s process group", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void A_watched_directory_that_disappears_is_said_once_and_supervision_goes_on(Mode mode)
    {
        string dir = _scratch.File("conf.d");
        Directory.CreateDirectory(dir);
        File.WriteAllText(dir + "/a.conf", "a");
        using var init = Start(mode, dir, dir + "/*.conf");
        bool quick = Burst.MadeQuickly(() => Directory.Delete(dir, recursive: true));
        init.WaitForStderr($"{dir} (--reload-on) is gone; watching for it to come back");
        // Nothing to reload from: the removal is no reason to signal. a.conf's removal alone is one, if
        // the test thread paused before removing the directory.
        PassBarrier(init, Barrier);
        int signalled = Signalled(init, dir);
        Assert.InRange(signalled, 0, quick ? 0 : 1);
        // A signal that reaches bash while it runs another's trap can be left unhandled: the HUP traps,
        // the barrier's included, are done before USR1 goes.
        for (int hup = 0; hup <= signalled; hup++) init.WaitForLine("got HUP: ");
        init.Signal(10);
        init.WaitForLine("got USR1.");
        Directory.CreateDirectory(dir);
        File.WriteAllText(dir + "/b.conf", "b");
        init.WaitForLine("got HUP: b");
        init.WaitForStderr($"{dir} (--reload-on) is back");
        init.Signal(15);
        Assert.Equal(143, init.WaitForExit());
        Assert.Single(Regex.Matches(init.Stderr, "is gone"));
    }

    [Theory]
    [BothModes]
    public void A_watched_fifo_is_never_opened_and_its_replacement_is_seen(Mode mode)
    {
        // Opening a FIFO with no writer blocks: a watcher that read what it watches would hang here.
        string fifo = _scratch.File("app.fifo"), next = _scratch.File("app.new");
        Libc.MakeFifo(fifo);
        using var init = Start(mode, fifo, next);
        File.WriteAllText(next, "replaced");
        Assert.Equal(0, Libc.rename(next, fifo));
        init.WaitForStderr($"{fifo} changed; sent SIGHUP to 'bash'");
    }

    [Theory]
    [BothModes]
    public void A_missing_path_fails_the_init_before_the_command_starts(Mode mode)
    {
        string ran = _scratch.File("ran"), missing = _scratch.File("no-such.conf");
        using var init = InitProcess.Start(mode, "--reload-on", missing, "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"init: cannot watch {missing} (--reload-on): no such file or directory\n", init.Stderr);
        Assert.False(File.Exists(ran), "the command ran although its reload could never be signalled");
    }
}
