using System;
using System.Linq;
using System.Text;
using Init.Files;
using Init.Native;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// --user: whether, and as whom, the child is started as another user. Every refusal happens here,
/// before anything is started; the switch itself is the child's (src/Native/spawn_as_user.c).
/// </summary>
internal static class UserSwitch
{
    private const int CapSetgid = 6, CapSetuid = 7;

    /// <summary>
    /// The most of /etc/passwd or /etc/group read. An image's own are a few KiB; 4 MiB holds some 40,000
    /// entries of 100 bytes, more than any image carries, and bounds what the init holds before the
    /// command starts (the bytes, their text and its lines: about five times as much).
    /// </summary>
    private const int AccountFileLimit = 4 << 20;

    /// <summary>
    /// The child as <paramref name="spec"/> describes it, run as <paramref name="userSpec"/> with that
    /// user's HOME. When the init already is that user (a container started with `--user`, OpenShift's
    /// random uid), there is nothing to switch and the ordinary spawn runs it.
    /// </summary>
    /// <exception cref="InitFailure">The user cannot be found or cannot be become, or the binary is setuid.</exception>
    public static ChildSpec Apply(ChildSpec spec, string userSpec)
    {
        RefuseSetIdBinary();
        var user = UserSpec.Resolve(userSpec, ReadIfPresent("/etc/passwd"), ReadIfPresent("/etc/group"));
        var current = CurrentIdentity.Read();
        var withHome = spec.Environment.Setting(Encoding.UTF8.GetBytes("HOME=" + user.Home));
        if (current.Is(user)) return spec.With(withHome, user: null);
        if (!current.CanSwitch)
            throw new InitFailure($"the init runs as {current} without CAP_SETUID and CAP_SETGID: it cannot become '{userSpec}'");
        return spec.With(withHome, user);
    }

    /// <summary>
    /// A setuid or setgid init would let anyone who can run it run anything as anyone: refused outright
    /// (gosu#89), whoever started it.
    /// </summary>
    private static unsafe void RefuseSetIdBinary()
    {
        stat binary;
        int result;
        fixed (byte* path = "/proc/self/exe\0"u8) result = stat(path, &binary);
        if (result != 0)
            throw new InitFailure($"refusing --user: cannot stat /proc/self/exe: {Errno.Describe(Errno.Last)}");
        if ((binary.st_mode & (S_ISUID | S_ISGID)) != 0)
            throw new InitFailure("refusing --user: this init binary has the setuid or setgid bit set; remove it (chmod ug-s)");
    }

    /// <summary>The text of /etc/passwd or /etc/group, or null when there is none (runc then goes by numbers alone).</summary>
    /// <exception cref="InitFailure">It is there but is no regular file, cannot be read, or is too large.</exception>
    private static string? ReadIfPresent(string path)
    {
        if (RegularFile.TryRead(path, AccountFileLimit, out byte[]? bytes, out var refusal)) return Encoding.UTF8.GetString(bytes);
        return refusal.Missing ? null : throw new InitFailure($"--user: cannot read {path}: {refusal}");
    }

    /// <summary>The init's own ids and whether it may change them, from /proc/self/status.</summary>
    private sealed record CurrentIdentity(uint[] Uids, uint[] Gids, uint[] Groups, ulong EffectiveCapabilities)
    {
        /// <summary>About 1.5 KiB, but its Groups line may list up to 65,536 groups (NGROUPS_MAX) of up to 11 bytes each.</summary>
        private const int StatusLimit = 1 << 20;

        public static CurrentIdentity Read()
        {
            if (!RegularFile.TryRead("/proc/self/status", StatusLimit, out byte[]? status, out var refusal))
                throw new InitFailure($"--user: cannot read /proc/self/status: {refusal}");
            string[] lines = Encoding.UTF8.GetString(status).Split('\n');
            string Field(string name) =>
                lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "";
            uint[] Ids(string name) =>
                Field(name).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(uint.Parse).ToArray();
            return new CurrentIdentity(Ids("Uid"), Ids("Gid"), Ids("Groups"),
                Convert.ToUInt64(Field("CapEff") is { Length: > 0 } caps ? caps : "0", 16));
        }

        /// <summary>Real, effective, saved (and filesystem) ids and the groups already are the user's.</summary>
        public bool Is(TargetUser user) =>
            Uids.All(id => id == user.Uid) && Gids.All(id => id == user.Gid) &&
            Groups.Order().SequenceEqual(user.Groups.Order());

        public bool CanSwitch => (EffectiveCapabilities & (1UL << CapSetuid | 1UL << CapSetgid)) == (1UL << CapSetuid | 1UL << CapSetgid);

        public override string ToString() =>
            $"uid {Uids.FirstOrDefault()} gid {Gids.FirstOrDefault()} (groups {(Groups.Length == 0 ? "none" : string.Join(",", Groups))})";
    }
}
