using System;
using System.Collections.Generic;

namespace Init.Cli;

/// <summary>
/// The settings for `docker run --init`, where no option can be passed: tini's TINI_* variables, read
/// as tini reads them, and each option's INIT_* twin. An option given on the command line wins, and
/// an empty INIT_* variable counts as unset.
/// </summary>
internal static class EnvironmentSettings
{
    /// <param name="given">The options the command line gave: their variables are not read.</param>
    /// <returns>null, or the usage error, naming the variable.</returns>
    public static string? Apply(InitOptions options, List<GivenOption> given, Func<string, string?> environment)
    {
        // tini's: set when present, whatever the value (even empty); TINI_VERBOSITY read with atoi.
        if (environment("TINI_SUBREAPER") is not null) options.Subreaper = true;
        if (environment("TINI_KILL_PROCESS_GROUP") is not null) options.ForwardToProcessGroup = true;
        if (!given.Exists(g => g.Option == CommandLine.Verbose) && environment("TINI_VERBOSITY") is string level)
            options.Verbosity = Atoi(level);

        foreach (var option in CommandLine.Options)
        {
            if (option.Variable is null || given.Exists(g => g.Option == option)) continue;
            if (environment(option.Variable) is not { Length: > 0 } text) continue;
            foreach (string value in option.ListSeparator is char separator ? text.Split(separator) : [text])
            {
                if (option.Apply(options, value) is string error) return $"{error} (for {option.Variable})";
            }
        }
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
