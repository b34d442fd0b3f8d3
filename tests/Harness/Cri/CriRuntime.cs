using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Init.Tests.Harness.Cri.V1;
using Xunit;

namespace Init.Tests.Harness.Cri;

/// <summary>
/// A containerd of the tests' own serving Kubernetes' CRI, driven the way the kubelet drives it: gRPC
/// (runtime.v1) on a unix socket. Started once for the CRI tests and stopped, by pid, after them;
/// root, state, sockets, runc's root and images all live in one scratch directory. Pods use the node's network (no CNI) and <see cref="CriImages.PauseImage"/>
/// (`init -P`) as their sandbox.
/// </summary>
public sealed class CriRuntime : IDisposable
{
    public const string Collection = "containerd CRI";

    private const string Containerd = "/usr/bin/containerd";
    private const string Ctr = "/usr/bin/ctr";

    /// <summary>Why containerd's CRI cannot run here, or null when it may. Cheap: test discovery evaluates it on every run.</summary>
    public static string? Unavailable { get; } = Probe();

    private readonly Scratch? _scratch;
    private readonly string _root = "";
    private readonly Daemon? _containerd;
    private readonly GrpcChannel? _channel;

    public RuntimeService.RuntimeServiceClient Runtime { get; } = null!;
    public ImageService.ImageServiceClient Images { get; } = null!;

    private string Socket => Path.Combine(_root, "containerd.sock");

    public CriRuntime()
    {
        if (Unavailable is not null) return;
        _scratch = new Scratch("cri");
        _root = _scratch.Path;
        try
        {
            _containerd = new Daemon(_root, Containerd, "--config", WriteConfiguration());
            _containerd.WaitUntil(() => File.Exists(Socket));
            _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = UnixSocketHandler(Socket) });
            Runtime = new RuntimeService.RuntimeServiceClient(_channel);
            Images = new ImageService.ImageServiceClient(_channel);
            _containerd.WaitUntil(RuntimeReady);

            string archive = Path.Combine(_root, "images.tar");
            CriImages.WriteArchive(archive);
            new ContainerCli(Ctr, new Dictionary<string, string?>(), []).Ok("-n", "k8s.io", "-a", Socket, "images", "import", archive);
            foreach (string image in new[] { CriImages.Image, CriImages.PauseImage })
            {
                var status = Images.ImageStatus(new ImageStatusRequest { Image = new ImageSpec { Image = image } }, deadline: Deadline);
                Assert.True(status.Image is not null, $"the CRI does not see the imported image {image}");
            }
        }
        catch
        {
            Stop();
            throw;
        }
    }

    /// <summary>A deadline for one call, against hanging only.</summary>
    public static DateTime Deadline => DateTime.UtcNow + InitProcess.Patience;

    /// <summary>Starts following containerd's task exits, before the test makes one happen.</summary>
    public TaskExits TaskExits() => new(Ctr, Socket);

    /// <summary>Fails the run if a test left a pod behind; then stops containerd and deletes its directory.</summary>
    public void Dispose()
    {
        string pods = _root == "" ? "" : new ContainerCli(Ctr, new Dictionary<string, string?>(), [])
            .Run("-n", "k8s.io", "-a", Socket, "tasks", "list", "-q").Stdout.Trim();
        Stop();
        Assert.True(pods == "", $"containers still running when the CRI tests ended: {pods}");
    }

    private void Stop()
    {
        _channel?.Dispose();
        _containerd?.Dispose();
        _scratch?.Dispose();
    }

    private bool RuntimeReady()
    {
        try
        {
            var status = Runtime.Status(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            return status.Status.Conditions.Any(c => c.Type == "RuntimeReady" && c.Status);
        }
        catch (RpcException)
        {
            return false; // the socket is there before the CRI plugin serves
        }
    }

    // gRPC over HTTP/2 without TLS, as the kubelet talks to the CRI socket.
    private static SocketsHttpHandler UnixSocketHandler(string path) => new()
    {
        ConnectCallback = async (_, cancellation) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    // Every path containerd would otherwise take from the machine is under the scratch directory,
    // as for the Docker engine's containerd. For the CRI plugin:
    // - restrict_oom_score_adj: the CRI gives sandboxes oom_score_adj -998, and where the host withholds
    //   CAP_SYS_RESOURCE runc then fails ("can't get final child's PID from pipe: EOF");
    // - sandbox_image: imported, never pulled;
    // - an empty CNI directory: pods use the node's network (Status reports NetworkReady=false);
    // - stream_server_address: where Exec's URL points, on loopback only.
    private string WriteConfiguration()
    {
        string path = Path.Combine(_root, "containerd.toml");
        File.WriteAllText(path, $"""
            version = 2
            root = "{_root}/containerd/root"
            state = "{_root}/containerd/state"
            [grpc]
              address = "{Socket}"
            [ttrpc]
              address = "{Socket}.ttrpc"
            [plugins."io.containerd.internal.v1.opt"]
              path = "{_root}/containerd/opt"
            [plugins."io.containerd.grpc.v1.cri"]
              sandbox_image = "{CriImages.PauseImage}"
              restrict_oom_score_adj = true
              stream_server_address = "127.0.0.1"
              stream_server_port = "0"
              [plugins."io.containerd.grpc.v1.cri".cni]
                bin_dir = "{_root}/cni/bin"
                conf_dir = "{_root}/cni/conf"
              [plugins."io.containerd.grpc.v1.cri".containerd]
                default_runtime_name = "runc"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                    Root = "{_root}/runc"
            """);
        return path;
    }

    private static string? Probe()
    {
        if (!File.Exists(Containerd) || !File.Exists(Ctr))
            return "containerd is not installed (apt-get install docker.io busybox-static)";
        if (!File.Exists("/bin/busybox")) return "the container tests need busybox-static (/bin/busybox)";
        if (Libc.geteuid() != 0) return "containerd's CRI needs root";
        return null;
    }
}

/// <summary>The CRI tests share one containerd and run one after another.</summary>
[CollectionDefinition(CriRuntime.Collection)]
public sealed class CriRuntimeCollection : ICollectionFixture<CriRuntime>;

/// <summary>A test that needs containerd's CRI; skipped, with the reason, where it cannot run.</summary>
public sealed class CriFactAttribute : FactAttribute
{
    public CriFactAttribute()
    {
        if (RequiredEngines.SkipReason(CriRuntime.Unavailable) is string why) Skip = why;
    }
}

/// <summary>A theory that needs containerd's CRI; skipped, with the reason, where it cannot run.</summary>
public sealed class CriTheoryAttribute : TheoryAttribute
{
    public CriTheoryAttribute()
    {
        if (RequiredEngines.SkipReason(CriRuntime.Unavailable) is string why) Skip = why;
    }
}
