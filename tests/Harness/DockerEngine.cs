using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// The tests' own Docker engine: a containerd and a dockerd started once for the Docker tests and
/// stopped, by pid, after them. Sockets, configuration, images, containers and state all live in one
/// scratch directory, so the machine's own Docker (a running daemon, /etc/docker, /var/lib/docker,
/// ~/.docker) is neither used nor changed. dockerd's --init-path is the static init, so
/// `docker run --init` runs it as PID 1.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    public const string Collection = "Docker engine";

    // The docker.io package's programs: another docker client may come first in PATH.
    private const string Client = "/usr/bin/docker";
    private const string Dockerd = "/usr/sbin/dockerd";
    private const string Containerd = "/usr/bin/containerd";

    /// <summary>Why the Docker engine cannot run here, or null when it may. Cheap: test discovery evaluates it on every run.</summary>
    public static string? Unavailable { get; } = Probe();

    private readonly Scratch? _scratch;
    private readonly string _root = "";
    private readonly Daemon? _containerd;
    private readonly Daemon? _dockerd;
    private readonly ContainerCli? _cli;

    /// <summary>The docker client, talking to this engine only.</summary>
    public ContainerCli Cli => _cli ?? throw new Xunit.Sdk.XunitException(Unavailable);

    public DockerEngine()
    {
        if (Unavailable is not null) return;
        _scratch = new Scratch("docker");
        _root = _scratch.Path;
        try
        {
            _containerd = new Daemon(_root, Containerd, "--config", WriteContainerdConfiguration());
            _containerd.WaitUntil(() => File.Exists(Path.Combine(_root, "containerd.sock")));

            File.WriteAllText(Path.Combine(_root, "daemon.json"), DaemonConfiguration());
            _dockerd = new Daemon(_root, Dockerd,
                "--config-file", Path.Combine(_root, "daemon.json"),
                "--containerd", Path.Combine(_root, "containerd.sock"),
                "--data-root", Path.Combine(_root, "data"),
                "--exec-root", Path.Combine(_root, "exec"),
                "--pidfile", Path.Combine(_root, "dockerd.pid"),
                "-H", "unix://" + Path.Combine(_root, "docker.sock"),
                "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--init-path", InitBinary.StaticPath);
            _cli = new ContainerCli(Client, new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = "unix://" + Path.Combine(_root, "docker.sock"),
                ["DOCKER_CONFIG"] = Path.Combine(_root, "client"),
                ["DOCKER_BUILDKIT"] = "0",
                ["DOCKER_CONTEXT"] = null,
                ["DOCKER_TLS_VERIFY"] = null,
                ["DOCKER_CERT_PATH"] = null,
            }, ["rm", "-f"]);
            _dockerd.WaitUntil(() => _cli.Run("version", "--format", "{{.Server.Version}}").Code == 0);
            TestImages.Build(_cli);
        }
        catch
        {
            Stop();
            throw;
        }
    }

    /// <summary>Fails the run if a test left a container running; then stops the engine and deletes its directory.</summary>
    public void Dispose()
    {
        string running = _cli?.Run("ps", "-q").Stdout.Trim() ?? "";
        Stop();
        Assert.True(running == "", $"containers still running when the Docker tests ended: {running}");
    }

    private void Stop()
    {
        _dockerd?.Dispose(); // it stops its containers first
        _containerd?.Dispose();
        _scratch?.Dispose();
    }

    // Every path containerd would otherwise take from the machine (/var/lib/containerd, /run/containerd,
    // /opt/containerd, /etc/containerd/config.toml) is under the scratch directory; the CRI plugin
    // (Kubernetes) is not needed. Built-in paths remain: the shims' sockets in /run/containerd/s (named
    // by a hash of this containerd's address) and dockerd's /run/docker/plugins, both run-time state.
    private string WriteContainerdConfiguration()
    {
        string path = Path.Combine(_root, "containerd.toml");
        File.WriteAllText(path, $"""
            version = 2
            root = "{_root}/containerd/root"
            state = "{_root}/containerd/state"
            disabled_plugins = ["io.containerd.grpc.v1.cri"]
            [grpc]
              address = "{_root}/containerd.sock"
            [ttrpc]
              address = "{_root}/containerd.sock.ttrpc"
            [plugins."io.containerd.internal.v1.opt"]
              path = "{_root}/containerd/opt"
            """);
        return path;
    }

    // Instead of /etc/docker/daemon.json; the identity key dockerd 20.10 would create in /etc/docker.
    private string DaemonConfiguration() =>
        $$"""{ "deprecated-key-path": "{{_root}}/key.json" }""";

    private static string? Probe()
    {
        if (!File.Exists(Client) || !File.Exists(Dockerd) || !File.Exists(Containerd))
            return "the Docker engine is not installed (apt-get install docker.io busybox-static)";
        if (!File.Exists("/bin/busybox")) return "the container tests need busybox-static (/bin/busybox)";
        if (Libc.geteuid() != 0) return "the Docker engine needs root";
        return null;
    }
}

/// <summary>The Docker tests share one engine and run one after another.</summary>
[CollectionDefinition(DockerEngine.Collection)]
public sealed class DockerEngineCollection : ICollectionFixture<DockerEngine>;

/// <summary>A test that needs the Docker engine; skipped, with the reason, where it cannot run.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (RequiredEngines.SkipReason(DockerEngine.Unavailable) is string why) Skip = why;
    }
}

/// <summary>A theory that needs the Docker engine; skipped, with the reason, where it cannot run.</summary>
public sealed class DockerTheoryAttribute : TheoryAttribute
{
    public DockerTheoryAttribute()
    {
        if (RequiredEngines.SkipReason(DockerEngine.Unavailable) is string why) Skip = why;
    }
}
