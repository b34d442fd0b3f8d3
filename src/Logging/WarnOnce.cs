namespace Init.Logging;

/// <summary>
/// A warning the loop would otherwise repeat at every wake-up (a refused syscall it retries each time):
/// said the first time, and again only when its cause changes.
/// </summary>
internal struct WarnOnce
{
    private int _said; // the cause last said; 0 before any

    /// <param name="cause">What went wrong: an errno, or any other non-zero number.</param>
    /// <returns>Whether to say it now.</returns>
    public bool IsNew(int cause)
    {
        if (cause == _said) return false;
        _said = cause;
        return true;
    }

    /// <summary>For a warning with one cause only.</summary>
    public bool IsFirst() => IsNew(1);
}
