using System.Collections.Generic;
using Init.Reaping;

namespace Init.Reaping;

/// <summary>Every exit code the init can end with: the command's own, and the init's documented ones.</summary>
internal static class ExitCodes
{
    /// <summary>
    /// The init itself failed: before the command started (a syscall it depends on was refused), or,
    /// after an unexpected failure, it could no longer learn the command's status.
    /// </summary>
    public const int InitFailed = 1;

    /// <summary>The command line or an environment variable was wrong; the command did not start.</summary>
    public const int UsageError = 2;

    /// <summary>The command was found but could not be executed (as a shell reports it).</summary>
    public const int CannotExecute = 126;

    /// <summary>There is no such command (as a shell reports it).</summary>
    public const int NotFound = 127;

    /// <summary>The command's exit code, or 128 + N when signal N killed it; codes in -e become 0.</summary>
    public static int ForCommand(ExitStatus status, IReadOnlySet<int> successCodes)
    {
        int code = status.ShellCode;
        return successCodes.Contains(code) ? 0 : code;
    }
}
