using System.Collections.Generic;
using Init.Reaping;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Reaping;

public class ExitCodesTests
{
    [Fact]
    public void Success_codes_become_zero_after_the_signal_mapping()
    {
        var success = new HashSet<int> { 3, 143 };
        Assert.Equal(0, ExitCodes.ForCommand(ExitStatuses.Exited(3), success));
        Assert.Equal(0, ExitCodes.ForCommand(ExitStatuses.KilledBy(15), success));
        Assert.Equal(4, ExitCodes.ForCommand(ExitStatuses.Exited(4), success));
        Assert.Equal(137, ExitCodes.ForCommand(ExitStatuses.KilledBy(9), success));
    }
}
