namespace Init.Tests.Harness;

/// <summary>How the init under test is started.</summary>
public enum Mode
{
    /// <summary>PID 1 of a fresh PID namespace: `unshare --pid --fork --mount-proc init ...`.</summary>
    Pid1,

    /// <summary>An ordinary process, as in a Kubernetes pod with a shared PID namespace.</summary>
    Plain,
}
