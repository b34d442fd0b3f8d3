using System.Threading.Tasks;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class ExitStatusPassThrough
{
    [Theory]
    [BothModes]
    public void Exits_with_every_exit_code_of_the_command(Mode mode)
    {
        Parallel.For(0, 256, new ParallelOptions { MaxDegreeOfParallelism = 4 }, code =>
        {
            using var init = InitProcess.Start(mode, "--", "sh", "-c", $"exit {code}");
            Assert.Equal(code, init.WaitForExit());
        });
    }

    [Theory]
    [BothModes(15)]
    [BothModes(9)]
    [InlineData(Mode.Pid1, 11)]
    [BothModes(10)]
    [InlineData(Mode.Plain, 6)]
    public void Exits_with_128_plus_the_signal_that_killed_the_command(Mode mode, int signal)
    {
        using var init = InitProcess.Start(mode, "--", "sh", "-c", $"kill -{signal} $$");
        Assert.Equal(128 + signal, init.WaitForExit());
    }

    [Theory]
    [BothModes]
    public void Expected_exit_codes_become_zero(Mode mode)
    {
        using (var remapped = InitProcess.Start(mode, "-e", "3", "-e", "143", "sh", "-c", "exit 3"))
            Assert.Equal(0, remapped.WaitForExit());
        using (var signalDeath = InitProcess.Start(mode, "-e", "143", "sh", "-c", "kill -TERM $$"))
            Assert.Equal(0, signalDeath.WaitForExit());
        using (var other = InitProcess.Start(mode, "-e", "3", "sh", "-c", "exit 4"))
            Assert.Equal(4, other.WaitForExit());
    }
}
