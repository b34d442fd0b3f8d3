using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Init.Spawning;

/// <summary>Who the command runs as: ids for the kernel, and the HOME its environment gets.</summary>
/// <param name="Groups">The supplementary groups, without duplicates.</param>
internal sealed record TargetUser(string Spec, uint Uid, uint Gid, uint[] Groups, string Home);

/// <summary>
/// `--user USER[:GROUP]` resolved as Docker resolves `docker run --user` (runc's libcontainer/user),
/// from the text of the container's own /etc/passwd and /etc/group: the static init has no NSS, and
/// Docker reads the files directly too.
/// </summary>
/// <remarks>
/// Docker's rules: a number is always an id, never a name. The first passwd entry that matches wins.
/// USER alone takes the entry's gid and, as groups, that gid plus every group listing the user's
/// name. An explicit GROUP is the only group. A uid without an entry runs with gid 0 (groups 0) and
/// HOME=/. HOME is the home field of the uid's first entry, even when that field is empty.
/// </remarks>
internal static class UserSpec
{
    private const long MaxId = int.MaxValue; // runc's limit, for 32-bit compatibility

    /// <param name="passwd">/etc/passwd's text, or null when there is none.</param>
    /// <param name="group">/etc/group's text, or null when there is none.</param>
    /// <exception cref="InitFailure">A name that no entry has, or a malformed USER[:GROUP].</exception>
    public static TargetUser Resolve(string spec, string? passwd, string? group)
    {
        int colon = spec.IndexOf(':');
        string userArg = colon < 0 ? spec : spec[..colon];
        string groupArg = colon < 0 ? "" : spec[(colon + 1)..];
        if (userArg.Length == 0 || groupArg.Contains(':'))
            throw new InitFailure($"--user '{spec}' is not USER[:GROUP]");
        long? uidArg = Number(userArg), gidArg = Number(groupArg);

        var users = PasswdEntries(passwd).ToList();
        var user = users.FirstOrDefault(u => uidArg is long uid ? u.Uid == uid : u.Name == userArg);
        if (user is { Uid: null } or { Gid: null }) throw Malformed("/etc/passwd", userArg);
        long resolvedUid;
        long gid = 0;
        if (user is not null)
        {
            resolvedUid = user.Uid!.Value;
            gid = user.Gid!.Value;
        }
        else if (uidArg is long uid)
        {
            resolvedUid = InRange(uid, spec);
        }
        else
        {
            throw new InitFailure(passwd is null
                ? $"cannot find user '{userArg}': there is no /etc/passwd"
                : $"cannot find user '{userArg}' in /etc/passwd");
        }

        var groups = new List<long>();
        var groupEntries = GroupEntries(group).ToList();
        if (groupArg.Length > 0)
        {
            var named = groupEntries.FirstOrDefault(g => gidArg is long n ? g.Gid == n : g.Name == groupArg);
            if (named is not null) gid = named.Gid ?? throw Malformed("/etc/group", groupArg);
            else if (gidArg is long n) gid = InRange(n, spec);
            else
            {
                throw new InitFailure(group is null
                    ? $"cannot find group '{groupArg}': there is no /etc/group"
                    : $"cannot find group '{groupArg}' in /etc/group");
            }
            groups.Add(gid);
        }
        else
        {
            groups.Add(gid);
            foreach (var listing in groupEntries.Where(g => user is not null && g.Members.Contains(user.Name)))
                groups.Add(listing.Gid ?? throw Malformed("/etc/group", listing.Name));
        }

        // runc looks HOME up again by the uid it was given, so the first entry with that uid decides.
        string home = users.FirstOrDefault(u => u.Uid == resolvedUid)?.Home ?? "/";
        return new TargetUser(spec, (uint)resolvedUid, (uint)InRange(gid, spec),
            groups.Distinct().Select(g => (uint)InRange(g, spec)).ToArray(), home);
    }

    /// <summary>An id field that is not a number is null: runc would read it as 0, and run the user as root.</summary>
    private sealed record PasswdEntry(string Name, long? Uid, long? Gid, string Home);

    private sealed record GroupEntry(string Name, long? Gid, string[] Members);

    private static InitFailure Malformed(string file, string name) =>
        new($"the entry for '{name}' in {file} is malformed: its id is not a number");

    // runc trims passwd lines but not group lines.
    private static IEnumerable<PasswdEntry> PasswdEntries(string? text)
    {
        foreach (string line in Lines(text))
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            string[] f = trimmed.Split(':');
            yield return new PasswdEntry(Field(f, 0), Number(Field(f, 2)), Number(Field(f, 3)), Field(f, 5));
        }
    }

    private static IEnumerable<GroupEntry> GroupEntries(string? text)
    {
        foreach (string line in Lines(text))
        {
            if (line.Length == 0) continue;
            string[] f = line.Split(':');
            string members = Field(f, 3);
            yield return new GroupEntry(Field(f, 0), Number(Field(f, 2)), members.Length == 0 ? [] : members.Split(','));
        }
    }

    // Go's line scanner drops a "\r" before each "\n".
    private static IEnumerable<string> Lines(string? text) =>
        text is null ? [] : text.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line);

    private static string Field(string[] fields, int index) => index < fields.Length ? fields[index] : "";

    /// <summary>Go's strconv.Atoi: optional sign, decimal digits, nothing else.</summary>
    private static long? Number(string text) =>
        text.Length > 0 && text.Length <= 19 &&
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : null;

    private static long InRange(long id, string spec) =>
        id is >= 0 and <= MaxId ? id : throw new InitFailure($"--user '{spec}': ids must be from 0 to {MaxId}");
}
