using System;

namespace Init;

/// <summary>The init itself cannot go on (a failed syscall it depends on). Exit code 1.</summary>
internal sealed class InitFailure(string message) : Exception(message);
