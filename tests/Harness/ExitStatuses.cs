using Init.Reaping;

namespace Init.Tests.Harness;

/// <summary>Wait statuses as the kernel encodes them, for tests of what the init makes of them.</summary>
internal static class ExitStatuses
{
    public static ExitStatus Exited(int code) => new((code & 0xff) << 8);

    public static ExitStatus KilledBy(int signal) => new(signal & 0x7f);
}
