using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// `init --user X` started as root, as PID 1 and as a plain process, reading the tests' own
/// /etc/passwd and /etc/group (bind-mounted in a mount namespace of its own): the command runs with
/// X's ids and HOME and no capabilities, and the init stays root, still forwarding and cleaning up.
/// The same forms are compared with `docker run --user` itself in DockerUserTests.
/// </summary>
public sealed class RunningAsAnotherUser : IDisposable
{
    /// <summary>Prints the /proc/self/status lines the tests compare, and HOME.</summary>
    public const string PrintIdentity =
        "grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status; echo \"HOME:[$HOME]\"";

    private readonly UserTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The identity lines a command printed with <see cref="PrintIdentity"/>, by field, whitespace normalised.</summary>
    public static Dictionary<string, string> Identity(IEnumerable<string> lines) =>
        lines.Where(l => l.Contains(':')).ToDictionary(
            l => l[..l.IndexOf(':')],
            l => string.Join(' ', l[(l.IndexOf(':') + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));

    private InitProcess StartAs(Mode mode, string[] before, params string[] initArguments) =>
        InitProcess.StartWrapped(mode, [.. _files.Wrapper, .. before], initArguments);

    [Theory]
    [InlineData(Mode.Pid1, "alice", "1000", "1000", "10 29 50 1000", "/home/alice")]
    [InlineData(Mode.Plain, "alice", "1000", "1000", "10 29 50 1000", "/home/alice")]
    [InlineData(Mode.Plain, "1000", "1000", "1000", "10 29 50 1000", "/home/alice")]
    [InlineData(Mode.Pid1, "bob", "1001", "1001", "1001", "/home/bob")]
    [InlineData(Mode.Plain, "nohome", "1002", "1002", "1002", "")]
    [InlineData(Mode.Pid1, "alice:staff", "1000", "50", "50", "/home/alice")]
    [InlineData(Mode.Plain, "1000:50", "1000", "50", "50", "/home/alice")]
    [InlineData(Mode.Pid1, "4242", "4242", "0", "0", "/")]
    [InlineData(Mode.Plain, "4242:staff", "4242", "50", "50", "/")]
    public void The_command_runs_with_the_users_ids_and_HOME_and_no_capabilities(
        Mode mode, string user, string uid, string gid, string groups, string home)
    {
        using var init = StartAs(mode, [], "--user", user, "--", "sh", "-c", PrintIdentity);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        var identity = Identity(init.Stdout);
        Assert.Equal($"{uid} {uid} {uid} {uid}", identity["Uid"]);
        Assert.Equal($"{gid} {gid} {gid} {gid}", identity["Gid"]);
        Assert.Equal(groups, identity["Groups"]);
        Assert.Equal($"[{home}]", identity["HOME"]);
        foreach (string set in new[] { "CapInh", "CapPrm", "CapEff", "CapAmb" }) Assert.Equal("0000000000000000", identity[set]);
        // Untouched: what the init itself was started with.
        Assert.Equal(ProcFs.Status(Environment.ProcessId, "CapBnd"), identity["CapBnd"]);
        Assert.Equal(ProcFs.Status(Environment.ProcessId, "NoNewPrivs"), identity["NoNewPrivs"]);
    }

    [Theory]
    [BothModes]
    public void Root_with_another_group_keeps_its_capabilities(Mode mode)
    {
        using var init = StartAs(mode, [], "-u", "0:50", "--", "sh", "-c", PrintIdentity);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        var identity = Identity(init.Stdout);
        Assert.Equal(("0 0 0 0", "50 50 50 50", "50", "[/root]"), (identity["Uid"], identity["Gid"], identity["Groups"], identity["HOME"]));
        Assert.Equal(ProcFs.Status(Environment.ProcessId, "CapEff"), identity["CapEff"]);
        Assert.Equal(ProcFs.Status(Environment.ProcessId, "CapPrm"), identity["CapPrm"]);
    }

    [Theory]
    [InlineData(Mode.Pid1, "nobody", "cannot find user 'nobody' in /etc/passwd")]
    [InlineData(Mode.Plain, "alice:nogroup", "cannot find group 'nogroup' in /etc/group")]
    [InlineData(Mode.Plain, "-1", "--user '-1': ids must be from 0 to 2147483647")]
    public void An_unknown_user_or_group_exits_1_with_one_line_before_anything_runs(Mode mode, string user, string message)
    {
        string ran = Path.Combine(_files.Directory, "ran");
        using var init = StartAs(mode, [], "--user", user, "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"init: {message}", init.Stderr.Trim());
        Assert.False(File.Exists(ran), "the command ran");
    }

    [Fact]
    public void INIT_USER_is_read_and_an_empty_one_means_unset()
    {
        using (var init = InitProcess.StartWrapped(Mode.Plain, [.. _files.Wrapper, "env", "INIT_USER=bob"], "--", "id", "-u"))
        {
            Assert.Equal(0, init.WaitForExit());
            Assert.Equal(["1001"], init.Stdout);
        }
        using (var init = InitProcess.StartWrapped(Mode.Plain, [.. _files.Wrapper, "env", "INIT_USER=bob"], "-u", "alice", "--", "id", "-u"))
        {
            Assert.Equal(0, init.WaitForExit());
            Assert.Equal(["1000"], init.Stdout); // the flag wins
        }
        using (var init = InitProcess.StartWrapped(Mode.Plain, [.. _files.Wrapper, "env", "INIT_USER="], "--", "id", "-u"))
        {
            Assert.Equal(0, init.WaitForExit());
            Assert.Equal(["0"], init.Stdout);
        }
    }

    /// <summary>setpriv starts the init as alice, with alice's groups, as `docker run --user alice` would.</summary>
    private static readonly string[] AsAlice = ["setpriv", "--reuid=1000", "--regid=1000", "--groups=10,29,50,1000"];

    [Theory]
    [InlineData(Mode.Pid1, "alice")]
    [InlineData(Mode.Plain, "1000")]
    public void Already_that_user_without_privileges_runs_the_command_as_it_is(Mode mode, string user)
    {
        using var init = StartAs(mode, AsAlice, "--user", user, "--", "sh", "-c", PrintIdentity);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        var identity = Identity(init.Stdout);
        Assert.Equal(("1000 1000 1000 1000", "10 29 50 1000", "[/home/alice]"), (identity["Uid"], identity["Groups"], identity["HOME"]));
    }

    [Theory]
    [InlineData(Mode.Pid1, "bob")]
    [InlineData(Mode.Plain, "alice:staff")]
    public void Another_user_without_privileges_exits_1_saying_who_the_init_runs_as(Mode mode, string user)
    {
        string ran = Path.Combine(_files.Directory, "ran");
        using var init = StartAs(mode, AsAlice, "--user", user, "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"init: the init runs as uid 1000 gid 1000 (groups 10,29,50,1000) without CAP_SETUID and CAP_SETGID: it cannot become '{user}'",
            init.Stderr.Trim());
        Assert.False(File.Exists(ran), "the command ran");
    }

    [Theory]
    [InlineData("4755")]
    [InlineData("2755")]
    public void A_binary_with_a_setuid_or_setgid_bit_refuses_to_switch(string mode)
    {
        string copy = Path.Combine(_files.Directory, "init");
        File.Copy(InitBinary.Path, copy);
        File.SetUnixFileMode(copy, (UnixFileMode)Convert.ToInt32(mode, 8));
        string ran = Path.Combine(_files.Directory, "ran");
        // The harness appends the published init's path to the wrapper: it is dropped for the copy.
        using var init = InitProcess.StartWrapped(Mode.Plain, [.. _files.Wrapper, "sh", "-c", "copy=$0; shift; exec \"$copy\" \"$@\"", copy],
            "--user", "alice", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Contains("init: refusing --user: this init binary has the setuid or setgid bit set", init.Stderr);
        Assert.False(File.Exists(ran), "the command ran");
    }

    [Theory]
    [InlineData(Mode.Pid1, "setgroups=EPERM", "setgroups: Operation not permitted")]
    [InlineData(Mode.Plain, "setgroups=ENOSYS", "setgroups: Function not implemented")]
    [InlineData(Mode.Plain, "setresgid=EPERM", "setresgid: Operation not permitted")]
    [InlineData(Mode.Pid1, "setresuid=EPERM", "setresuid: Operation not permitted")]
    public void A_refused_switch_step_never_execs_the_command_and_exits_1(Mode mode, string refused, string message)
    {
        string ran = Path.Combine(_files.Directory, "ran");
        using var init = StartAs(mode, SyscallRefusal.Wrapper(refused), "--user", "alice", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"init: cannot run 'touch' as 'alice': {message}", init.Stderr.Trim());
        Assert.False(File.Exists(ran), "the command ran with partial privileges");
    }

    [Theory]
    [BothModes]
    public void Signals_reach_the_unprivileged_command_and_its_leftovers_get_SIGTERM(Mode mode)
    {
        // The worker outlives the command; both run as alice, the init as root signals them.
        const string worker = "trap \"echo worker got TERM as $(id -u).; exit 0\" TERM; echo worker ready.; " + Scripts.WaitForever;
        string command = $"trap \"echo command got USR1 as $(id -u).; exit 3\" USR1; bash -c '{worker}' & echo command ready.; " + Scripts.WaitForever;
        using var init = StartAs(mode, [], "--user", "alice", "--grace-period", "30s", "--", "bash", "-c", command);
        init.WaitForAllLines("command ready.", "worker ready.");
        init.Signal(10);
        Assert.Equal(3, init.WaitForExit());
        init.WaitForAllLines("command got USR1 as 1000.", "worker got TERM as 1000.");
        Assert.DoesNotContain("sending SIGKILL", init.Stderr);
    }

    [Theory]
    [BothModes]
    public void The_unprivileged_command_gets_the_terminals_foreground(Mode mode)
    {
        const string child =
            "trap \"echo child got INT as $(id -u).; exit 0\" INT; " +
            "read -r _ _ _ _ pgrp _ _ tpgid _ < /proc/$$/stat; echo pgrp=$pgrp tpgid=$tpgid.; " +
            "echo ready.; " + Scripts.WaitForever;
        string wrapper = string.Join(' ', _files.Wrapper.Select(Quote));
        using var terminal = InitProcess.Around(
            $"exec script -qefc {Quote($"{wrapper} {Scripts.Init(mode)} -u alice -- bash -c {Quote(child)}")} /dev/null");
        string ids = terminal.WaitForLine("pgrp=");
        terminal.WaitForLine("ready.");
        string[] parts = ids.Trim().TrimEnd('.').Split(' ');
        Assert.Equal(parts[0]["pgrp=".Length..], parts[1]["tpgid=".Length..]);
        terminal.Stdin.Write("\u0003");
        terminal.WaitForLine("child got INT as 1000.");
        Assert.Equal(0, terminal.WaitForExit());
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
