using System;
using System.Collections.Generic;
using System.IO;

namespace Init.Watching;

/// <summary>A directory to watch, and the one entry in it that matters (null: every entry).</summary>
internal readonly record struct WatchPoint(string Directory, string? Name)
{
    public bool Covers(string directory, string? name) =>
        Directory == directory && (Name is null || name is null || Name == name);

    /// <summary>
    /// The watch points that see every change of <paramref name="path"/>: the directory holding each
    /// symbolic link met on the way (for that link's name), and the target itself (a directory: all of
    /// it; a file: its name in its directory).
    /// </summary>
    /// <remarks>
    /// A watch on an inode goes dead when the name is pointed at another inode, which is how every
    /// safe update works: an editor renames a new file over the old one, and the kubelet renames a new
    /// `..data` link over the old one (AtomicWriter), the names users mount being links through it
    /// (`app.conf -> ..data/app.conf`, `..data -> ..2026_01_02_03_04_05.123`). The directories that
    /// hold those names stay, so their watches see each swap, the first and every later one; the caller
    /// resolves the path again after each change, as the links may point elsewhere by then.
    /// </remarks>
    /// <param name="path">An absolute path.</param>
    /// <returns>Whether the path exists; if not, the last point watches the directory where the missing name would appear.</returns>
    public static bool Resolve(string path, List<WatchPoint> into)
    {
        const int MaxLinks = 40; // the kernel's own limit (ELOOP)
        var pending = new List<string>(Components(path));
        string current = "/";
        int links = 0;
        while (pending.Count > 0)
        {
            string name = pending[0];
            pending.RemoveAt(0);
            if (name == ".") continue;
            if (name == "..")
            {
                current = Parent(current);
                continue;
            }
            string next = Path.Join(current, name);
            switch (KindOf(next, out string? linkTarget))
            {
                case Kind.Missing:
                    into.Add(new WatchPoint(current, name));
                    return false;
                case Kind.Link when ++links <= MaxLinks:
                    into.Add(new WatchPoint(current, name));
                    pending.InsertRange(0, Components(linkTarget!));
                    if (linkTarget!.StartsWith('/')) current = "/";
                    continue;
                case Kind.Link:
                    return false;
                case Kind.File when pending.Count > 0:
                    into.Add(new WatchPoint(current, name)); // not a directory (ENOTDIR): waits for one to take its place
                    return false;
                case Kind.File:
                    into.Add(new WatchPoint(current, name));
                    return true;
                case Kind.Directory:
                    current = next;
                    continue;
            }
        }
        into.Add(new WatchPoint(current, null));
        return true;
    }

    private enum Kind { Missing, Link, File, Directory }

    private static Kind KindOf(string path, out string? linkTarget)
    {
        linkTarget = null;
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is string target)
            {
                linkTarget = target;
                return Kind.Link;
            }
            if (System.IO.Directory.Exists(path)) return Kind.Directory;
            return info.Exists ? Kind.File : Kind.Missing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Kind.Missing;
        }
    }

    private static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Parent(string directory) => Path.GetDirectoryName(directory) ?? "/";
}
