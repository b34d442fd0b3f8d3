using System;
using System.Runtime.InteropServices;
using System.Text;
using Init.Native;
using Tmds.Linux;

namespace Init.Spawning;

/// <summary>Starts the child described by a <see cref="ChildSpec"/> with posix_spawnp.</summary>
/// <remarks>
/// fork() is unsafe in a multithreaded runtime: the child would run managed code (GC, lazily bound
/// P/Invokes, locks held by other threads) before exec. glibc's posix_spawn does the whole child side
/// in C, on a vfork-style clone that shares our memory until execve, and returns exec's errno to us.
/// </remarks>
internal static unsafe class ChildSpawner
{
    /// <returns>The child's pid.</returns>
    /// <exception cref="SpawnFailure">The command could not be found or executed.</exception>
    public static int Spawn(ChildSpec spec)
    {
        byte** argv = ToNativeArray(spec.Arguments);
        byte** envp = ToNativeArray(spec.Environment);
        byte* attr = stackalloc byte[PosixSpawn.AttrSize];
        byte* actions = stackalloc byte[PosixSpawn.FileActionsSize];
        Check(PosixSpawn.posix_spawnattr_init(attr), "posix_spawnattr_init");
        Check(PosixSpawn.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try
        {
            sigset_t mask = spec.SignalMask.Raw;
            sigset_t defaults = spec.ResetToDefault.Raw;
            Check(PosixSpawn.posix_spawnattr_setsigmask(attr, &mask), "posix_spawnattr_setsigmask");
            Check(PosixSpawn.posix_spawnattr_setsigdefault(attr, &defaults), "posix_spawnattr_setsigdefault");
            Check(PosixSpawn.posix_spawnattr_setpgroup(attr, 0), "posix_spawnattr_setpgroup");
            Check(PosixSpawn.posix_spawnattr_setflags(attr,
                PosixSpawn.POSIX_SPAWN_SETPGROUP | PosixSpawn.POSIX_SPAWN_SETSIGMASK | PosixSpawn.POSIX_SPAWN_SETSIGDEF),
                "posix_spawnattr_setflags");
            // glibc joins the new group first and calls tcsetpgrp with every signal blocked, so the
            // child (still in the background at that moment) is not stopped by SIGTTOU.
            if (spec.ForegroundTerminal is int tty)
                Check(PosixSpawn.posix_spawn_file_actions_addtcsetpgrp_np(actions, tty), "posix_spawn_file_actions_addtcsetpgrp_np");

            int pid, error;
            using (new InheritedIgnores(spec.Ignored))
                error = PosixSpawn.posix_spawnp(&pid, argv[0], actions, attr, argv, envp);
            if (error != 0) throw new SpawnFailure(Encoding.UTF8.GetString(spec.Arguments[0]), error);
            return pid;
        }
        finally
        {
            PosixSpawn.posix_spawn_file_actions_destroy(actions);
            PosixSpawn.posix_spawnattr_destroy(attr);
            FreeNativeArray(argv);
            FreeNativeArray(envp);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0) throw new InitFailure(call + ": " + Errno.Describe(error));
    }

    /// <summary>A NULL-terminated array of NUL-terminated strings, as execve takes them.</summary>
    private static byte** ToNativeArray(byte[][] strings)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(strings.Length + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < strings.Length; i++)
        {
            var s = (byte*)NativeMemory.Alloc((nuint)strings[i].Length + 1);
            strings[i].CopyTo(new Span<byte>(s, strings[i].Length));
            s[strings[i].Length] = 0;
            array[i] = s;
        }
        array[strings.Length] = null;
        return array;
    }

    private static void FreeNativeArray(byte** array)
    {
        for (byte** p = array; *p != null; p++) NativeMemory.Free(*p);
        NativeMemory.Free(array);
    }
}
