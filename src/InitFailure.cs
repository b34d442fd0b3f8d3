using System;

namespace Init;

/// <summary>The init cannot start the command (a syscall it depends on failed): <see cref="Reaping.ExitCodes.InitFailed"/>.</summary>
internal sealed class InitFailure(string message) : Exception(message);
