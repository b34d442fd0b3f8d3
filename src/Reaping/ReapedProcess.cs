namespace Init.Reaping;

/// <summary>A child that has ended, and how.</summary>
internal readonly record struct ReapedProcess(int Pid, ExitStatus Status);
