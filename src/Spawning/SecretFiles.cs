using System;
using System.Collections.Generic;
using System.Text;
using Init.Files;

namespace Init.Spawning;

/// <summary>
/// --secret NAME: docker-library's `file_env NAME`, done by the init. When NAME_FILE is set, every
/// command gets NAME with the file's contents, trailing newlines removed as `$(&lt; file)` removes them,
/// and no NAME_FILE. The init reads the file before anything starts and before any --user switch,
/// so a secret only root can read reaches an unprivileged command.
/// </summary>
/// <remarks>
/// As in file_env, an empty variable counts as unset (`${NAME:-}`), and NAME_FILE is removed even
/// when empty. No message ever holds a value: only names and the path.
/// </remarks>
internal static class SecretFiles
{
    /// <summary>The kernel's limit for one environment string, "NAME=value" and its NUL (MAX_ARG_STRLEN: 32 pages of 4 KiB).</summary>
    private const int MaxEntry = 128 * 1024;

    /// <returns><paramref name="environment"/> with each secret's NAME set from NAME_FILE: the other entries are the same strings, in the same order.</returns>
    /// <exception cref="InitFailure">Both NAME and NAME_FILE are set, or NAME_FILE cannot be used, naming it and its path.</exception>
    public static ExecStrings Apply(ExecStrings environment, IReadOnlyList<string> names)
    {
        foreach (string name in names)
        {
            string fileName = name + "_FILE";
            bool hasValue = environment.Find(Encoding.ASCII.GetBytes(name + "=")) is { Length: > 0 };
            byte[]? path = environment.Find(Encoding.ASCII.GetBytes(fileName + "="));
            if (path is null) continue;
            if (hasValue && path.Length > 0) throw new InitFailure($"both {name} and {fileName} are set (but are exclusive)");
            environment = environment.Without(Encoding.ASCII.GetBytes(fileName + "="));
            if (path.Length == 0) continue;
            byte[] entry = Entry(name, fileName, path);
            environment = environment.Setting(entry);
            // The commands' copy is the only one the init keeps.
            Array.Clear(entry);
        }
        return environment;
    }

    /// <summary>"NAME=contents", the contents read from <paramref name="path"/> as `$(&lt; path)` reads them.</summary>
    private static byte[] Entry(string name, string fileName, byte[] path)
    {
        // A path that is not UTF-8 reads as another one, which is then not found: paths of secrets are ASCII.
        string shownPath = Encoding.UTF8.GetString(path);
        if (!RegularFile.TryRead(shownPath, MaxEntry, out byte[]? contents, out var refusal))
            throw Unusable(fileName, shownPath, refusal.Reason);
        try
        {
            int end = contents.Length;
            while (end > 0 && contents[end - 1] == '\n') end--;
            if (contents.AsSpan(0, end).Contains((byte)0))
                throw Unusable(fileName, shownPath, "it holds a NUL byte, which no environment variable can");
            if (name.Length + 1 + end + 1 > MaxEntry)
                throw Unusable(fileName, shownPath, $"{name}=CONTENTS would be longer than the kernel's {MaxEntry / 1024} KiB limit for one environment string");
            return [.. Encoding.ASCII.GetBytes(name + "="), .. contents.AsSpan(0, end)];
        }
        finally
        {
            Array.Clear(contents);
        }
    }

    private static InitFailure Unusable(string fileName, string path, string why) => new($"cannot read {fileName} '{path}': {why}");
}
