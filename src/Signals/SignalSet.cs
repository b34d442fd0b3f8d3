using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>A sigset_t, as the kernel and glibc take it.</summary>
/// <remarks>
/// Bits are set directly (signal N is bit N-1 of an array of unsigned longs, the kernel's layout)
/// because glibc's sigaddset refuses its own signals 32 and 33, which posix_spawn must be told to
/// reset to default in the child.
/// </remarks>
internal unsafe struct SignalSet
{
    private const int BitsPerWord = 64;
    private sigset_t _set;

    public static SignalSet Empty() => default;

    /// <summary>Signals 1 to 64 from a bit mask (bit n-1 is signal n), as preinit.c records them.</summary>
    public static SignalSet FromBits(ulong bits)
    {
        var set = Empty();
        ((ulong*)&set._set)[0] = bits;
        return set;
    }

    /// <summary>Signals 1 to 64 as a bit mask (bit n-1 is signal n): <see cref="FromBits"/>'s inverse.</summary>
    public readonly ulong Bits
    {
        get
        {
            sigset_t copy = _set;
            return ((ulong*)&copy)[0];
        }
    }

    /// <summary>Signals 1 to 64 that are not in this set.</summary>
    public readonly SignalSet Complement()
    {
        var complement = Empty();
        foreach (var signal in Signal.All)
        {
            if (!Contains(signal)) complement.Add(signal);
        }
        return complement;
    }

    public void Add(Signal signal)
    {
        fixed (sigset_t* p = &_set)
        {
            ((ulong*)p)[(signal.Number - 1) / BitsPerWord] |= 1UL << ((signal.Number - 1) % BitsPerWord);
        }
    }

    public readonly bool Contains(Signal signal)
    {
        sigset_t copy = _set;
        return (((ulong*)&copy)[(signal.Number - 1) / BitsPerWord] & (1UL << ((signal.Number - 1) % BitsPerWord))) != 0;
    }

    /// <summary>The raw set, for P/Invokes that take a sigset_t*.</summary>
    public readonly sigset_t Raw => _set;
}
