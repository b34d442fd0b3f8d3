using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class ParentDeathTests
{
    [Fact]
    public void With_p_the_parents_death_sends_the_signal_which_is_forwarded_to_the_child()
    {
        // The shell starts the init in the background and exits when the test closes its stdin.
        using var parent = InitProcess.Around(
            "\"$INIT\" -p SIGUSR1 -- bash -c 'trap \"kill \\$s; echo got USR1.; exit 0\" USR1; echo ready.; " + Scripts.WaitForever + "' & read -r _");
        parent.WaitForLine("ready.");
        parent.Stdin.Close();
        parent.WaitForLine("got USR1.");
    }
}
