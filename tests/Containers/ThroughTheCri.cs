using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Init.Tests.Harness;
using Init.Tests.Harness.Cri;
using Init.Tests.Harness.Cri.V1;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// The static init in Kubernetes pods, driven as the kubelet drives them: containerd's CRI over gRPC
/// (the tests' own containerd), the init as the image's ENTRYPOINT, and `init -P` as every pod's
/// sandbox ("pause") process. StopContainer's timeout is the pod's terminationGracePeriodSeconds.
/// </summary>
[Collection(CriRuntime.Collection)]
public class ThroughTheCri(CriRuntime cri)
{
    /// <summary>A command that prints "ready" and exits 42 on SIGTERM.</summary>
    private const string TrapsTerm = "trap 'exit 42' TERM; echo ready; while :; do sleep 0.1; done";

    private static Mount SharedMount(SharedDirectory shared) => new() { ContainerPath = "/shared", HostPath = shared.Path };

    private static void AssertExited(ContainerStatus status, int code, string reason, string logs)
    {
        Assert.True(status.State == ContainerState.ContainerExited, $"the container is {status.State}:\n{logs}");
        Assert.True(status.ExitCode == code && status.Reason == reason,
            $"exit code {status.ExitCode}, reason {status.Reason}; expected {code}, {reason}:\n{logs}");
    }

    [CriFact]
    public void The_runtime_answers_the_kubelets_version_call_as_containerd_with_CRI_v1()
    {
        var version = cri.Runtime.Version(new VersionRequest { Version = "v1" }, deadline: CriRuntime.Deadline);
        Assert.Equal("containerd", version.RuntimeName);
        Assert.Equal("v1", version.RuntimeApiVersion);
    }

