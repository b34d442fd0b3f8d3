using System;

namespace Init.Lifecycle;

/// <summary>
/// --stop-delay: the stop request's SIGTERM, held back while a load balancer still sends traffic,
/// and when it is due to be forwarded.
/// </summary>
internal struct HeldStop
{
    /// <summary>When the SIGTERM held back is forwarded; null while none is held.</summary>
    public Deadline? Due { get; private set; }

    public readonly bool IsHeld => Due is not null;

    public readonly bool IsDue => Due is { HasPassed: true };

    public void Hold(TimeSpan delay) => Due = Deadline.In(delay);

    /// <summary>Lets go of the SIGTERM held back, if any: the caller forwards it, or a SIGTERM of its own.</summary>
    public void Release() => Due = null;
}
