using System;
using System.Collections.Generic;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>The files execvp tries for a command name, in order, found as glibc finds them.</summary>
internal static class PathSearch
{
    /// <summary>glibc's search path when PATH is not set (confstr _CS_PATH).</summary>
    private static readonly byte[] DefaultPath = "/bin:/usr/bin"u8.ToArray();

    /// <summary>
    /// <paramref name="name"/> itself when it holds a '/', otherwise NAME under each PATH entry; an empty
    /// entry is the working directory. Each candidate holds a '/', so exec does not search again.
    /// </summary>
    /// <param name="environment">"NAME=value" entries, byte for byte; PATH is read from them.</param>
    public static IEnumerable<byte[]> Candidates(byte[] name, ExecStrings environment)
    {
        if (name.AsSpan().IndexOf((byte)'/') >= 0)
        {
            yield return name;
            yield break;
        }
        if (name.Length == 0) yield break;
        byte[] path = environment.Find("PATH="u8) ?? DefaultPath;
        int start = 0;
        while (start <= path.Length)
        {
            int end = Array.IndexOf(path, (byte)':', start);
            if (end < 0) end = path.Length;
            byte[] directory = end > start ? path[start..end] : "."u8.ToArray();
            yield return [.. directory, (byte)'/', .. name];
            start = end + 1;
        }
    }

    /// <summary>The errors after which execvp tries the next PATH entry (EACCES too, remembered).</summary>
    public static bool SkipsPast(int errno) =>
        errno == ENOENT || errno == ENOTDIR || errno == ESTALE || errno == ENODEV || errno == ETIMEDOUT;
}
