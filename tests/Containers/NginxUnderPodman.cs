using System.Collections.Generic;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>Real nginx in podman: its configuration reloaded on a kubelet-style update (--reload-on), and its `daemon on;` mode kept running (--wait-all).</summary>
public class NginxUnderPodman
{
    private static ContainerCli Podman => Harness.Podman.Cli;

    public NginxUnderPodman() => NginxImage.Ensure();

    /// <summary>The container's stdout and stderr (the init's messages), as `podman logs` gives them.</summary>
    private static string Logs(Container container)
    {
        var (_, stdout, stderr) = Podman.Run("logs", container.Name);
        return stdout + stderr;
    }

    private static void Serving(Container container, string body) =>
        Eventually.Until(() => NginxImage.Fetch(container.Name) == body,
            () => $"nginx never served '{body}' (it serves '{NginxImage.Fetch(container.Name)}').\nlogs:\n{Logs(container)}");

    [PodmanFact]
    public void A_conf_directory_updated_as_the_kubelet_does_is_served_by_the_same_master_after_each_update()
    {
        using var scratch = new Scratch("nginx-conf");
        var volume = new KubeletVolume(scratch.Path);
        volume.Write(new Dictionary<string, string> { ["default.conf"] = NginxImage.Server("v1") });
        using var container = new Container(Podman, "--network", "none", "-v", $"{scratch.Path}:/etc/nginx/conf.d",
            "-e", "INIT_RELOAD_ON=/etc/nginx/conf.d", NginxImage.Image, "nginx", "-g", "daemon off;");
        Serving(container, "v1");
        string master = NginxImage.MasterPid(container.Name);
        int most = 0;
        for (int version = 2; version <= 3; version++)
        {
            bool quick = Burst.MadeQuickly(() => volume.Write(new Dictionary<string, string> { ["default.conf"] = NginxImage.Server("v" + version) }));
            // The directory sees the new timestamped directory, the new link, the swap and the old directory's removal.
            most += quick ? 1 : 4;
            Serving(container, "v" + version);
        }
        Assert.Equal(master, NginxImage.MasterPid(container.Name));
        Assert.Matches(@"init: /etc/nginx/conf.d changed; sent SIGHUP to 'nginx' \(process \d+\)", Logs(container));
        Assert.InRange(System.Text.RegularExpressions.Regex.Matches(Logs(container), "conf.d changed; sent SIGHUP").Count, 2, most);
    }

    [PodmanFact]
    public void A_daemonizing_nginx_keeps_the_container_and_podman_stop_ends_it_with_the_masters_status()
    {
        using var scratch = new Scratch("nginx-conf");
        System.IO.File.WriteAllText(scratch.File("default.conf"), NginxImage.Server("daemon"));
        // Without -g 'daemon off;': nginx forks its master and exits 0 at once.
        using var container = new Container(Podman, "--network", "none", "-v", $"{scratch.Path}:/etc/nginx/conf.d",
            "-e", "INIT_WAIT_ALL=1", "-e", "TINI_VERBOSITY=2", NginxImage.Image, "nginx");
        Eventually.Until(() => Logs(container).Contains("waiting for the processes it left (--wait-all)"), () => Logs(container));
        Serving(container, "daemon");
        Podman.Ok("stop", "-t", "30", container.Name);
        // nginx's master exits 0 on SIGTERM; SIGKILL at the timeout would have given 137.
        Assert.Equal(0, container.ExitCode);
        Assert.Contains("received SIGTERM; stopping the processes the command left", Logs(container));
    }
}
