using System;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>The command was not found (127) or was found but cannot be executed (126), as a shell reports it.</summary>
internal sealed class SpawnFailure : Exception
{
    private SpawnFailure(string message, int exitCode) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>
    /// The failure posix_spawn reported, as what it is: the command's fault (126, 127) or the init's own
    /// (<see cref="InitFailure"/>, exit 1), such as no process or memory left (EAGAIN, ENOMEM).
    /// </summary>
    public static Exception For(string command, int errno)
    {
        string message = $"cannot run '{command}': {Errno.Describe(errno)}";
        if (errno == ENOENT || errno == ENOTDIR) return new SpawnFailure(message, Reaping.ExitCodes.NotFound);
        return IsNotExecutable(errno) ? new SpawnFailure(message, Reaping.ExitCodes.CannotExecute) : new InitFailure(message);
    }

    /// <summary>execve's answers for a file that exists but that the kernel will not run.</summary>
    private static bool IsNotExecutable(int errno) =>
        errno == EACCES || errno == EPERM || errno == EISDIR || errno == ENOEXEC || errno == ETXTBSY ||
        errno == ELOOP || errno == ENAMETOOLONG || errno == ELIBBAD || errno == E2BIG || errno == EINVAL;
}
