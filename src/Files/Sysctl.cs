using System.Text;

namespace Init.Files;

/// <summary>A kernel setting under /proc/sys, read as the text it holds.</summary>
internal static class Sysctl
{
    /// <summary>A sysctl's value is one short line.</summary>
    private const int Limit = 64;

    /// <param name="path">Under /proc/sys: "fs/nr_open" for fs.nr_open.</param>
    /// <returns>The value without its newline, or null when it cannot be read.</returns>
    public static string? Read(string path) =>
        RegularFile.TryRead("/proc/sys/" + path, Limit, out byte[]? bytes, out _) ? Encoding.ASCII.GetString(bytes).Trim() : null;
}
