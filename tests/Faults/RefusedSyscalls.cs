using System;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Faults;

/// <summary>
/// The init under seccomp profiles that refuse syscalls it uses (EPERM from a profile, ENOSYS from an
/// old kernel or a sandbox): before the command starts it fails loudly; after, it falls back and
/// still stops, drains and reports the command as it would anywhere else.
/// </summary>
public class RefusedSyscalls
{
    [Theory]
    [InlineData("pidfd_open=EPERM")]
    [InlineData("pidfd_open=ENOSYS")]
    [InlineData("pidfd_send_signal=EPERM")]
    [InlineData("pidfd_open=EPERM,pidfd_send_signal=EPERM")]
    public void Not_pid_1_with_pidfd_refused_a_leftover_still_gets_SIGTERM_and_flushes(string refused)
    {
        using var scratch = new Scratch();
        string ready = scratch.File("ready"), flushed = scratch.File("flushed");
        string worker = $"trap \"sleep 0.3; echo flushed > {flushed}; exit 0\" TERM; touch {ready}; " + Scripts.WaitForever;
        using var init = InitProcess.StartWrapped(Mode.Plain, SyscallRefusal.Wrapper(refused),
            "--grace-period", "20s", "--", "bash", "-c", Scripts.CommandLeaving(worker, ready));
        Assert.Equal(3, init.WaitForExit());
        Assert.True(File.Exists(flushed), $"the leftover got no SIGTERM.\nstderr:\n{init.Stderr}");
        Assert.Equal("flushed\n", File.ReadAllText(flushed));
    }

    [Theory]
    [InlineData(Mode.Plain, "EPERM")]
    [BothModes("ENOSYS")]
    public void A_refused_signalfd_fails_the_init_before_the_command_starts(Mode mode, string errno)
    {
        using var scratch = new Scratch();
        string ran = scratch.File("ran");
        using var init = InitProcess.StartWrapped(mode, SyscallRefusal.Wrapper("signalfd4=" + errno), "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Contains("init: signalfd: ", init.Stderr);
        Assert.False(File.Exists(ran), "the command ran although the init could not supervise it");
    }

    [Theory]
    [BothModes("inotify_init1=EPERM", "inotify_init1: Operation not permitted")]
    [BothModes("inotify_init1=ENOSYS", "inotify_init1: Function not implemented")]
    [InlineData(Mode.Plain, "inotify_add_watch=EPERM", "inotify_add_watch: Operation not permitted")]
    public void Inotify_refused_fails_the_init_with_reload_on_before_the_command_starts(Mode mode, string refused, string said)
    {
        using var scratch = new Scratch();
        string ran = scratch.File("ran");
        using var init = InitProcess.StartWrapped(mode, SyscallRefusal.Wrapper(refused), "--reload-on", scratch.Path, "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Single(init.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("init: cannot watch ", init.Stderr);
        Assert.Contains(said, init.Stderr);
        Assert.False(File.Exists(ran), "the command ran although its reload could never be signalled");
    }

    [Theory]
    [BothModes("max_inotify_instances", "fs.inotify.max_user_instances = ")]
    [BothModes("max_inotify_watches", "fs.inotify.max_user_watches = ")]
    public void An_inotify_limit_reached_fails_the_init_with_reload_on_naming_the_sysctl(Mode mode, string limit, string said)
    {
        // A user namespace has inotify limits of its own, which its root may lower: 0 is reached at once.
        using var scratch = new Scratch();
        string ran = scratch.File("ran");
        string[] lowered = ["unshare", "--user", "--map-root-user", "sh", "-c", $"echo 0 > /proc/sys/user/{limit} && exec \"$0\" \"$@\""];
        using var init = InitProcess.StartWrapped(mode, lowered, "--reload-on", scratch.Path, "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Single(init.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(said, init.Stderr);
        Assert.Contains($"user.{limit} = 0 in this user namespace", init.Stderr);
        Assert.False(File.Exists(ran), "the command ran although its reload could never be signalled");
    }

    [Theory]
    [InlineData(Mode.Plain, "poll=EPERM,ppoll=EPERM")]
    [InlineData(Mode.Pid1, "poll=ENOSYS,ppoll=ENOSYS")]
    [InlineData(Mode.Plain, "poll=EPERM,ppoll=EPERM,rt_sigtimedwait=EPERM")]
    public void With_poll_refused_the_grace_period_still_ends_and_the_status_is_the_commands(Mode mode, string refused)
    {
        // poll first fails during the grace period; a blocking read of the signalfd instead would
        // wait for a signal that never comes while the leftover ignores SIGTERM.
        using var scratch = new Scratch();
        string ready = scratch.File("ready");
        string worker = $"trap \"\" TERM; touch {ready}; exec sleep 1000";
        using var init = InitProcess.StartWrapped(mode, SyscallRefusal.Wrapper(refused),
            "--grace-period", "1s", "--", "bash", "-c", Scripts.CommandLeaving(worker, ready));
        Assert.Equal(3, init.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains("grace period over; sending SIGKILL", init.Stderr);
        Assert.Contains("poll on the signalfd: ", init.Stderr);
    }
}
