using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>nginx + php-fpm style: an image whose ENTRYPOINT runs a second command with --also, and whose CMD is the main one.</summary>
[Collection(DockerEngine.Collection)]
public class SeveralCommandsUnderDocker(DockerEngine engine)
{
    private const string AlsoImage = "localhost/init-tests-also:latest";

    [DockerFact]
    public void Docker_stop_ends_both_commands_of_an_also_entrypoint()
    {
        using (var scratch = new Scratch("also-image"))
        {
            string context = scratch.Path;
            // The --also value is one word of the JSON array; the init splits it as a shell would.
            File.WriteAllText(Path.Combine(context, "Containerfile"),
                $"FROM {TestImages.Image}\n" +
                "ENTRYPOINT [\"/usr/local/bin/init\", \"--also\", \"sh -c 'trap \\\"echo side got TERM; exit 3\\\" TERM; echo side ready; while :; do sleep 0.1; done'\", \"--\"]\n" +
                "CMD [\"sh\", \"-c\", \"trap 'echo main got TERM; exit 3' TERM; echo main ready; while :; do sleep 0.1; done\"]\n");
            engine.Cli.Ok("build", "-q", "-t", AlsoImage, "-f", Path.Combine(context, "Containerfile"), context);
        }

        using var container = new Container(engine.Cli, "--network", "none", AlsoImage);
        container.WaitForLog("side ready");
        container.WaitForLog("main ready");
        engine.Cli.Ok("stop", "-t", "10", container.Name);
        Assert.Equal(3, container.ExitCode); // 137 had the init waited out docker's 10 s
        Assert.Contains("side got TERM", container.Logs);
        Assert.Contains("main got TERM", container.Logs);
    }
}
