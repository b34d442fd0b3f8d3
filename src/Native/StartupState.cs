using System.Runtime.InteropServices;
using Init.Signals;

namespace Init.Native;

/// <summary>What src/Native/preinit.c recorded before the .NET runtime started and changed it.</summary>
internal static unsafe partial class StartupState
{
    /// <summary>struct init_startup in preinit.c.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Recorded
    {
        public ulong Ignored;
        public ulong Mask;
        public int Parent;
        public int SigRtMinFd;
        public int MainStarted;
        public int ArgumentCount;
        public byte** Arguments;
        public byte** Environment;
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
