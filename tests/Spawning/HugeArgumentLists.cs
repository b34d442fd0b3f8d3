using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// The command's argv is the kernel's, passed on whole, while the runtime is shown the init's
/// arguments only up to the word after the first `--` (src/Native/preinit.c).
/// </summary>
public class HugeArgumentLists
{
    [Theory, BothModes]
    public void Passes_100000_arguments_and_every_later_double_dash_unchanged(Mode mode)
    {
        string[] many = Enumerable.Range(0, 100_000).Select(i => i % 1000 == 0 ? "--" : "a" + i).ToArray();
        using var init = InitProcess.Start(mode, ["--", "sh", "-c", "echo \"count $# $1 $2 ${99999} ${100000}.\"", "sh", .. many]);
        Assert.Equal("count 100000 -- a1 a99998 a99999.", init.WaitForLine("count"));
        Assert.Equal(0, init.WaitForExit());
    }

    [Fact]
    public void Options_before_the_first_double_dash_still_apply()
    {
        using var init = InitProcess.Start(Mode.Plain, "-e", "3", "--", "sh", "-c", "echo \"args $*.\"; exit 3", "sh", "--", "-e", "4");
        Assert.Equal("args -- -e 4.", init.WaitForLine("args"));
        Assert.Equal(0, init.WaitForExit());
    }
}
