using System;
using System.Text.Json;
using Init.Tests.Harness.Cri.V1;

namespace Init.Tests.Harness.Cri;

/// <summary>
/// A pod sandbox as the kubelet asks for one (RunPodSandbox): the node's network, the PID namespace
/// per container (Kubernetes' default) or shared by the pod (shareProcessNamespace), its sandbox
/// process `init -P`. Stopped (StopPodSandbox, which SIGKILLs what is left) and removed when the test
/// is done.
/// </summary>
public sealed class Pod : IDisposable
{
    private readonly CriRuntime _cri;
    private readonly Scratch _logs = new("pod-logs");

    public string Id { get; }
    public PodSandboxConfig Config { get; }

    public Pod(CriRuntime cri, NamespaceMode pid = NamespaceMode.Container)
    {
        _cri = cri;
        PidMode = pid;
        string name = "init-test-" + Guid.NewGuid().ToString("N")[..12];
        Config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Uid = Guid.NewGuid().ToString(), Namespace = "default" },
            LogDirectory = _logs.Path,
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = Namespaces(pid) },
            },
        };
        Id = cri.Runtime.RunPodSandbox(new RunPodSandboxRequest { Config = Config }, deadline: CriRuntime.Deadline).PodSandboxId;
        try
        {
            SandboxPid = ProcessOf(cri.Runtime.PodSandboxStatus(new PodSandboxStatusRequest { PodSandboxId = Id, Verbose = true },
                deadline: CriRuntime.Deadline).Info);
            CriContainer.WaitPastRuncInit(SandboxPid);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The pod's PID namespace mode, which the kubelet repeats in each container's configuration.</summary>
    public NamespaceMode PidMode { get; }

    /// <summary>The sandbox process (`init -P`) as the node sees it.</summary>
    public int SandboxPid { get; }

    public bool Ready => _cri.Runtime.PodSandboxStatus(new PodSandboxStatusRequest { PodSandboxId = Id },
        deadline: CriRuntime.Deadline).Status.State == PodSandboxState.SandboxReady;

    /// <summary>The namespaces the kubelet asks for: the node's network, IPC shared by the pod, PID as given.</summary>
    public static NamespaceOption Namespaces(NamespaceMode pid, string targetId = "") =>
        new() { Network = NamespaceMode.Node, Ipc = NamespaceMode.Pod, Pid = pid, TargetId = targetId };

    /// <summary>Creates and starts a container in this pod; returned once its process has exec'd past `runc init`.</summary>
    public CriContainer Start(ContainerConfig config) => new(_cri, this, config);

    /// <summary>The container of a ContainerStatus or PodSandboxStatus's verbose info, as its process id on the node.</summary>
    internal static int ProcessOf(Google.Protobuf.Collections.MapField<string, string> info)
    {
        using var json = JsonDocument.Parse(info["info"]);
        return json.RootElement.GetProperty("pid").GetInt32();
    }

    public void Dispose()
    {
        _cri.Runtime.StopPodSandbox(new StopPodSandboxRequest { PodSandboxId = Id }, deadline: CriRuntime.Deadline);
        _cri.Runtime.RemovePodSandbox(new RemovePodSandboxRequest { PodSandboxId = Id }, deadline: CriRuntime.Deadline);
        _logs.Dispose();
    }
}
