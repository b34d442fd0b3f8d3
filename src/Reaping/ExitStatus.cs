using Init.Logging;

namespace Init.Reaping;

/// <summary>How a process ended, decoded from a wait status.</summary>
internal readonly record struct ExitStatus(int RawWaitStatus)
{
    public bool Exited => (RawWaitStatus & 0x7f) == 0;

    public bool Signaled => !Exited && ((RawWaitStatus & 0x7f) != 0x7f) && ((RawWaitStatus & 0xffff) != 0xffff);

    /// <summary>The exit code, when <see cref="Exited"/>.</summary>
    public int Code => (RawWaitStatus >> 8) & 0xff;

    /// <summary>The signal that killed it, when <see cref="Signaled"/>.</summary>
    public int TermSignal => RawWaitStatus & 0x7f;

    /// <summary>WCOREDUMP: the kernel wrote a core dump as the signal killed it.</summary>
    public bool CoreDumped => Signaled && (RawWaitStatus & 0x80) != 0;

    /// <summary>What a shell reports: the exit code, or 128 + the signal number.</summary>
    public int ShellCode => Signaled ? 128 + TermSignal : Code;

    public override string ToString() =>
        Signaled ? Text.Format($"killed by {new Signals.Signal(TermSignal)}{(CoreDumped ? " (core dumped)" : "")}") : Text.Format($"exited with {Code}");
}
