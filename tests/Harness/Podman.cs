using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// Real containers with podman + runc, configured by the tests themselves: the machine's
/// /etc/containers is neither needed nor changed.
/// </summary>
public static class Podman
{
    // podman 4.3 on this kind of host needs runc (crun fails on hybrid cgroups) and default rlimits it
    // is allowed to set. With CONTAINERS_CONF set, podman reads that file and no other
    // containers.conf. (CONTAINERS_CONF_OVERRIDE, which would layer it over the machine's files, is
    // newer than podman 4.3, which ignores it.) The log driver is k8s-file, as it is here: where PID 1
    // is systemd, podman would choose journald, which takes a container's lines in after it has exited.
    private const string Configuration =
        "[containers]\ndefault_ulimits = [\"nofile=1024:1024\", \"nproc=1024:1024\"]\nlog_driver = \"k8s-file\"\n\n[engine]\nruntime = \"runc\"\n";

    public static ContainerCli Cli { get; } = new("podman",
        new Dictionary<string, string?> { ["CONTAINERS_CONF"] = WriteConfiguration() }, ["rm", "-f", "-t", "0"]);

    /// <summary>Why podman cannot run containers here, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    private static readonly Lazy<bool> s_images = new(() =>
    {
        if (Unavailable is string why) throw new Xunit.Sdk.XunitException(why);
        TestImages.Build(Cli);
        return true;
    });

    /// <summary>Builds the test images once per test run.</summary>
    public static void EnsureImages() => _ = s_images.Value;

    private static string WriteConfiguration()
    {
        string path = Path.Combine(Scratch.RunDirectory, "podman-containers.conf");
        File.WriteAllText(path, Configuration);
        return path;
    }

    private static string? Probe()
    {
        try
        {
            var (code, _, stderr) = Cli.Run("info", "--format", "{{.Host.OCIRuntime.Name}}");
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
        if (RequiredEngines.SkipReason(Podman.Unavailable) is string why) Skip = why;
    }
}
