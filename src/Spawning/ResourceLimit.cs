using System.Globalization;
using System.Runtime.InteropServices;

namespace Init.Spawning;

/// <summary>
/// A resource limit a command starts with (--rlimit), as the kernel takes it: struct
/// init_resource_limit in src/Native/spawn_with_setup.c.
/// </summary>
/// <param name="Resource">RLIMIT_*: the same numbers on x86-64 and arm64 (asm-generic).</param>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct ResourceLimit(int Resource, ulong Soft, ulong Hard)
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Unlimited = ulong.MaxValue;

    /// <summary>prlimit(1)'s names, indexed by RLIMIT_* number.</summary>
    public static readonly string[] Names =
        ["cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile", "memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime"];

    public const int NoFile = 7;

    public string Name => Names[Resource];

    public static string Format(ulong value) => value == Unlimited ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => $"{Name}={Format(Soft)}:{Format(Hard)}";
}
