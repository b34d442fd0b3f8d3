namespace Init.Reaping;

/// <summary>What one look for an ended child found.</summary>
internal enum Reaped
{
    /// <summary>A child had ended; it is collected now.</summary>
    One,
    /// <summary>Children remain, and none of them has ended.</summary>
    NoneEnded,
    /// <summary>The init has no children at all. Orphans are reparented to it, so no descendant is left either.</summary>
    NoChildren,
}
