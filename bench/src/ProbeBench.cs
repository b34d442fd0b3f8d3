using System.Net;
using System.Net.Sockets;

namespace Bench;

/// <summary>
/// The health probe: `init --probe URL` beside `busybox wget -q -O /dev/null URL` and `curl -fsS URL`,
/// the commands images carry for HEALTHCHECK, each run to completion against one busybox httpd on
/// loopback, round-robin. A probe runs every few seconds in every container: its wall time is its cost.
/// </summary>
internal static class ProbeBench
{
    public const string Busybox = "/bin/busybox";
    public const string Curl = "/usr/bin/curl";

    /// <param name="floor">The empty NativeAOT program, timed in the same rounds: what any NativeAOT probe pays before it does anything.</param>
    /// <returns>Medians in ms; NaN for what is not installed. Null when busybox (the server) is missing.</returns>
    public static ProbeResult? Run(Contender ours, Contender? floor, int rounds)
    {
        if (!File.Exists(Busybox))
        {
            Console.Error.WriteLine($"{Busybox} is not installed; the probe is left out (apt-get install -y busybox-static)");
            return null;
        }
        var home = Directory.CreateTempSubdirectory("init-bench-probe-");
        File.WriteAllText(Path.Combine(home.FullName, "index.html"), "ok\n");
        int port = FreePort();
        string url = $"http://127.0.0.1:{port}/";
        int server = Spawner.Start([Busybox, "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", home.FullName]);
        try
        {
            WaitUntilListening(port, server);
            List<string[]> commands = [[ours.Path, "--probe", url], [Busybox, "wget", "-q", "-O", "/dev/null", url]];
            bool curl = File.Exists(Curl);
            if (curl) commands.Add([Curl, "-fsS", url]);
            else Console.Error.WriteLine($"{Curl} is not installed; left out of the probe (apt-get install -y curl)");
            if (floor is not null) commands.Add(floor.Running());
            double[] medians = StartupBench.MedianMs(commands, rounds);
            return new ProbeResult(medians[0], medians[1], curl ? medians[2] : double.NaN, floor is not null ? medians[^1] : double.NaN);
        }
        finally
        {
            Libc.kill(server, 9);
            Spawner.Wait(server);
            home.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void WaitUntilListening(int port, int server)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; Thread.Sleep(10))
        {
            if (Spawner.TryWait(server) is int status) throw new InvalidDataException($"busybox httpd ended: {Spawner.DescribeStatus(status)}");
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
            }
        }
        throw new TimeoutException($"busybox httpd never listened on port {port}");
    }
}

/// <summary>The probe's medians, in ms: ours, busybox wget's, curl's, and the empty NativeAOT program's start (NaN when not installed or built).</summary>
internal sealed record ProbeResult(double OursMs, double BusyboxWgetMs, double CurlMs, double NativeAotFloorMs);
