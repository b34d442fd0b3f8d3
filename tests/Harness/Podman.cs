using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// Real containers with podman + runc: images built FROM scratch with the static init and
/// busybox-static, no registry needed.
/// </summary>
public static class Podman
{
    /// <summary>busybox at /bin with its applets linked, and the init at /usr/local/bin/init as ENTRYPOINT.</summary>
    public const string Image = "localhost/init-tests:latest";

    /// <summary>The same busybox without the init: for `podman run --init --init-path`.</summary>
    public const string BareImage = "localhost/init-tests-bare:latest";

    /// <summary>Why podman cannot run containers here, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    private static readonly Lazy<bool> s_images = new(BuildImages);

    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InitProcess.Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"podman {string.Join(' ', args)} did not finish");
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs podman and fails the test unless it exits 0; returns its stdout.</summary>
    public static string Ok(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.True(code == 0, $"podman {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Builds the test images once per test run.</summary>
    public static void EnsureImages() => _ = s_images.Value;

    private static bool BuildImages()
    {
        string context = Directory.CreateTempSubdirectory("init-image-").FullName;
        File.Copy(InitBinary.StaticPath, Path.Combine(context, "init"));
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        const string busybox = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n" +
            "RUN [\"/bin/mkdir\", \"-m\", \"1777\", \"/tmp\"]\n";
        File.WriteAllText(Path.Combine(context, "Containerfile.bare"), busybox + "CMD [\"sh\"]\n");
        File.WriteAllText(Path.Combine(context, "Containerfile"), busybox +
            "COPY init /usr/local/bin/init\nENTRYPOINT [\"/usr/local/bin/init\", \"--\"]\nCMD [\"sh\"]\n");
        Ok("build", "-q", "-t", BareImage, "-f", Path.Combine(context, "Containerfile.bare"), context);
        Ok("build", "-q", "-t", Image, "-f", Path.Combine(context, "Containerfile"), context);
        Directory.Delete(context, recursive: true);
        return true;
    }

    private static string? Probe()
    {
        try
        {
            var (code, _, stderr) = Run("info", "--format", "{{.Host.OCIRuntime.Name}}");
            if (code != 0) return "podman cannot run here: " + stderr.Trim();
            if (!File.Exists("/bin/busybox")) return "the container tests need busybox-static (/bin/busybox)";
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "podman is not installed (apt-get install podman runc busybox-static)";
        }
    }
}

/// <summary>A test that needs podman; skipped, with the reason, where podman cannot run.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (Podman.Unavailable is string why) Skip = why;
    }
}
