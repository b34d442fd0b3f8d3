using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Init.Signals;
using Xunit;

namespace Init.Tests.Signals;

public class SignalRolesTests
{
    [Fact]
    public void Forwards_every_catchable_signal_but_the_documented_exceptions()
    {
        int[] notForwarded = [9, 19, 17, 11, 7, 8, 4, 6, 5, 31, 21, 22, 32, 33];
        for (int n = 1; n <= 64; n++)
            Assert.Equal(System.Array.IndexOf(notForwarded, n) < 0, SignalRoles.IsForwarded(new Signal(n)));
    }

    [Fact]
    public void Blocks_chld_ttin_ttou_but_not_the_runtime_or_fault_signals()
    {
        var blocked = SignalRoles.Blocked();
        foreach (int n in new[] { 17, 21, 22, 1, 2, 15, 20, 35, 64 }) Assert.True(blocked.Contains(new Signal(n)), n.ToString());
        foreach (int n in new[] { 9, 19, 11, 8, 7, 4, 6, 5, 31, 32, 33, 34 }) Assert.False(blocked.Contains(new Signal(n)), n.ToString());
    }

    /// <summary>preinit.c blocks the signals before the runtime starts; the init reads what SignalRoles says is blocked.</summary>
    [Fact]
    public void Preinit_leaves_unblocked_exactly_the_signals_SignalRoles_names()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Native", "preinit.c"));
        var list = Regex.Match(source, @"const int not_blocked\[\] = \{(?<names>[^}]*)\}");
        Assert.True(list.Success, "preinit.c no longer has its not_blocked[] list");
        var inC = list.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Signal.TryParse(name, allowZero: false, out var signal) ? signal.Number : throw new FormatException(name))
            .Order();
        Assert.Equal(SignalRoles.NeverBlocked.ToArray().Select(s => s.Number).Order(), inC);
    }

    [Theory]
    [InlineData(34, true)] // received through preinit.c's handler, not the signalfd
    [InlineData(10, true)]
    [InlineData(9, true)] // KILL and STOP act on the init itself, as with tini
    [InlineData(19, true)]
    [InlineData(32, false)] // glibc's own
    [InlineData(33, false)]
    [InlineData(11, false)] // the runtime's
    [InlineData(8, false)]
    public void A_parent_death_signal_must_be_one_the_init_receives(int number, bool accepted) =>
        Assert.Equal(accepted, SignalRoles.CanBeParentDeathSignal(new Signal(number)));
}
