using System;

namespace Init.Cli;

/// <summary>
/// tini's TINI_* variables, read as tini reads them, and the init's own INIT_GRACE_PERIOD, INIT_STOP_DELAY and INIT_USER: the
/// settings for `docker run --init`, where no option can be passed. An option given wins.
/// </summary>
internal static class EnvironmentSettings
{
    /// <param name="given">What the command line asked for.</param>
    /// <param name="verbosityGiven">-v was given: TINI_VERBOSITY is not read.</param>
    /// <param name="gracePeriodGiven">--grace-period was given: INIT_GRACE_PERIOD is not read.</param>
    /// <returns>null, or the usage error.</returns>
    public static string? Apply(InitOptions given, bool verbosityGiven, bool gracePeriodGiven,
        Func<string, string?> environment, out InitOptions options)
    {
        options = given with
        {
            // tini: set when present, whatever the value (even empty).
            Subreaper = given.Subreaper || environment("TINI_SUBREAPER") is not null,
            ForwardToProcessGroup = given.ForwardToProcessGroup || environment("TINI_KILL_PROCESS_GROUP") is not null,
            Verbosity = !verbosityGiven && environment("TINI_VERBOSITY") is string level ? Atoi(level) : given.Verbosity,
        };
        // Empty means unset, as `docker run -e INIT_GRACE_PERIOD=` users expect.
        if (!gracePeriodGiven && environment("INIT_GRACE_PERIOD") is { Length: > 0 } text)
        {
            if (!Duration.TryParse(text, out var gracePeriod)) return $"{Duration.Describe(text)} (for INIT_GRACE_PERIOD)";
            options = options with { GracePeriod = gracePeriod };
        }
        if (given.StopDelay is null && environment("INIT_STOP_DELAY") is { Length: > 0 } delay)
        {
            if (!Duration.TryParse(delay, out var stopDelay)) return $"{Duration.Describe(delay)} (for INIT_STOP_DELAY)";
            options = options with { StopDelay = stopDelay };
        }
        if (given.User is null && environment("INIT_USER") is { Length: > 0 } user) options = options with { User = user };
        return null;
    }

    /// <summary>C's atoi, which tini applies to TINI_VERBOSITY: leading digits, anything else reads as 0.</summary>
    private static int Atoi(string text)
    {
        ReadOnlySpan<char> s = text.AsSpan().TrimStart(" \t\n\v\f\r");
        bool negative = s.Length > 0 && s[0] == '-';
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        long value = 0;
        foreach (char c in s)
        {
            if (c is < '0' or > '9') break;
            value = Math.Min(value * 10 + (c - '0'), int.MaxValue);
        }
        return (int)(negative ? -value : value);
    }
}
