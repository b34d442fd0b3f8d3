using static Tmds.Linux.LibC;

namespace Init.Files;

/// <summary>Why a file was not read or written: one clause, to follow "cannot read PATH: ".</summary>
/// <param name="Reason">E.g. "it is a FIFO, not a regular file", "it is larger than 4 MiB", "Permission denied".</param>
/// <param name="Errno">The errno of the call that failed; 0 when the file was there but refused.</param>
internal sealed record FileRefusal(string Reason, int Errno)
{
    /// <summary>Nothing is at the path (ENOTDIR: a directory on the way is not one), which some callers take as "no file".</summary>
    public bool Missing => Errno == ENOENT || Errno == ENOTDIR;

    public override string ToString() => Reason;
}
