using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Signals;

/// <summary>A sigset_t, as the kernel and glibc take it.</summary>
internal unsafe struct SignalSet
{
    private sigset_t _set;

    public static SignalSet Empty()
    {
        SignalSet s = default;
        sigemptyset(&s._set);
        return s;
    }

    public void Add(Signal signal)
    {
        fixed (sigset_t* p = &_set) sigaddset(p, signal.Number);
    }

    public readonly bool Contains(Signal signal)
    {
        sigset_t copy = _set;
        return sigismember(&copy, signal.Number) == 1;
    }

    /// <summary>The raw set, for P/Invokes that take a sigset_t*.</summary>
    public sigset_t Raw
    {
        readonly get => _set;
        set => _set = value;
    }
}
