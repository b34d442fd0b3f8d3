using System;
using System.Collections.Generic;
using System.Globalization;
using Init.Files;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// --rlimit: the limits every command starts with, each checked before anything starts, so that a
/// child never fails half-way (the init's other commands already running) on a limit the kernel refuses.
/// </summary>
internal static unsafe class ResourceLimits
{
    /// <summary>The requests as the commands get them: HARD filled in, each one settable.</summary>
    /// <exception cref="InitFailure">A limit the kernel would refuse, naming it and why.</exception>
    public static ResourceLimit[] Settle(IReadOnlyList<LimitRequest> requests)
    {
        var limits = new ResourceLimit[requests.Count];
        for (int i = 0; i < requests.Count; i++) limits[i] = Settle(requests[i]);
        return limits;
    }

    private static ResourceLimit Settle(LimitRequest request)
    {
        ulong* current = stackalloc ulong[2];
        if (Rlimit.prlimit(0, request.Resource, null, current) != 0)
            throw Refused(request, "cannot read the init's own limit: prlimit: " + Errno.Describe(Errno.Last));
        var limit = new ResourceLimit(request.Resource, request.Soft, request.Hard ?? current[1]);
        if (limit.Soft > limit.Hard)
        {
            throw Refused(request, request.Hard is null
                ? $"the soft limit is above the hard limit, {ResourceLimit.Format(limit.Hard)} (the init's own, kept when no HARD is given)"
                : "the soft limit is above the hard limit");
        }
        // The kernel refuses any RLIMIT_NOFILE above fs.nr_open, with the EPERM a missing capability gives.
        if (limit.Resource == ResourceLimit.NoFile && ReadNrOpen() is ulong nrOpen && limit.Hard > nrOpen)
            throw Refused(request, $"above fs.nr_open ({nrOpen}), the most open files the kernel allows a process");
        TrySetting(request, limit, current[0], current[1]);
        return limit;
    }

    /// <summary>
    /// Asks the kernel itself, on the init: the hard limit raised as far as the command's (the soft one
    /// kept), then put back, which needs no privilege since lowering a hard limit never does. The init
    /// cannot try a lower hard limit on itself (it could not raise it again); the kernel always allows
    /// lowering, so setting the same limit again checks that nothing refuses the call (seccomp).
    /// </summary>
    private static void TrySetting(LimitRequest request, ResourceLimit limit, ulong soft, ulong hard)
    {
        ulong* trial = stackalloc ulong[] { soft, Math.Max(hard, limit.Hard) };
        if (Rlimit.prlimit(0, limit.Resource, trial, null) != 0)
        {
            int error = Errno.Last;
            throw Refused(request, error == EPERM && limit.Hard > hard
                ? $"raising the hard limit above {ResourceLimit.Format(hard)} needs CAP_SYS_RESOURCE (in the host's user namespace), which the init lacks"
                : "prlimit: " + Errno.Describe(error));
        }
        if (trial[1] == hard) return;
        ulong* own = stackalloc ulong[] { soft, hard };
        if (Rlimit.prlimit(0, limit.Resource, own, null) != 0)
            throw Refused(request, "cannot put the init's own limit back after trying it: prlimit: " + Errno.Describe(Errno.Last));
    }

    /// <summary>fs.nr_open, or null when it cannot be read (the kernel then still refuses, less clearly).</summary>
    private static ulong? ReadNrOpen() =>
        ulong.TryParse(Sysctl.Read("fs/nr_open"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : null;

    private static InitFailure Refused(LimitRequest request, string why) => new($"--rlimit {request}: {why}");
}
