using System;
using System.Globalization;

namespace Init.Signals;

/// <summary>A Linux signal number, with the names users write for it.</summary>
internal readonly record struct Signal(int Number)
{
    // glibc keeps 32 and 33 for itself, so its SIGRTMIN is 34; the kernel's SIGRTMAX is 64.
    public const int RealTimeMin = 34;
    public const int RealTimeMax = 64;

    public static readonly Signal SIGHUP = new(1);
    public static readonly Signal SIGINT = new(2);
    public static readonly Signal SIGQUIT = new(3);
    public static readonly Signal SIGILL = new(4);
    public static readonly Signal SIGTRAP = new(5);
    public static readonly Signal SIGABRT = new(6);
    public static readonly Signal SIGBUS = new(7);
    public static readonly Signal SIGFPE = new(8);
    public static readonly Signal SIGKILL = new(9);
    public static readonly Signal SIGUSR1 = new(10);
    public static readonly Signal SIGSEGV = new(11);
    public static readonly Signal SIGUSR2 = new(12);
    public static readonly Signal SIGTERM = new(15);
    public static readonly Signal SIGCHLD = new(17);
    public static readonly Signal SIGSTOP = new(19);
    public static readonly Signal SIGTTIN = new(21);
    public static readonly Signal SIGTTOU = new(22);
    public static readonly Signal SIGSYS = new(31);
    public static readonly Signal SIGRTMIN = new(RealTimeMin);

    /// <summary>Every signal the kernel numbers, 1 to 64, in order: the one way the init goes over them all.</summary>
    public static ReadOnlySpan<Signal> All => Numbered;

    private static readonly Signal[] Numbered = Enumerate();

    // Index = signal number; the x86-64 and arm64 numbering (asm-generic) is the same for 1..31.
    private static readonly string[] StandardNames =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    // Other names the kernel headers give to the same numbers.
    private static readonly (string Name, int Number)[] Aliases =
    [
        ("IOT", 6), ("CLD", 17), ("POLL", 29), ("UNUSED", 31),
    ];

    public bool IsRealTime => Number >= RealTimeMin && Number <= RealTimeMax;

    public string Name
    {
        get
        {
            if (Number > 0 && Number < StandardNames.Length) return "SIG" + StandardNames[Number];
            if (Number == RealTimeMin) return "SIGRTMIN";
            if (Number == RealTimeMax) return "SIGRTMAX";
            if (IsRealTime)
            {
                return Number - RealTimeMin <= RealTimeMax - Number
                    ? "SIGRTMIN+" + (Number - RealTimeMin).ToString(CultureInfo.InvariantCulture)
                    : "SIGRTMAX-" + (RealTimeMax - Number).ToString(CultureInfo.InvariantCulture);
            }
            return Number.ToString(CultureInfo.InvariantCulture);
        }
    }

    public override string ToString() => Name;

    /// <summary>
    /// Accepts <c>SIGTERM</c>, <c>TERM</c>, <c>term</c>, <c>15</c>, <c>SIGRTMIN+3</c>, <c>RTMAX-1</c>.
    /// Number 0 is accepted only when <paramref name="allowZero"/> (it means "no signal").
    /// </summary>
    public static bool TryParse(string text, bool allowZero, out Signal signal)
    {
        signal = default;
        string s = text.Trim().ToUpperInvariant();
        if (s.Length == 0) return false;

        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            if (number > RealTimeMax || (number == 0 && !allowZero)) return false;
            signal = new Signal(number);
            return true;
        }

        if (s.StartsWith("SIG", StringComparison.Ordinal)) s = s[3..];

        int index = Array.IndexOf(StandardNames, s);
        if (index > 0)
        {
            signal = new Signal(index);
            return true;
        }
        foreach (var (name, aliasNumber) in Aliases)
        {
            if (name == s)
            {
                signal = new Signal(aliasNumber);
                return true;
            }
        }
        return TryParseRealTime(s, out signal);
    }

    private static bool TryParseRealTime(string s, out Signal signal)
    {
        signal = default;
        int baseNumber, direction;
        if (s.StartsWith("RTMIN", StringComparison.Ordinal)) (baseNumber, direction) = (RealTimeMin, +1);
        else if (s.StartsWith("RTMAX", StringComparison.Ordinal)) (baseNumber, direction) = (RealTimeMax, -1);
        else return false;

        string rest = s[5..];
        int offset = 0;
        if (rest.Length > 0)
        {
            char sign = direction > 0 ? '+' : '-';
            if (rest[0] != sign) return false;
            if (!int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset)) return false;
        }
        int number = baseNumber + direction * offset;
        if (number < RealTimeMin || number > RealTimeMax) return false;
        signal = new Signal(number);
        return true;
    }

    private static Signal[] Enumerate()
    {
        var all = new Signal[RealTimeMax];
        for (int n = 1; n <= RealTimeMax; n++) all[n - 1] = new Signal(n);
        return all;
    }
}
