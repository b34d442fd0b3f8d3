using System;
using Init.Native;
using Init.Reaping;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// A command could not be started: not found (127) or not executable (126), as a shell reports it, or the
/// init could not start a process at all (<see cref="ExitCodes.InitFailed"/>: no process or memory left).
/// </summary>
internal sealed class SpawnFailure : Exception
{
    private SpawnFailure(string message, int exitCode) : base(message) => ExitCode = exitCode;

    /// <summary>The init's exit code for it.</summary>
    public int ExitCode { get; }

    /// <summary>The failure posix_spawn reported, as what it is: the command's fault (126, 127) or the init's own (1), such as EAGAIN or ENOMEM.</summary>
    public static SpawnFailure For(string command, int errno)
    {
        string message = $"cannot run '{command}': {Errno.Describe(errno)}";
        if (errno == ENOENT || errno == ENOTDIR) return new SpawnFailure(message, ExitCodes.NotFound);
        return new SpawnFailure(message, IsNotExecutable(errno) ? ExitCodes.CannotExecute : ExitCodes.InitFailed);
    }
    /// <summary>execve's answers for a file that exists but that the kernel will not run.</summary>
    private static bool IsNotExecutable(int errno) =>
        errno == EACCES || errno == EPERM || errno == EISDIR || errno == ENOEXEC || errno == ETXTBSY ||
        errno == ELOOP || errno == ENAMETOOLONG || errno == ELIBBAD || errno == E2BIG || errno == EINVAL;
}
