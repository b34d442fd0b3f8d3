using System;
using System.Runtime.InteropServices;
using System.Text;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>Starts the child described by a <see cref="ChildSpec"/> with posix_spawnp (or, with --user, its twin in C).</summary>
/// <remarks>
/// fork() is unsafe in a multithreaded runtime: the child would run managed code (GC, lazily bound
/// P/Invokes, locks held by other threads) before exec. glibc's posix_spawn does the whole child side
/// in C, on a vfork-style clone that shares our memory until execve, and returns exec's errno to us.
/// </remarks>
internal static unsafe class ChildSpawner
{
    /// <summary>execvp's rule for a file the kernel cannot run: hand it to the shell.</summary>
    private static ReadOnlySpan<byte> Shell => "/bin/sh\0"u8;

    /// <returns>The child's pid.</returns>
    /// <exception cref="SpawnFailure">The command could not be found or executed, or no process could be started (EAGAIN, ENOMEM).</exception>
    /// <exception cref="InitFailure">The spawn could not be prepared, or the child could not switch user.</exception>
    public static int Spawn(ChildSpec spec)
    {
        if (spec.User is TargetUser user) return SpawnAs(user, spec);
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

            // Signals ignored when the init started but caught by the runtime now are ignored again for
            // the spawns alone (see InheritedIgnores): posix_spawn can reset a signal, not ignore it.
            int pid, error;
            using (new InheritedIgnores(spec.Ignored))
            {
                var process = new Launcher(actions, attr, spec.Environment.Pointers);
                error = process.Start(spec.Arguments.Pointers[0], spec.Arguments.Pointers, out pid);
                // glibc 2.26+ dropped execvp's fallback from posix_spawnp: a script without "#!" fails with
                // ENOEXEC where execvp (tini, dumb-init, catatonit, every shell) runs it with /bin/sh.
                if (error == ENOEXEC) error = StartScript(process, spec, out pid);
            }
            if (error != 0) throw SpawnFailure.For(Encoding.UTF8.GetString(spec.Arguments[0]), error);
            return pid;
        }
        finally
        {
            PosixSpawn.posix_spawn_file_actions_destroy(actions);
            PosixSpawn.posix_spawnattr_destroy(attr);
        }
    }

    /// <summary>
    /// Searches PATH as execvp does and runs `/bin/sh FILE ARGS...` for a file the kernel refuses with
    /// ENOEXEC (after posix_spawnp refused one; from the start for --user). Entries execvp skips
    /// (missing, not searchable) are skipped; any other answer ends the search.
    /// </summary>
    private static int StartScript<TLauncher>(TLauncher process, ChildSpec spec, out int pid) where TLauncher : ILauncher
    {
        pid = 0;
        int error = ENOENT;
        bool denied = false;
        byte** argv = spec.Arguments.Pointers;
        foreach (byte[] candidate in PathSearch.Candidates(spec.Arguments[0].ToArray(), spec.Environment))
        {
            fixed (byte* file = (byte[])[.. candidate, 0])
            {
                error = process.Start(file, argv, out pid);
                if (error == ENOEXEC) return StartWithShell(process, file, argv, out pid);
            }
            if (error == EACCES) denied = true;
            else if (!PathSearch.SkipsPast(error)) return error;
        }
        return denied ? EACCES : error;
    }

    /// <summary>`/bin/sh FILE ARGS...`: argv[0] replaced by the shell and the file, the arguments' own pointers after them.</summary>
    private static int StartWithShell<TLauncher>(TLauncher process, byte* file, byte** argv, out int pid) where TLauncher : ILauncher
    {
        int count = new ExecStrings(argv).Count;
        var viaShell = (byte**)NativeMemory.Alloc((nuint)count + 2, (nuint)sizeof(byte*));
        try
        {
            fixed (byte* shell = Shell)
            {
                viaShell[0] = shell;
                viaShell[1] = file;
                for (int i = 1; i <= count; i++) viaShell[i + 1] = argv[i];
                // Without a shell (an image FROM scratch), the file's own error is the one to report.
                return process.Start(shell, viaShell, out pid) == 0 ? 0 : ENOEXEC;
            }
        }
        finally
        {
            NativeMemory.Free(viaShell);
        }
    }

    /// <summary>Starts one file with the argv given; returns 0 or exec's errno.</summary>
    private interface ILauncher
    {
        int Start(byte* file, byte** argv, out int pid);
    }

    /// <summary>posix_spawnp with the attributes and environment every attempt shares (a file with a '/' is not searched for).</summary>
    private readonly struct Launcher(void* actions, void* attr, byte** envp) : ILauncher
    {
        public int Start(byte* file, byte** argv, out int pid)
        {
            int child;
            int error = PosixSpawn.posix_spawnp(&child, file, actions, attr, argv, envp);
            pid = child;
            return error;
        }
    }

    // ---- --user only: runs without --user never come here (their start-up stays posix_spawn's). ----

    /// <summary>
    /// The spawn of <see cref="Spawn"/>, but the child also takes <paramref name="user"/>'s groups, gid
    /// and uid before exec: src/Native/spawn_as_user.c, as posix_spawn has no attribute for it.
    /// </summary>
    private static int SpawnAs(TargetUser user, ChildSpec spec)
    {
        int error = StartScript(new UserLauncher(user, spec), spec, out int pid);
        if (error != 0) throw SpawnFailure.For(Encoding.UTF8.GetString(spec.Arguments[0]), error);
        return pid;
    }

    /// <summary>One attempt of the search: the child switches user, then execs exactly this file.</summary>
    private readonly struct UserLauncher(TargetUser user, ChildSpec spec) : ILauncher
    {
        /// <exception cref="InitFailure">A step before exec failed: nothing was run, with any privileges.</exception>
        public int Start(byte* file, byte** argv, out int pid)
        {
            fixed (uint* groups = user.Groups)
            {
                var request = new UserSpawn.Request
                {
                    File = file,
                    Argv = argv,
                    Envp = spec.Environment.Pointers,
                    Groups = groups,
                    GroupCount = (uint)user.Groups.Length,
                    Uid = user.Uid,
                    Gid = user.Gid,
                    Mask = spec.SignalMask.Bits,
                    Ignored = spec.Ignored.Bits,
                    Tty = spec.ForegroundTerminal ?? -1,
                };
                int child;
                int error = UserSpawn.init_spawn_as_user(&request, &child);
                pid = child;
                if (error != 0 && request.FailedStep > UserSpawn.Step.Execve)
                {
                    throw new InitFailure($"cannot run '{Encoding.UTF8.GetString(spec.Arguments[0])}' as '{user.Spec}': " +
                        $"{request.FailedStep.ToString().ToLowerInvariant()}: {Errno.Describe(error)}");
                }
                return error;
            }
        }
    }

    // ---- end of --user ----

    private static void Check(int error, string call)
    {
        if (error != 0) throw new InitFailure(call + ": " + Errno.Describe(error));
    }
}
