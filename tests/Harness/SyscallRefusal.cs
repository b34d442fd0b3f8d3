using System;
using System.IO;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// tests/Harness/refuse-syscalls.c, compiled once per run (into the run's scratch directory) with the machine's C compiler: it execs
/// the init under a seccomp filter that answers chosen syscalls with EPERM or ENOSYS, as restrictive
/// container profiles do.
/// </summary>
public static class SyscallRefusal
{
    private static readonly Lazy<string> s_helper = new(Compile);

    /// <summary>A wrapper for <see cref="InitProcess.StartWrapped"/>; <paramref name="rules"/> is "pidfd_open=EPERM,...".</summary>
    public static string[] Wrapper(string rules) => [s_helper.Value, rules];

    private static string Compile()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Harness", "refuse-syscalls.c");
        string binary = Path.Combine(Scratch.RunDirectory, "refuse-syscalls");
        var (code, _, stderr) = Shell.Run($"cc -O -o '{binary}' '{source}'");
        Assert.True(code == 0, "cannot compile refuse-syscalls.c: " + stderr);
        return binary;
    }
}
