using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>&lt;spawn.h&gt;: glibc's posix_spawn, which Tmds.LibC does not bind.</summary>
/// <remarks>
/// glibc does every child-side step (process group, terminal, signal mask and dispositions) inside
/// libc between its clone(CLONE_VM|CLONE_VFORK) and execve, so no managed code runs in the child.
/// </remarks>
internal static unsafe partial class PosixSpawn
{
    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 bytes on 64-bit
    // targets; callers reserve more so a larger libc layout cannot overrun them.
    public const int AttrSize = 512;
    public const int FileActionsSize = 256;

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnp(int* pid, byte* file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setsigmask(void* attr, Tmds.Linux.sigset_t* mask);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawnattr_setsigdefault(void* attr, Tmds.Linux.sigset_t* signals);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    /// <summary>glibc 2.35+: the child calls tcsetpgrp(fd, its own group) before exec.</summary>
    [LibraryImport("libc.so.6")]
    public static partial int posix_spawn_file_actions_addtcsetpgrp_np(void* fileActions, int fd);
}
