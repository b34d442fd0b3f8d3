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

    /// <summary>The calling thread's signal mask.</summary>
    public static SignalSet OfThisThread()
    {
        var set = Empty();
        pthread_sigmask(SIG_BLOCK, null, &set._set);
        return set;
    }

    /// <summary>Signals 1 to 64 that are not in this set.</summary>
    public readonly SignalSet Complement()
    {
        var complement = Empty();
        for (int n = 1; n <= Signal.RealTimeMax; n++)
        {
            if (!Contains(new Signal(n))) complement.Add(new Signal(n));
        }
        return complement;
    }

    public readonly bool SetEquals(SignalSet other)
    {
        for (int n = 1; n <= Signal.RealTimeMax; n++)
        {
            if (Contains(new Signal(n)) != other.Contains(new Signal(n))) return false;
        }
        return true;
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

    /// <summary>The signals by number, for messages: "1-31 35-64".</summary>
    public override readonly string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (int n = 1; n <= Signal.RealTimeMax; n++)
        {
            if (!Contains(new Signal(n)) || (n > 1 && Contains(new Signal(n - 1)))) continue;
            int last = n;
            while (last < Signal.RealTimeMax && Contains(new Signal(last + 1))) last++;
            text.Append(text.Length > 0 ? " " : "").Append(n);
            if (last > n) text.Append('-').Append(last);
        }
        return text.ToString();
    }

    /// <summary>The raw set, for P/Invokes that take a sigset_t*.</summary>
    public readonly sigset_t Raw => _set;
}
