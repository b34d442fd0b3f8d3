using System.Collections.Generic;
using Init.Reaping;

namespace Init.Lifecycle;

/// <summary>The init's exit codes: the command's status, and the init's own documented ones.</summary>
internal static class ExitCode
{
    /// <summary>The init itself failed (a syscall it depends on); it could not run or supervise the command.</summary>
    public const int InitFailed = 1;

    /// <summary>The command's exit code, or 128 + N when signal N killed it; codes in -e become 0.</summary>
    public static int ForCommand(ExitStatus status, IReadOnlySet<int> successCodes)
    {
        int code = status.ShellCode;
        return successCodes.Contains(code) ? 0 : code;
    }
}
