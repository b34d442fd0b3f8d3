using System;
using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// `init --probe` as Docker's HEALTHCHECK in an image with no shell tools for it: the image's own init,
/// or, with no init in the image, the one `docker run --init` mounts at /sbin/docker-init. The exec
/// form, as a shell-less image needs (Docker's --health-cmd is a shell form).
/// </summary>
[Collection(DockerEngine.Collection)]
public class HealthCheckUnderDocker(DockerEngine engine)
{
    // busybox httpd puts itself in the background; the shell then waits, so the container outlives the server.
    private const string ServeThenWait =
        "mkdir -p /tmp/www && echo ok > /tmp/www/index.html && httpd -p 127.0.0.1:8080 -h /tmp/www && echo serving; " +
        "while :; do sleep 0.1; done";

    [DockerTheory, InlineData(UnderDocker.Setup.RunInit), InlineData(UnderDocker.Setup.Entrypoint)]
    public void The_probe_makes_a_container_healthy_and_unhealthy_once_its_server_is_gone(UnderDocker.Setup setup)
    {
        string image = $"localhost/init-tests-healthcheck-{setup.ToString().ToLowerInvariant()}:latest";
        var (baseImage, init) = setup == UnderDocker.Setup.RunInit
            ? (TestImages.BareImage, "/sbin/docker-init")
            : (TestImages.Image, "/usr/local/bin/init");
        using (var scratch = new Scratch("healthcheck-image"))
        {
            File.WriteAllText(scratch.File("Containerfile"), $"FROM {baseImage}\n" +
                $"HEALTHCHECK --interval=1s --retries=2 CMD [\"{init}\", \"--probe\", \"http://127.0.0.1:8080/\"]\n");
            engine.Cli.Ok("build", "-q", "-t", image, "-f", scratch.File("Containerfile"), scratch.Path);
        }

        using var container = new Container(engine.Cli,
            ["--network", "none", .. setup == UnderDocker.Setup.RunInit ? ["--init"] : Array.Empty<string>(), image, "sh", "-c", ServeThenWait]);
        container.WaitForLog("serving");
        WaitForHealth(container, "healthy");
        Assert.Contains(@"healthy: http://127.0.0.1:8080/ answered 200 in ", Health(container, "{{json .State.Health.Log}}"));

        engine.Cli.Ok("exec", container.Name, "killall", "httpd");
        WaitForHealth(container, "unhealthy");
        string log = Health(container, "{{json .State.Health.Log}}");
        Assert.Contains(@"unhealthy: 127.0.0.1:8080: connection refused", log);
        Assert.Contains(@"""ExitCode"":1", log);
    }

    private string Health(Container container, string format) => engine.Cli.Ok("inspect", "--format", format, container.Name).Trim();

    /// <remarks>Polled a few times a second: each look is a docker client run.</remarks>
    private void WaitForHealth(Container container, string status)
    {
        var deadline = DateTime.UtcNow + InitProcess.Patience;
        while (Health(container, "{{.State.Health.Status}}") != status)
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"the container never became {status}: {Health(container, "{{json .State.Health}}")}");
            System.Threading.Thread.Sleep(200);
        }
    }
}
