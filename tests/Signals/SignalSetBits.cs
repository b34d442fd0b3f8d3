using Init.Signals;
using Tmds.Linux;

namespace Init.Tests.Signals;

/// <summary>Reads a <see cref="SignalSet"/> back in the kernel's layout (signal N is bit N-1).</summary>
internal static unsafe class SignalSetBits
{
    public static bool Has(this SignalSet set, Signal signal)
    {
        sigset_t raw = set.Raw;
        return ((((ulong*)&raw)[(signal.Number - 1) / 64]) & (1UL << ((signal.Number - 1) % 64))) != 0;
    }
}
