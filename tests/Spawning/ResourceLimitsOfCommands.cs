using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// `--rlimit NAME=SOFT[:HARD]`: every command starts with the limits, as /proc/PID/limits shows them,
/// while the init keeps its own; a limit the kernel would refuse stops the init before anything runs.
/// </summary>
public sealed class ResourceLimitsOfCommands : IDisposable
{
    /// <summary>Prints the command's "Max core file size" and "Max open files" (in /proc's order) as "NAME SOFT HARD".</summary>
    private const string PrintLimits =
        "awk '/^Max open files/ { print \"nofile\", $4, $5 } /^Max core file size/ { print \"core\", $5, $6 }' /proc/self/limits";

    /// <summary>The init started with these limits (and the hard one raised by none of the tests).</summary>
    private static readonly string[] Within4096 = ["prlimit", "--nofile=1024:4096", "--core=0:1000000"];

    private readonly Scratch _scratch = new("rlimit");

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [BothModes]
    public void Every_command_starts_with_the_limits_and_the_init_keeps_its_own(Mode mode)
    {
        string script = _scratch.File("print-limits");
        File.WriteAllText(script, $"{PrintLimits} | sed \"s/^/$1:/\"; exec sleep 1000\n");
        using var init = InitProcess.StartWrapped(mode, Within4096, "--rlimit", "nofile=512:2048", "--rlimit", "core=1000:1000000",
            "--also", $"sh {script} also", "--", "sh", script, "main");
        init.WaitForAllLines("also:nofile 512 2048", "also:core 1000 1000000", "main:nofile 512 2048", "main:core 1000 1000000");
        string limits = Regex.Replace(File.ReadAllText($"/proc/{init.InitPid}/limits"), " +", " ");
        Assert.Contains("Max open files 1024 4096 files", limits);
        Assert.Contains("Max core file size 0 1000000 bytes", limits);
        init.Signal(15);
        Assert.Equal(143, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void SOFT_alone_keeps_the_hard_limit(Mode mode)
    {
        using var init = InitProcess.StartWrapped(mode, Within4096, "--rlimit", "nofile=4096", "--", "sh", "-c", PrintLimits);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Contains("nofile 4096 4096", init.Stdout);
    }

    [Theory]
    [BothModes]
    public void A_command_run_as_another_user_gets_them_too(Mode mode)
    {
        using var init = InitProcess.StartWrapped(mode, Within4096, "--rlimit", "nofile=100:200", "--user", "1000", "--",
            "sh", "-c", $"echo uid $(id -u); {PrintLimits}");
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal(["uid 1000", "core 0 1000000", "nofile 100 200"], init.Stdout);
    }

    [Theory]
    [BothModes]
    public void INIT_RLIMIT_sets_several_and_the_flag_wins(Mode mode)
    {
        var environment = new Dictionary<string, string?> { ["INIT_RLIMIT"] = "nofile=300:400,core=5:6" };
        using (var init = InitProcess.StartWith(mode, environment, null, "--", "sh", "-c", PrintLimits))
        {
            Assert.True(init.WaitForExit() == 0, init.Stderr);
            Assert.Equal(["core 5 6", "nofile 300 400"], init.Stdout);
        }
        using (var init = InitProcess.StartWith(mode, environment, null, "--rlimit", "nofile=301:401", "--", "sh", "-c", PrintLimits))
        {
            Assert.True(init.WaitForExit() == 0, init.Stderr);
            Assert.Contains("nofile 301 401", init.Stdout);
            Assert.DoesNotContain("core 5 6", init.Stdout);
        }
    }

    public static TheoryData<Mode, string[], string, string> Refusals()
    {
        ulong nrOpen = ulong.Parse(File.ReadAllText("/proc/sys/fs/nr_open").Trim());
        string[] withoutCapability = [.. Within4096, "setpriv", "--inh-caps=-sys_resource", "--bounding-set=-sys_resource"];
        var data = new TheoryData<Mode, string[], string, string>();
        foreach (var mode in new[] { Mode.Pid1, Mode.Plain })
        {
            data.Add(mode, Within4096, "nofile=2048:1024", "the soft limit is above the hard limit");
            data.Add(mode, Within4096, "nofile=8192", "the soft limit is above the hard limit, 4096 (the init's own, kept when no HARD is given)");
            data.Add(mode, withoutCapability, "nofile=1024:8192", "raising the hard limit above 4096 needs CAP_SYS_RESOURCE");
            data.Add(mode, withoutCapability, "core=0:unlimited", "raising the hard limit above 1000000 needs CAP_SYS_RESOURCE");
            data.Add(mode, Within4096, $"nofile=1024:{nrOpen + 1}", $"above fs.nr_open ({nrOpen})");
            data.Add(mode, Within4096, "nofile=1024:unlimited", $"above fs.nr_open ({nrOpen})");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_limit_the_kernel_would_refuse_exits_1_naming_it_before_anything_runs(Mode mode, string[] wrapper, string limit, string why)
    {
        string ran = _scratch.File("ran");
        using var init = InitProcess.StartWrapped(mode, wrapper, "--rlimit", "core=0", "--rlimit", limit, "--also", $"touch {ran}", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.StartsWith($"init: --rlimit {limit}: {why}", init.Stderr);
        Assert.Single(init.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(ran), "a command ran");
    }

    [Theory]
    [InlineData("files=1024", "'files' is not a limit: cpu, fsize")]
    [InlineData("nofile", "'nofile' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=", "'nofile=' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=abc", "'nofile=abc' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=-1", "'nofile=-1' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=1:2:3", "'nofile=1:2:3' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=:2", "'nofile=:2' is not NAME=SOFT[:HARD]")]
    [InlineData("nofile=18446744073709551616", "'nofile=18446744073709551616' is not NAME=SOFT[:HARD]")]
    public void A_malformed_limit_is_a_usage_error(string limit, string message)
    {
        using var init = InitProcess.Start(Mode.Plain, "--rlimit", limit, "--", "true");
        Assert.Equal(2, init.WaitForExit());
        Assert.StartsWith($"init: {message}", init.Stderr);
        using var fromVariable = InitProcess.StartWith(Mode.Plain, new Dictionary<string, string?> { ["INIT_RLIMIT"] = $"core=0,{limit}" }, null, "--", "true");
        Assert.Equal(2, fromVariable.WaitForExit());
        Assert.Contains("(for INIT_RLIMIT)", fromVariable.Stderr);
    }
}
