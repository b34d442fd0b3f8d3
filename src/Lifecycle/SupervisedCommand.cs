using Init.Logging;
using Init.Reaping;

namespace Init.Lifecycle;

/// <summary>A command the init started (the main one, or one given with --also), and how it ended once it has.</summary>
internal sealed class SupervisedCommand(int pid, string name)
{
    public int Pid { get; } = pid;

    public string Name { get; } = name;

    public ExitStatus? Status { get; set; }

    public override string ToString() => Text.Format($"'{Name}' (process {Pid})");
}
