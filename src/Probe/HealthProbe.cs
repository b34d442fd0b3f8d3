using System;
using System.Text;
using Init.Logging;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Probe;

/// <summary>
/// `init --probe URL`: one health check instead of a command, for HEALTHCHECK in images without curl
/// or a shell. One line on stdout says what was seen (Docker keeps it in .State.Health.Log); exit 0
/// when healthy, 1 when not. Nothing of this runs unless --probe is given.
/// </summary>
internal static class HealthProbe
{
    public const int Healthy = 0;
    public const int Unhealthy = 1;

    public static int Run(ProbeUrl url, TimeSpan timeout)
    {
        UnblockSignals();
        var clock = new ProbeClock(timeout);
        bool healthy;
        string line;
        try
        {
            healthy = Check(url, clock, out line);
        }
        catch (InitFailure refused)
        {
            healthy = false;
            line = $"{url.Text}: the probe cannot check here: {refused.Message}";
        }
        catch (Exception unexpected)
        {
            healthy = false;
            line = $"{url.Text}: the probe failed ({unexpected.GetType().Name}: {unexpected.Message})".ReplaceLineEndings(" ");
        }
        Log.WriteAll(Log.StandardOutput, Encoding.UTF8.GetBytes((healthy ? "healthy: " : "unhealthy: ") + line + "\n"));
        return healthy ? Healthy : Unhealthy;
    }

    private static bool Check(ProbeUrl url, ProbeClock clock, out string line)
    {
        if (HostAddresses.Resolve(url.Host, out string? unresolved) is not { } addresses)
        {
            line = $"{url.Text}: {unresolved}";
            return false;
        }
        using var connection = TcpConnection.Open(addresses, url.Port, clock, out string? refused);
        if (connection is null)
        {
            line = $"{url.Endpoint}: {refused}";
            return false;
        }
        if (!url.IsHttp)
        {
            line = $"{url.Text} accepted the connection in {Milliseconds(clock)}";
            return true;
        }
        if (HttpExchange.Exchange(connection, url, clock, out int status) is string failure)
        {
            line = $"{url.Text}: {failure}";
            return false;
        }
        // Kubernetes' httpGet rule: a redirect counts as healthy, and is not followed.
        line = $"{url.Text} answered {status} in {Milliseconds(clock)}";
        return status is >= 200 and < 400;
    }

    private static string Milliseconds(ProbeClock clock) => $"{clock.Elapsed.TotalMilliseconds:0.#} ms";

    /// <summary>
    /// preinit.c blocked nearly every signal for the init's signalfd; a probe reads none, so it takes
    /// back the mask it was started with: SIGTERM or Ctrl-C then end it as they end any program.
    /// </summary>
    private static unsafe void UnblockSignals()
    {
        sigset_t mask = StartupState.Mask.Raw;
        pthread_sigmask(SIG_SETMASK, &mask, null);
    }
}
