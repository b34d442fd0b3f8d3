using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>The Pod manifest of docs/kubernetes.md, played with `podman kube play`.</summary>
public class InAKubernetesPod
{
    /// <summary>The first ```yaml block of the guide that shares the pod's PID namespace.</summary>
    private static string SharedNamespaceManifest()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "kubernetes.md"))) directory = directory.Parent;
        Assert.NotNull(directory);
        string guide = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "kubernetes.md"));
        return Regex.Matches(guide, "```yaml\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .First(yaml => yaml.Contains("shareProcessNamespace: true"));
    }

    [PodmanFact]
    public void With_a_shared_pid_namespace_the_init_is_not_pid_1_and_still_reaps_its_orphans()
    {
        Podman.EnsureImages();
        string manifest = SharedNamespaceManifest();
        string image = Regex.Match(manifest, @"image:\s*(\S+)").Groups[1].Value;
        string pod = Regex.Match(manifest, @"metadata:\s*\n\s*name:\s*(\S+)").Groups[1].Value;
        string container = Regex.Match(manifest, @"containers:\s*\n\s*-\s*name:\s*(\S+)").Groups[1].Value;
        Podman.Cli.Ok("tag", TestImages.Image, image);

        using var scratch = new Scratch("pod");
        string file = scratch.File("pod.yaml");
        File.WriteAllText(file, manifest);
        try
        {
            Podman.Cli.Ok("kube", "play", "--replace", file);
            Podman.Cli.Ok("wait", $"{pod}-{container}");
            string logs = Podman.Cli.Ok("logs", $"{pod}-{container}");
            int exitCode = int.Parse(Podman.Cli.Ok("inspect", $"{pod}-{container}", "--format", "{{.State.ExitCode}}").Trim());

            string initPid = Regex.Match(logs, @"init runs as pid (\d+)").Groups[1].Value;
            Assert.NotEqual("", initPid);
            Assert.NotEqual("1", initPid); // the pod's infra process is PID 1
            Assert.Contains($"the orphan's parent is {initPid}", logs);
            Assert.Contains("the orphan was reaped", logs);
            Assert.Equal(7, exitCode);
        }
        finally
        {
            Podman.Cli.Run("kube", "down", file);
        }
    }
}
