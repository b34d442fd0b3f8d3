using System.IO;
using System.Text;
using Init.Lifecycle;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

public class TerminationLogTests
{
    [Fact]
    public void The_termination_message_is_cut_at_4096_bytes_between_characters()
    {
        Assert.Equal(4096, TerminationLog.Truncated(new string('x', 5000)).Length);
        // 'é' is two bytes in UTF-8: 4095 bytes of x leave no room for the whole of it.
        byte[] cut = TerminationLog.Truncated(new string('x', 4095) + "éé");
        Assert.Equal(4095, cut.Length);
        Assert.Equal(new string('x', 4095), Encoding.UTF8.GetString(cut));
        Assert.Equal("short", Encoding.UTF8.GetString(TerminationLog.Truncated("short")));
    }

    [Fact]
    public void A_long_reason_is_written_truncated_to_4096_bytes()
    {
        using var scratch = new Scratch();
        string dir = scratch.Path;
        string log = $"{dir}/termination-log";
        File.WriteAllText(log, "");
        TerminationLog.Write(log, new string('y', 10000));
        Assert.Equal(4096, new FileInfo(log).Length);
    }
}
