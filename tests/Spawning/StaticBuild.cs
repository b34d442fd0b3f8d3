using System.Diagnostics;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>The static build needs nothing from the image: it runs in a root that holds only itself.</summary>
public class StaticBuild
{
    private static (int Code, string Stderr) RunInEmptyRoot(params string[] args)
    {
        using var scratch = new Scratch("empty-root");
        string root = scratch.Path;
        File.Copy(InitBinary.StaticPath, Path.Combine(root, "init"));
        var start = new ProcessStartInfo("chroot") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { root, "/init" }) start.ArgumentList.Add(a);
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }

    [Fact]
    public void Runs_a_command_in_a_root_with_no_libc()
    {
        // The only program in there is the init itself, so it runs itself as the command.
        var (code, stderr) = RunInEmptyRoot("-vv", "--", "/init", "-e", "5", "/missing");
        Assert.Equal(127, code);
        Assert.Contains("init: cannot run '/missing': No such file or directory", stderr);
        Assert.Contains("init: started '/init' as process", stderr);
    }

    [Fact]
    public void Reports_exec_failure_in_a_root_with_no_libc()
    {
        var (code, stderr) = RunInEmptyRoot("/bin/sh");
        Assert.Equal(127, code);
        Assert.Contains("cannot run '/bin/sh'", stderr);
    }
}
