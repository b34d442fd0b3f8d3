using System.Runtime.InteropServices;
using Init.Spawning;

namespace Init.Native;

/// <summary>src/Native/spawn_with_setup.c: a posix_spawn that also sets resource limits and switches user in the child.</summary>
internal static unsafe partial class SetupSpawn
{
    /// <summary>struct init_spawn_setup in spawn_with_setup.c, whose static assertions pin the same offsets and size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Request
    {
        public byte* File;
        public byte** Argv;
        public byte** Envp;
        public uint* Groups;
        public ResourceLimit* Limits;
        public ulong Mask;
        public ulong Ignored;
        public uint GroupCount;
        public uint LimitCount;
        public uint Uid;
        public uint Gid;
        public int SwitchUser;
        public int Tty;
        public Step FailedStep;
        public int Error;
        public int FailedLimit;
    }

    /// <summary>enum step in spawn_with_setup.c: what the child was doing when it failed (-1: the parent's own call).</summary>
    public enum Step
    {
        Execve,
        Setpgid,
        Tcsetpgrp,
        Prlimit,
        Setgroups,
        Setresgid,
        Setresuid,
        Capset,
    }

    /// <returns>0, or the errno of <see cref="Request.FailedStep"/>.</returns>
    [LibraryImport("spawn_with_setup")]
    public static partial int init_spawn_with_setup(Request* request, int* pid);
}
