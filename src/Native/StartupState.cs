using System.Runtime.InteropServices;
using Init.Signals;

namespace Init.Native;

/// <summary>What src/Native/preinit.c recorded before the .NET runtime started and changed it.</summary>
internal static unsafe partial class StartupState
{
    /// <summary>struct init_startup in preinit.c, whose static assertions pin the same offsets and size.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    private struct Recorded
    {
        [FieldOffset(0)] public ulong Ignored;
        [FieldOffset(8)] public ulong Mask;
        [FieldOffset(16)] public int Parent;
        [FieldOffset(20)] public int SigRtMinFd;
        [FieldOffset(24)] public int MainStarted;
        [FieldOffset(28)] public int ArgumentCount;
        [FieldOffset(32)] public byte** Arguments;
        [FieldOffset(40)] public byte** Environment;
    }

    [LibraryImport("preinit")]
    private static partial Recorded* init_startup_state();

    private static Recorded* s_recorded;

    private static Recorded* Get => s_recorded != null ? s_recorded : s_recorded = init_startup_state();

    /// <summary>Tells preinit.c's exit check that the runtime did start.</summary>
    public static void MarkMainStarted() => Get->MainStarted = 1;

    /// <summary>Signals whose disposition was SIG_IGN when the init started.</summary>
    public static SignalSet Ignored => SignalSet.FromBits(Get->Ignored);

    /// <summary>The signal mask the init was started with.</summary>
    public static SignalSet Mask => SignalSet.FromBits(Get->Mask);

    /// <summary>getppid() when the init started.</summary>
    public static int ParentPid => Get->Parent;

    /// <summary>
    /// argv exactly as the kernel gave it, argv[0] included (Main's args[i] is argv[i + 1]);
    /// null if preinit.c did not record it.
    /// </summary>
    public static byte** Arguments(out int count)
    {
        count = Get->ArgumentCount;
        return Get->Arguments;
    }

    /// <summary>
    /// The environment exactly as the init was given it, byte for byte: DOTNET_* and COMPlus_*
    /// included, which preinit.c hid from the runtime. Null if preinit.c did not record it.
    /// </summary>
    public static byte** Environment => Get->Environment;

    /// <summary>The pipe preinit.c's SIGRTMIN handler writes one byte to per signal; -1 if it could not make one.</summary>
    public static int SigRtMinFd => Get->SigRtMinFd;
}
