using System;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>The command could not be started; carries the shell's exit code for the reason.</summary>
internal sealed class SpawnFailure(string command, int errno) : Exception(
    $"cannot run '{command}': {Errno.Describe(errno)}")
{
    /// <summary>127 when there is no such command (as a shell reports it), 126 when it cannot be executed.</summary>
    public int ExitCode => errno == ENOENT || errno == ENOTDIR ? Lifecycle.ExitCodes.NotFound : Lifecycle.ExitCodes.CannotExecute;
}
