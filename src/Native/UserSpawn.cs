using System.Runtime.InteropServices;

namespace Init.Native;

/// <summary>src/Native/spawn_as_user.c: a posix_spawn that also switches user in the child.</summary>
internal static unsafe partial class UserSpawn
{
    /// <summary>struct init_user_spawn in spawn_as_user.c.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Request
    {
        public byte* File;
        public byte** Argv;
        public byte** Envp;
        public uint* Groups;
        public ulong Mask;
        public ulong Ignored;
        public uint GroupCount;
        public uint Uid;
        public uint Gid;
        public int Tty;
        public Step FailedStep;
        public int Error;
    }

    /// <summary>enum step in spawn_as_user.c: what the child was doing when it failed.</summary>
    public enum Step
    {
        Clone = -1,
        Execve,
        Setpgid,
        Tcsetpgrp,
        Setgroups,
        Setresgid,
        Setresuid,
        Capset,
    }

    /// <returns>0, or the errno of <see cref="Request.FailedStep"/>.</returns>
    [LibraryImport("spawn_as_user")]
    public static partial int init_spawn_as_user(Request* request, int* pid);
}
