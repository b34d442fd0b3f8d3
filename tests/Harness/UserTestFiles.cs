using System;
using System.IO;

namespace Init.Tests.Harness;

/// <summary>
/// The tests' own /etc/passwd and /etc/group: users with and without supplementary groups, one
/// listed in its own primary group, one without a home, and malformed entries (ids not numbers). Installed in a scratch directory that
/// disposing removes; <see cref="Wrapper"/> shows them at /etc in a mount namespace of the init's own.
/// </summary>
public sealed class UserTestFiles : IDisposable
{
    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n" +
        "bob:x:1001:1001:Bob:/home/bob:/bin/sh\n" +
        "nohome:x:1002:1002:No home::/bin/sh\n" +
        "broken:x:1x:1003::/broken:/bin/sh\n";

    public const string Group =
        "root:x:0:\n" +
        "alice:x:1000:alice\n" +
        "bob:x:1001:\n" +
        "nohome:x:1002:\n" +
        "staff:x:50:alice\n" +
        "audio:x:29:alice\n" +
        "wheel:x:10:alice\n" +
        "badgroup:x:5x:\n";

    /// <summary>The forms of USER[:GROUP] the tests compare with `docker run --user`.</summary>
    public static readonly string[] Forms =
        ["alice", "1000", "bob", "nohome", "alice:staff", "alice:50", "1000:staff", "1000:50", "4242", "4242:50", "4242:staff", "root", "0:50"];

    private readonly Scratch _scratch = new("users");

    public string Directory => _scratch.Path;

    public UserTestFiles()
    {
        File.WriteAllText(PasswdPath, Passwd);
        File.WriteAllText(GroupPath, Group);
        // Writable by the unprivileged commands the tests run.
        File.SetUnixFileMode(Directory, (UnixFileMode)Convert.ToInt32("1777", 8));
    }

    public string PasswdPath => Path.Combine(Directory, "passwd");

    public string GroupPath => Path.Combine(Directory, "group");

    /// <summary>
    /// For <see cref="InitProcess.StartWrapped"/>: a mount namespace of its own in which the files are
    /// bind-mounted over /etc/passwd and /etc/group; the mounts end with the namespace.
    /// </summary>
    public string[] Wrapper =>
        ["unshare", "--mount", "sh", "-c", "mount --bind \"$0\" /etc/passwd && mount --bind \"$1\" /etc/group && shift && exec \"$@\"",
            PasswdPath, GroupPath];

    /// <summary>
    /// For <see cref="InitProcess.StartWrapped"/>: the directory <paramref name="etc"/> shown as the whole
    /// of /etc in a mount namespace of its own, for an /etc/passwd that no bind mount over the file can
    /// give (a link, a directory). Programs need nothing else from /etc to start.
    /// </summary>
    public static string[] WrapperShowingAsEtc(string etc) =>
        ["unshare", "--mount", "sh", "-c", "mount --bind \"$0\" /etc && exec \"$@\"", etc];

    public void Dispose() => _scratch.Dispose();
}
