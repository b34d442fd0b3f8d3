using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// Smoke tests of the static arm64 build as PID 1, under qemu-aarch64-static (the commands it runs
/// are the host's own). qemu-user does not emulate PR_SET_CHILD_SUBREAPER, so these run as PID 1 only.
/// </summary>
public class Arm64Build
{
    private static InitProcess Start(params string[] args) =>
        InitProcess.StartEmulated("qemu-aarch64-static", InitBinary.Arm64Path, args);

    [Fact]
    public void Exits_with_the_commands_status()
    {
        using (var exited = Start("--", "sh", "-c", "exit 42")) Assert.Equal(42, exited.WaitForExit());
        using (var killed = Start("--", "sh", "-c", "kill -TERM $$")) Assert.Equal(128 + 15, killed.WaitForExit());
        using (var missing = Start("--", "no-such-command-xyz")) Assert.Equal(127, missing.WaitForExit());
    }

    [Fact]
    public void Runs_the_command_as_another_user_found_through_PATH()
    {
        // The host's own passwd is read: a uid and gid without entries depend on nothing in it.
        using var init = Start("--user", "4242:4343", "--", "sh", "-c", "echo $(id -u) $(id -g) $(id -G).");
        Assert.Equal(0, init.WaitForExit());
        Assert.Equal(["4242 4343 4343."], init.Stdout);
        // A path: searched for, the name would meet PATH entries under /root that uid 4242 may not search (126).
        using var missing = Start("--user", "4242", "--", "/no-such-command-xyz");
        Assert.Equal(127, missing.WaitForExit());
    }

    [Fact]
    public void Starts_the_command_with_its_resource_limits()
    {
        using var init = Start("--rlimit", "nofile=100:200", "--", "sh", "-c", "grep 'open files' /proc/self/limits");
        Assert.Equal(0, init.WaitForExit());
        Assert.Matches(@"^Max open files +100 +200 +files", Assert.Single(init.Stdout));
    }

    [Fact]
    public void Forwards_a_signal()
    {
        using var init = Start("--", "bash", "-c", "trap 'echo got USR1.; exit 9' USR1; echo ready.; " + Scripts.WaitForever);
        init.WaitForLine("ready.");
        init.Signal(10);
        init.WaitForLine("got USR1.");
        Assert.Equal(9, init.WaitForExit());
    }

    [Fact]
    public void Reaps_orphans()
    {
        const string storm =
            "perl -MPOSIX -e 'for (1..1000) { POSIX::_exit(0) if fork == 0 }'; " +
            "for i in $(seq 100); do [ \"$(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l)\" = 0 ] && break; sleep 0.05; done; " +
            "echo zombies $(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l).";
        using var init = Start("--", "bash", "-c", storm);
        Assert.Equal("zombies 0.", init.WaitForLine("zombies"));
        Assert.Equal(0, init.WaitForExit());
    }
}