    [CriFact]
    public void The_init_is_pid_1_and_an_exit_code_passes_through_with_the_reason_Error()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit("echo parent $PPID; tr '\\0' ' ' < /proc/1/cmdline; echo; exit 7"));
        AssertExited(container.WaitForExit(), 7, "Error", container.Logs);
        container.WaitForLog("parent 1\n");
        container.WaitForLog($"{CriImages.InitPath} -- sh -c");
    }

    [CriFact]
    public void A_mounted_host_directory_updated_as_the_kubelet_updates_a_ConfigMap_gets_the_command_SIGHUP_each_time()
    {
        using var pod = new Pod(cri);
        using var scratch = new Scratch("cri-config");
        var volume = new KubeletVolume(scratch.Path);
        volume.Write(new System.Collections.Generic.Dictionary<string, string> { ["app.conf"] = "v1" });
        var config = CriContainer.WithInit(["--reload-on", "/etc/app/app.conf"],
            "trap 'echo \"got HUP: $(cat /etc/app/app.conf)\"' HUP; echo ready; while :; do sleep 0.1; done");
        config.Mounts.Add(new Mount { ContainerPath = "/etc/app", HostPath = scratch.Path });
        using var container = pod.Start(config);
        container.WaitForLog("ready");
        for (int version = 2; version <= 3; version++)
        {
            volume.Write(new System.Collections.Generic.Dictionary<string, string> { ["app.conf"] = "v" + version });
            container.WaitForLog($"got HUP: v{version}");
        }
        container.WaitForLog("init: /etc/app/app.conf changed; sent SIGHUP to 'sh' (process ");
    }

    [CriFact]
    public void StopContainer_on_a_command_that_does_not_trap_SIGTERM_gives_143()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit("echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        container.Stop(10);
        AssertExited(container.Status, 143, "Error", container.Logs);
    }

    // The kernel's OOM killer kills the command (the biggest process) inside the memory limit; the
    // init passes the SIGKILL on as 137 and the runtime, which watches the cgroup, says OOMKilled.
    [CriFact]
    public void A_command_killed_by_the_OOM_killer_gives_137_and_OOMKilled()
    {
        using var pod = new Pod(cri);
        using var shared = new SharedDirectory();
        using var container = StartRunningOutOfMemory(pod, shared);
        AssertExited(WaitForExitOutOfMemory(container), 137, "OOMKilled", container.Logs);
    }

    /// <summary>
    /// containerd records a task's exit and its memory cgroup's OOM event apart, and the reason reads
    /// Error until the event is handled (containerd#8180): the kubelet too may first see Error.
    /// </summary>
    private static ContainerStatus WaitForExitOutOfMemory(CriContainer container)
    {
        var status = container.WaitForExit();
        Eventually.Until(() => (status = container.Status).Reason == "OOMKilled",
            () => $"exit code {status.ExitCode}, reason {status.Reason}; expected OOMKilled:\n{container.Logs}");
        return status;
    }

    /// <summary>
    /// A command that allocates 256 MiB under a 32 MiB memory limit, the OOM killer's victim, once
    /// StartContainer has returned: containerd's shim watches the cgroup for OOM events only from the
    /// end of its Start, and a kill before that is never reported as OOMKilled (1 run in about 20).
    /// </summary>
    private static CriContainer StartRunningOutOfMemory(Pod pod, SharedDirectory shared)
    {
        var config = CriContainer.WithInit("while [ ! -e /shared/go ]; do sleep 0.05; done; exec dd if=/dev/zero of=/dev/null bs=256M count=1");
        config.Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { MemoryLimitInBytes = 32 << 20 } };
        config.Mounts.Add(SharedMount(shared));
        var container = pod.Start(config);
        File.WriteAllText(shared.File("go"), "");
        return container;
    }

    // Kubernetes' rollout or `kubectl delete pod`: StopContainer(terminationGracePeriodSeconds).
    // Without the init forwarding SIGTERM the command would be SIGKILLed after the 10 s: 137.
    [CriFact]
    public void StopContainer_ends_a_command_that_handles_SIGTERM_with_its_status_long_before_the_timeout()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit("trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        TimeSpan took = container.Stop(10);
        AssertExited(container.Status, 0, "Completed", container.Logs);
        Assert.True(took < TimeSpan.FromSeconds(9), $"StopContainer(10) took {took.TotalSeconds:0.0} s");
    }

    // A script that starts a daemon the old way (busybox httpd without -f) and exits, with INIT_WAIT_ALL
    // in the pod spec's env: the container stays while httpd serves, and the kubelet's StopContainer ends
    // it within its grace period with httpd's status, the last process's (128 + SIGTERM).
    [CriFact]
    public void With_INIT_WAIT_ALL_a_daemon_the_command_left_keeps_the_container_until_StopContainer()
    {
        using var pod = new Pod(cri);
        using var port = new ReservedPort(); // the pods share the node's network
        var config = CriContainer.WithInit($"mkdir -p /tmp/www && echo served > /tmp/www/index.html && httpd -p 127.0.0.1:{port.Port} -h /tmp/www");
        config.Envs.Add(new KeyValue { Key = "INIT_WAIT_ALL", Value = "1" });
        config.Envs.Add(new KeyValue { Key = "TINI_VERBOSITY", Value = "2" });
        using var container = pod.Start(config);
        container.WaitForLog("the command has exited; waiting for the processes it left (--wait-all)");
        var (code, stdout, stderr) = container.ExecSync("wget", "-q", "-O", "-", $"http://127.0.0.1:{port.Port}/");
        Assert.True(code == 0 && stdout == "served\n", $"wget exited {code}: {stdout}{stderr}");
        Assert.Equal(ContainerState.ContainerRunning, container.Status.State);
        container.Stop(10);
        AssertExited(container.Status, 143, "Error", container.Logs);
    }

    // terminationGracePeriodSeconds: 3 shows the same as the default 30 and keeps the run short.
    [CriFact]
    public void StopContainer_kills_a_command_that_ignores_SIGTERM_at_its_timeout()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit("trap '' TERM; echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        TimeSpan took = container.Stop(3);
        AssertExited(container.Status, 137, "Error", container.Logs);
        Assert.True(took >= TimeSpan.FromSeconds(2.9), $"the container ended {took.TotalSeconds:0.0} s after StopContainer(3), before the runtime's SIGKILL");
    }

    // The entrypoint-script pattern: `worker & exec main`. The worker is no longer the command's child.
    [CriFact]
    public void A_worker_left_by_an_entrypoint_script_gets_SIGTERM_at_the_stop_and_finishes_writing()
    {
        using var pod = new Pod(cri);
        using var shared = new SharedDirectory();
        var config = CriContainer.WithInit(ContainerScripts.FlushingWorker("/tmp/ready") +
            " & while [ ! -e /tmp/ready ]; do sleep 0.05; done; exec sh -c \"" + TrapsTerm + "\"");
        config.Mounts.Add(SharedMount(shared));
        using var container = pod.Start(config);
        container.WaitForLog("ready");
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
        shared.AssertTheWorkerFlushed();
    }

    /// <summary>
    /// Starts a container running <see cref="TrapsTerm"/> with /shared mounted, has <paramref name="startWorker"/>
    /// start a <see cref="ContainerScripts.FlushingWorker"/> (ready file /shared/worker-ready) in it,
    /// stops it, and asserts the command's status and that the worker finished writing.
    /// </summary>
    private void AssertAnExecdWorkerFlushesAtTheStop(Action<CriContainer, string> startWorker)
    {
        using var pod = new Pod(cri);
        using var shared = new SharedDirectory();
        var config = CriContainer.WithInit(TrapsTerm);
        config.Mounts.Add(SharedMount(shared));
        using var container = pod.Start(config);
        container.WaitForLog("ready");
        startWorker(container, ContainerScripts.FlushingWorker("/shared/worker-ready"));
        Eventually.Until(() => File.Exists(shared.File("worker-ready")), () => "the exec'd worker never started");
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
        shared.AssertTheWorkerFlushed();
    }

    // The exec'd process's parent, the shim, is outside the container's PID namespace: the init finds
    // it all the same. ExecSync itself stays open until the worker's stdout closes, at the stop.
    [CriFact]
    public void A_worker_started_by_ExecSync_gets_SIGTERM_at_the_stop_and_finishes_writing()
    {
        System.Threading.Tasks.Task<ExecSyncResponse>? exec = null;
        AssertAnExecdWorkerFlushesAtTheStop((container, worker) => exec = container.ExecSyncInBackground("sh", "-c", worker));
        Assert.True(exec!.Wait(InitProcess.Patience), "ExecSync never returned");
    }

    // The CRI has no `exec -d`: a detached exec is one whose process puts the worker in the background
    // and returns at once; the worker, orphaned, is the init's.
    [CriFact]
    public void A_worker_started_by_a_detached_exec_gets_SIGTERM_at_the_stop_and_finishes_writing() =>
        AssertAnExecdWorkerFlushesAtTheStop((container, worker) =>
        {
            var (code, _, stderr) = container.ExecSync("sh", "-c", worker + " </dev/null >/dev/null 2>&1 &");
            Assert.True(code == 0, $"the detached exec exited {code}: {stderr}");
        });

    // `kubectl exec` without -it: Exec and its stream, held open while the pod stops.
    [CriFact]
    public void A_worker_started_by_a_streaming_exec_gets_SIGTERM_at_the_stop_and_finishes_writing()
    {
        ExecSession? session = null;
        try
        {
            AssertAnExecdWorkerFlushesAtTheStop((container, worker) => session = container.Exec(tty: false, "sh", "-c", worker));
        }
        finally
        {
            session?.Dispose();
        }
    }

    // Exec probes whose commands leave children behind: they are orphaned into the container and
    // must not pile up as zombies.
    [CriFact]
    public void Orphans_of_exec_probes_are_reaped()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit(TrapsTerm));
        container.WaitForLog("ready");
        for (int probe = 0; probe < 5; probe++)
        {
            var (code, _, stderr) = container.ExecSync("sh", "-c", "(sleep 0.1 </dev/null >/dev/null 2>&1 &); exit 0");
            Assert.True(code == 0, $"the probe exited {code}: {stderr}");
        }
        var zombies = "";
        Eventually.Until(() => (zombies = container.ExecSync("sh", "-c",
                "grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l").Stdout.Trim()) == "0",
            () => $"{zombies} zombies in the container");
    }

    // shareProcessNamespace: true. The sandbox (`init -P`) is PID 1; the app's init is a subreaper
    // that takes its command's orphans and, when the command exits, cleans up its own leftovers only.
    [CriFact]
    public void In_a_shared_pid_namespace_the_init_is_not_pid_1_reaps_its_orphans_and_leaves_the_pause_and_a_sidecar_alone()
    {
        using var pod = new Pod(cri, NamespaceMode.Pod);
        using var shared = new SharedDirectory();
        using var sidecar = pod.Start(CriContainer.WithoutInit("trap 'exit 0' TERM; echo sidecar ready; while :; do sleep 0.1; done"));
        sidecar.WaitForLog("sidecar ready");

        var appConfig = CriContainer.WithInit(ContainerScripts.OrphanThatNamesItsParent + ContainerScripts.LeaveAWorkerAndExit3);
        appConfig.Mounts.Add(SharedMount(shared));
        using var app = pod.Start(appConfig);
        AssertExited(app.WaitForExit(), 3, "Error", app.Logs);

        string initPid = Regex.Match(app.Logs, @"init pid (\d+)").Groups[1].Value;
        Assert.NotEqual("", initPid);
        Assert.NotEqual("1", initPid);
        app.WaitForLog($"orphan parent {initPid}\n");
        app.WaitForLog("orphan reaped\n");
        shared.AssertTheWorkerFlushed();
        Assert.Equal(ContainerState.ContainerRunning, sidecar.Status.State);
        Assert.True(pod.Ready, "the pod's sandbox is gone");
        WaitUntilAsleep(pod.SandboxPid);
    }

    // `kubectl debug --target=app`: an ephemeral container in the app container's PID namespace, where
    // the init is PID 1 and so answers for the debug container's processes too at the stop.
    [CriFact]
    public void A_debug_container_targeting_the_app_sees_the_init_as_pid_1_and_its_worker_flushes_at_the_stop()
    {
        using var pod = new Pod(cri);
        using var shared = new SharedDirectory();
        using var app = pod.Start(CriContainer.WithInit(TrapsTerm));
        app.WaitForLog("ready");

        var debugConfig = CriContainer.WithoutInit(
            "echo pid 1 is $(tr '\\0' ' ' < /proc/1/cmdline); " + ContainerScripts.FlushingWorker("/shared/worker-ready"));
        debugConfig.Mounts.Add(SharedMount(shared));
        debugConfig.Linux = new LinuxContainerConfig
        {
            SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = Pod.Namespaces(NamespaceMode.Target, app.Id) },
        };
        using var debug = pod.Start(debugConfig);
        Eventually.Until(() => File.Exists(shared.File("worker-ready")), () => $"the debug container's worker never started:\n{debug.Logs}");
        debug.WaitForLog($"pid 1 is {CriImages.InitPath} -- sh -c");

        app.Stop(10);
        AssertExited(app.Status, 42, "Error", app.Logs);
        shared.AssertTheWorkerFlushed();
    }

    // nginx's graceful stop is SIGQUIT; the runtime sends SIGTERM.
    [CriFact]
    public void StopContainer_with_a_rewrite_rule_reaches_the_command_as_the_rewritten_signal()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit(["-r", "TERM:QUIT"],
            "trap 'exit 43' TERM; trap 'exit 42' QUIT; echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
    }

    [CriFact]
    public void StopContainer_with_a_stop_delay_reaches_the_command_after_the_delay()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit(["--stop-delay", "2s"],
            "trap 'echo got TERM at $(cut -d\" \" -f1 /proc/uptime); exit 42' TERM; echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        double stopRequested = Uptime();
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
        container.WaitForLog("got TERM at ");
        string got = container.Logs.Split('\n').Single(line => line.StartsWith("got TERM at ", StringComparison.Ordinal));
        double received = double.Parse(got["got TERM at ".Length..], CultureInfo.InvariantCulture);
        Assert.True(received - stopRequested >= 1.9, $"the command got SIGTERM {received - stopRequested:0.00} s after StopContainer, before the 2 s delay");
    }

    private static double Uptime() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);

    // `tty: true` in the pod spec: the command's stdin and stdout are a terminal the init holds.
    [CriFact]
    public void A_tty_container_runs_the_command_on_the_terminal_and_stops_with_its_status()
    {
        using var pod = new Pod(cri);
        var config = CriContainer.WithInit("echo terminal $(tty); " + TrapsTerm);
        config.Tty = true;
        config.Stdin = true;
        using var container = pod.Start(config);
        container.WaitForLog("ready");
        Assert.Matches(@"terminal /dev/pts/\d+", container.Logs);
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
    }

    // Pod Security Standards' "restricted" profile, as a pod's securityContext sets it.
    [CriFact]
    public void Runs_under_the_restricted_profile()
    {
        using var pod = new Pod(cri);
        var config = CriContainer.WithInit(
            "echo init $(grep -E '^(Uid|CapEff|NoNewPrivs|Seccomp):' /proc/1/status); touch /written 2>/dev/null || echo read-only; " + TrapsTerm);
        config.Linux = new LinuxContainerConfig
        {
            SecurityContext = new LinuxContainerSecurityContext
            {
                RunAsUser = new Int64Value { Value = 1000 },
                RunAsGroup = new Int64Value { Value = 1000 },
                Capabilities = new Capability { DropCapabilities = { "ALL" } },
                NoNewPrivs = true,
                ReadonlyRootfs = true,
                Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
            },
        };
        using var container = pod.Start(config);
        container.WaitForLog("ready");
        Assert.Matches(@"init Uid:\s+1000\s.*CapEff:\s+0+\s+NoNewPrivs:\s+1\s+Seccomp:\s+2", container.Logs);
        Assert.Contains("read-only\n", container.Logs);
        container.Stop(10);
        AssertExited(container.Status, 42, "Error", container.Logs);
    }

    // A container without an init in a pod that shares its PID namespace: its orphans are the
    // sandbox's, `init -P`, PID 1 of the pod.
    [CriFact]
    public void The_pause_init_reaps_the_orphans_of_a_container_without_an_init()
    {
        using var pod = new Pod(cri, NamespaceMode.Pod);
        using var container = pod.Start(CriContainer.WithoutInit(ContainerScripts.ZombiesAfterOrphansExit));
        AssertExited(container.WaitForExit(), 0, "Completed", container.Logs);
        container.WaitForLog("zombies 0");
    }

    // A sandbox process is woken by nothing but the kernel: no timer, no poll, no thread of its own.
    [CriFact]
    public void The_pause_init_never_wakes_up_and_survives_the_signals_a_node_may_send()
    {
        using var pod = new Pod(cri);
        int pause = pod.SandboxPid;
        WaitUntilSignalsAreBlocked(pause);
        long before = ProcFs.ContextSwitchesOnceQuiet(pause);
        System.Threading.Thread.Sleep(TimeSpan.FromSeconds(3)); // a timer would still tick in this window
        Assert.Equal(before, ProcFs.ContextSwitches(pause));

        foreach (int signal in new[] { 1, 10, 12, 3, 28, 13, 14 }) // HUP USR1 USR2 QUIT WINCH PIPE ALRM
        {
            Assert.Equal(0, Libc.kill(pause, signal));
        }
        // The barrier: an orphan left in the sandbox's PID namespace after the signals, then killed, is
        // reaped by its init only once the init has handled them; an init they ended has no namespace to enter.
        using (var enter = System.Diagnostics.Process.Start("nsenter",
                   ["--target", pause.ToString(), "--pid", "--", "sh", "-c", "sleep 1000 </dev/null >/dev/null 2>&1 & exit 0"])!)
        {
            enter.WaitForExit();
        }
        int orphan = 0;
        Eventually.Until(() => ProcFs.Children(pause) is [int child] && (orphan = child) != 0, () => "no orphan was left to the sandbox's init");
        Assert.Equal(0, Libc.kill(orphan, 9));
        Eventually.Until(() => ProcFs.Status(orphan, "State") is null, () => "the sandbox's init did not reap the orphan");
        WaitUntilAsleep(pause);
        Assert.True(pod.Ready, "the sandbox ended on a signal it should survive");
    }

    // containerd stops a sandbox with SIGKILL, so TERM and INT are sent from the node, as a
    // node's shutdown or a person would; the exit status is read from containerd's task events.
    [CriTheory, InlineData(15), InlineData(2)]
    public void The_pause_init_exits_0_on_SIGTERM_and_SIGINT(int signal)
    {
        using var pod = new Pod(cri);
        int pause = pod.SandboxPid;
        WaitUntilSignalsAreBlocked(pause);
        using var events = cri.TaskExits();
        Assert.Equal(0, Libc.kill(pause, signal));
        Assert.Equal(0, events.ExitStatusOf(pause));
        // As the kubelet sees it, and before the pod's StopPodSandbox: asked while containerd was still
        // handling the exit, it tried to kill the sandbox through its departing shim ("ttrpc: closed").
        Eventually.Until(() => !pod.Ready, () => "the sandbox was still reported ready after its init exited");
    }

    // Sleeping in its wait, as it is between wake-ups; read at once it may still be reaping (R).
    private static void WaitUntilAsleep(int pid) =>
        Eventually.Until(() => ProcFs.Status(pid, "State")?.StartsWith('S') == true,
            () => $"process {pid} is {ProcFs.Status(pid, "State") ?? "gone"}, not asleep");

    // The init blocks every signal before anything else; a signal sent before then would meet the
    // kernel's rule for PID 1 (no handler: dropped).
    private static void WaitUntilSignalsAreBlocked(int pid) =>
        Eventually.Until(() => ProcFs.Status(pid, "SigBlk") is string mask && ProcFs.MaskHas(mask, 15),
            () => $"process {pid} never blocked SIGTERM");

    // `kubectl exec -it POD -- sh` left open during a rollout: the shell ignores SIGTERM and waits for
    // its terminal. The init hangs it up at the stop request, so the stop is not held for its 5 s
    // grace period, nor turned into a SIGKILL by a short terminationGracePeriodSeconds.
    [CriFact]
    public void An_interactive_exec_shell_left_open_does_not_hold_up_StopContainer()
    {
        using var pod = new Pod(cri);
        using var container = pod.Start(CriContainer.WithInit("trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done"));
        container.WaitForLog("ready");
        using var shell = container.Exec(tty: true, "sh");
        shell.Send("echo shell is $$\n");
        shell.WaitForOutput("shell is ");
        // Held for the init's 5 s grace period, the stop would end in the runtime's SIGKILL at 4 s: 137.
        container.Stop(4);
        AssertExited(container.Status, 0, "Completed", container.Logs);
    }

    // terminationMessagePath: the kubelet bind-mounts an empty file at /dev/termination-log; the init
    // writes why its command died there, unless the command wrote its own message.
    [CriTheory]
    [InlineData("kill -KILL $$", 137, "SIGKILL", false)]
    [InlineData("echo database unreachable > /dev/termination-log; exit 1", 1, "database unreachable\n", true)]
    public void The_termination_log_says_why_the_command_died_unless_the_command_did(string script, int exitCode, string message, bool onlyThat)
    {
        using var pod = new Pod(cri);
        using var scratch = new Scratch("termination");
        string log = scratch.File("termination-log");
        File.WriteAllText(log, "");
        var config = CriContainer.WithInit(["--termination-log", "/dev/termination-log"], script);
        config.Mounts.Add(new Mount { ContainerPath = "/dev/termination-log", HostPath = log });
        using var container = pod.Start(config);
        AssertExited(container.WaitForExit(), exitCode, "Error", container.Logs);
        string written = File.ReadAllText(log);
        Assert.True(onlyThat ? written == message : written.Contains(message, StringComparison.Ordinal), $"the termination log says '{written}'");
    }

    // `kubectl logs --previous` is where an operator looks: one line from the init names the signal
    // and, when the memory cgroup counted an OOM kill, says so.
    [CriFact]
    public void The_container_log_says_the_OOM_killer_killed_the_command()
    {
        using var pod = new Pod(cri);
        using var shared = new SharedDirectory();
        using var container = StartRunningOutOfMemory(pod, shared);
        AssertExited(WaitForExitOutOfMemory(container), 137, "OOMKilled", container.Logs);
        Eventually.Until(() => Regex.IsMatch(container.Logs, @"SIGKILL.*(?i:oom)"), () => $"no line names SIGKILL and the OOM killer:\n{container.Logs}");
    }
}
