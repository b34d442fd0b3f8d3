using System.Linq;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Init.Tests.Lifecycle;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// PostgreSQL after an unclean stop, in a real container: under runc the init's first child is not
/// 2 (runc's own threads used the numbers before it), so the command reads its own pid and checks
/// every number below it (see <see cref="StalePidfile"/>).
/// </summary>
internal static class StalePidfileOutput
{
    public static void AssertPassed(int code, string stdout, string stderr)
    {
        Assert.True(code == 0, $"exit code {code}: {stderr}");
        string line = stdout.Split('\n').Single(l => l.StartsWith("command "));
        int commandPid = int.Parse(Regex.Match(line, @"^command (\d+),").Groups[1].Value);
        Assert.Equal(StalePidfile.Passed(commandPid), line);
    }
}

public class StalePidfileUnderPodman
{
    public StalePidfileUnderPodman() => Podman.EnsureImages();

    [PodmanFact]
    public void A_stale_pidfile_naming_the_first_free_pid_does_not_look_alive_with_init_path()
    {
        var (code, stdout, stderr) = Podman.Cli.Run("run", "--rm", "--init", "--init-path", InitBinary.StaticPath,
            TestImages.BareImage, "sh", "-c", StalePidfile.Check);
        StalePidfileOutput.AssertPassed(code, stdout, stderr);
    }

    [PodmanFact]
    public void A_stale_pidfile_naming_the_first_free_pid_does_not_look_alive_as_entrypoint()
    {
        var (code, stdout, stderr) = Podman.Cli.Run("run", "--rm", TestImages.Image, "sh", "-c", StalePidfile.Check);
        StalePidfileOutput.AssertPassed(code, stdout, stderr);
    }
}

[Collection(DockerEngine.Collection)]
public class StalePidfileUnderDocker(DockerEngine engine)
{
    [DockerTheory, InlineData(true), InlineData(false)]
    public void A_stale_pidfile_naming_the_first_free_pid_does_not_look_alive(bool runInit)
    {
        string[] image = runInit ? ["--init", TestImages.BareImage] : [TestImages.Image];
        var (code, stdout, stderr) = engine.Cli.Run(["run", "--rm", "--network", "none", .. image, "sh", "-c", StalePidfile.Check]);
        StalePidfileOutput.AssertPassed(code, stdout, stderr);
    }
}
