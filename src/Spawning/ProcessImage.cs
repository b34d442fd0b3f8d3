using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Init.Spawning;

/// <summary>The argv and environment exactly as the kernel handed them to the init.</summary>
/// <remarks>
/// .NET decodes argv and the environment as UTF-8 and replaces bytes that are not; the kernel's own
/// copies are what the child must see: the environment as src/Native/preinit.c saved it, argv from
/// /proc/self/cmdline. Where neither is to be had, the decoded ones are used.
/// </remarks>
internal static class ProcessImage
{
    /// <summary>The init's arguments from <paramref name="firstIndex"/> on, as raw bytes.</summary>
    public static byte[][] Arguments(string[] args, int firstIndex)
    {
        var raw = ReadNulSeparated("/proc/self/cmdline");
        // /proc/self/cmdline starts with the init's own argv[0], which args leaves out.
        if (raw is not null && raw.Count == args.Length + 1)
            return raw.GetRange(firstIndex + 1, args.Length - firstIndex).ToArray();

        var encoded = new byte[args.Length - firstIndex][];
        for (int i = firstIndex; i < args.Length; i++) encoded[i - firstIndex] = Encoding.UTF8.GetBytes(args[i]);
        return encoded;
    }

    /// <summary>What the init was given, DOTNET_* settings included (see preinit.c), as raw bytes.</summary>
    public static byte[][] Environment()
    {
        if (Native.StartupState.Environment is byte[][] given) return given;
        var raw = ReadNulSeparated("/proc/self/environ");
        if (raw is not null) return raw.ToArray();

        var decoded = new List<byte[]>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            decoded.Add(Encoding.UTF8.GetBytes($"{entry.Key}={entry.Value}"));
        return decoded.ToArray();
    }

    private static List<byte[]>? ReadNulSeparated(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        var items = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] != 0) continue;
            items.Add(content.AsSpan(start, i - start).ToArray());
            start = i + 1;
        }
        return items;
    }
}
