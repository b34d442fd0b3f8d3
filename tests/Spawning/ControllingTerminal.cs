using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>`docker run -it ... init -- bash`: the child owns the terminal, and Ctrl-C reaches it.</summary>
public class ControllingTerminal
{
    [Theory]
    [BothModes]
    public void The_child_is_the_terminals_foreground_group_and_ctrl_c_reaches_it(Mode mode)
    {
        const string child =
            "trap \"echo child got INT.; exit 0\" INT; " +
            "read -r _ _ _ _ pgrp _ _ tpgid _ < /proc/$$/stat; echo pgrp=$pgrp tpgid=$tpgid.; " +
            "echo ready.; " + Scripts.WaitForever;
        // script(1) runs the init on a new pseudo-terminal, as its controlling terminal and stdin.
        using var terminal = InitProcess.Around(
            $"exec script -qefc '{Scripts.Init(mode)} -vv -- bash -c '\\''{child}'\\' /dev/null");
        string ids = terminal.WaitForLine("pgrp=");
        terminal.WaitForLine("ready.");
        string[] parts = ids.Trim().TrimEnd('.').Split(' ');
        Assert.Equal(parts[0]["pgrp=".Length..], parts[1]["tpgid=".Length..]);

        terminal.Stdin.Write("\u0003"); // Ctrl-C: the terminal sends SIGINT to its foreground group
        terminal.WaitForLine("child got INT.");
        Assert.Equal(0, terminal.WaitForExit());
        // The init is not in the foreground group, so it did not receive (or forward) the SIGINT.
        Assert.DoesNotContain("forwarded SIGINT", string.Join("\n", terminal.Stdout));
    }
}
