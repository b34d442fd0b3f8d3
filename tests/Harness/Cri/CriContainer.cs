using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Init.Tests.Harness.Cri.V1;

namespace Init.Tests.Harness.Cri;

/// <summary>A container of a <see cref="Pod"/>, created and started through the CRI; removed when the test is done.</summary>
public sealed class CriContainer : IDisposable
{
    private readonly CriRuntime _cri;
    private readonly string _logPath;

    public string Id { get; }

    /// <summary>The container's first process as the node sees it, past `runc init`.</summary>
    public int Pid { get; }

    /// <summary>The init as ENTRYPOINT (the image's ["/usr/local/bin/init", "--"]), running a busybox sh script.</summary>
    public static ContainerConfig WithInit(string script) =>
        new() { Image = new ImageSpec { Image = CriImages.Image }, Args = { "sh", "-c", script } };

    /// <summary>The init with options before its command.</summary>
    public static ContainerConfig WithInit(string[] options, string script) =>
        new() { Image = new ImageSpec { Image = CriImages.Image }, Command = { CriImages.InitPath }, Args = { (string[])[.. options, "--", "sh", "-c", script] } };

    /// <summary>No init: the pod's command replaces the image's ENTRYPOINT.</summary>
    public static ContainerConfig WithoutInit(string script) =>
        new() { Image = new ImageSpec { Image = CriImages.Image }, Command = { "sh", "-c", script } };

    internal CriContainer(CriRuntime cri, Pod pod, ContainerConfig config)
    {
        _cri = cri;
        config.Metadata ??= new ContainerMetadata { Name = "c" + Guid.NewGuid().ToString("N")[..12] };
        config.LogPath = config.Metadata.Name + ".log";
        config.Linux ??= new LinuxContainerConfig();
        config.Linux.SecurityContext ??= new LinuxContainerSecurityContext();
        config.Linux.SecurityContext.NamespaceOptions ??= Pod.Namespaces(pod.PidMode);
        _logPath = Path.Combine(pod.Config.LogDirectory, config.LogPath);
        Id = cri.Runtime.CreateContainer(new CreateContainerRequest { PodSandboxId = pod.Id, Config = config, SandboxConfig = pod.Config },
            deadline: CriRuntime.Deadline).ContainerId;
        try
        {
            cri.Runtime.StartContainer(new StartContainerRequest { ContainerId = Id }, deadline: CriRuntime.Deadline);
            Pid = Pod.ProcessOf(cri.Runtime.ContainerStatus(new ContainerStatusRequest { ContainerId = Id, Verbose = true },
                deadline: CriRuntime.Deadline).Info);
            WaitPastRuncInit(Pid);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// StartContainer and RunPodSandbox return while the process may still be `runc init` (a Go
    /// program): a signal sent then ends it with status 2 or is lost. Waits until it has exec'd (or gone).
    /// </summary>
    public static void WaitPastRuncInit(int pid) =>
        Eventually.Until(() => !(Comm(pid)?.StartsWith("runc:", StringComparison.Ordinal) ?? false),
            () => $"process {pid} is still runc init");

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public ContainerStatus Status =>
        _cri.Runtime.ContainerStatus(new ContainerStatusRequest { ContainerId = Id }, deadline: CriRuntime.Deadline).Status;

    /// <summary>What the container wrote to stdout and stderr, from the CRI's log file ("TIME STREAM TAG TEXT" lines; tag P: the line goes on).</summary>
    public string Logs
    {
        get
        {
            if (!File.Exists(_logPath)) return "";
            var text = new StringBuilder();
            foreach (string line in File.ReadAllLines(_logPath))
            {
                string[] parts = line.Split(' ', 4);
                if (parts.Length < 4) continue;
                text.Append(parts[3].TrimEnd('\r'));
                if (parts[2] == "F") text.Append('\n');
            }
            return text.ToString();
        }
    }

    public void WaitForLog(string text) =>
        Eventually.Until(() => Logs.Contains(text, StringComparison.Ordinal), () => $"container log never said '{text}':\n{Logs}");

    /// <summary>StopContainer as the kubelet sends it (timeout = terminationGracePeriodSeconds); returns how long it took.</summary>
    public TimeSpan Stop(int timeoutSeconds)
    {
        var watch = Stopwatch.StartNew();
        _cri.Runtime.StopContainer(new StopContainerRequest { ContainerId = Id, Timeout = timeoutSeconds }, deadline: CriRuntime.Deadline);
        return watch.Elapsed;
    }

    /// <summary>Waits for the container to end by itself and returns its status.</summary>
    public ContainerStatus WaitForExit()
    {
        ContainerStatus status = Status;
        Eventually.Until(() => (status = Status).State == ContainerState.ContainerExited, () => $"the container is still {status.State}:\n{Logs}");
        return status;
    }

    /// <summary>ExecSync, as an exec probe or `kubectl exec` without a terminal: returns when the process's stdout closes.</summary>
    public (int Code, string Stdout, string Stderr) ExecSync(params string[] command)
    {
        var response = _cri.Runtime.ExecSync(new ExecSyncRequest { ContainerId = Id, Cmd = { command } }, deadline: CriRuntime.Deadline);
        return (response.ExitCode, response.Stdout.ToStringUtf8(), response.Stderr.ToStringUtf8());
    }

    /// <summary>ExecSync left running while the test goes on.</summary>
    public Task<ExecSyncResponse> ExecSyncInBackground(params string[] command) =>
        _cri.Runtime.ExecSyncAsync(new ExecSyncRequest { ContainerId = Id, Cmd = { command } }, deadline: CriRuntime.Deadline).ResponseAsync;

    /// <summary>Exec (the `kubectl exec` streaming call) with a session on the URL it returns.</summary>
    public ExecSession Exec(bool tty, params string[] command)
    {
        string url = _cri.Runtime.Exec(new ExecRequest { ContainerId = Id, Cmd = { command }, Tty = tty, Stdin = true, Stdout = true, Stderr = !tty },
            deadline: CriRuntime.Deadline).Url;
        return new ExecSession(url);
    }

    public void Dispose()
    {
        _cri.Runtime.StopContainer(new StopContainerRequest { ContainerId = Id, Timeout = 0 }, deadline: CriRuntime.Deadline);
        // A container whose processes the kernel killed with its PID namespace's init (a debug
        // container's) can still be "running" to containerd when StopContainer returns.
        Eventually.Until(() => Status.State != ContainerState.ContainerRunning, () => $"container {Id} is still running after StopContainer");
        _cri.Runtime.RemoveContainer(new RemoveContainerRequest { ContainerId = Id }, deadline: CriRuntime.Deadline);
    }
}
