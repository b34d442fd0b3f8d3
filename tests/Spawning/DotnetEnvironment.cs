using System.Collections.Generic;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// An init passes on an environment often meant for a .NET app in the same container (server GC, a
/// heap limit, a gen0 size). The init, a .NET program itself, must behave the same under it.
/// </summary>
public class DotnetEnvironment
{
    public static TheoryData<Mode, string, string> Settings => new()
    {
        { Mode.Pid1, "DOTNET_gcServer", "1" },
        { Mode.Plain, "DOTNET_gcServer", "1" },
        { Mode.Pid1, "DOTNET_GCHeapHardLimit", "0x100000" },
        { Mode.Plain, "DOTNET_GCHeapHardLimit", "0x100000" },
        { Mode.Pid1, "DOTNET_GCgen0size", "0x1000" },
        { Mode.Pid1, "DOTNET_GCHeapHardLimitPercent", "1" },
        { Mode.Pid1, "DOTNET_TieredCompilation", "0" },
        { Mode.Pid1, "DOTNET_gcConcurrent", "1" },
        { Mode.Pid1, "DOTNET_GCHeapCount", "64" },
        { Mode.Pid1, "DOTNET_GCRegionRange", "0x100000" },
        { Mode.Pid1, "DOTNET_DbgEnableMiniDump", "1" },
        { Mode.Pid1, "COMPlus_gcServer", "1" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Dotnet_settings_change_nothing_and_reach_the_command(Mode mode, string name, string value)
    {
        var environment = new Dictionary<string, string?> { [name] = value };
        // The command orphans a process (the init must reap it: -w says so), waits for SIGUSR1 (the
        // init must forward it), prints the variable it was given and exits 7 (the init passes it on).
        string script = $"(sleep 0.1 &); trap 'echo \"got USR1 {name}=${name}\"; exit 7' USR1; echo ready; {Scripts.WaitForever}";
        using var init = InitProcess.StartWith(mode, environment, null, "-w", "--", "bash", "-c", script);
        init.WaitForLine("ready");
        init.WaitForStderr("reaped zombie process");
        init.Signal(10);
        Assert.Equal($"got USR1 {name}={value}", init.WaitForLine("got USR1"));
        Assert.Equal(7, init.WaitForExit());
    }
}
