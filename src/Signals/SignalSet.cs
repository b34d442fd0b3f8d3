using Tmds.Linux;

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

    public void Add(Signal signal)
    {
        fixed (sigset_t* p = &_set)
        {
            ((ulong*)p)[(signal.Number - 1) / BitsPerWord] |= 1UL << ((signal.Number - 1) % BitsPerWord);
        }
    }

    /// <summary>The raw set, for P/Invokes that take a sigset_t*.</summary>
    public sigset_t Raw
    {
        readonly get => _set;
        set => _set = value;
    }
}
