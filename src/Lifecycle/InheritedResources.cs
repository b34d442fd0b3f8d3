using System;
using System.IO;
using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>Lets go of what the init inherited and no longer needs once the child has its own copies.</summary>
internal static unsafe class InheritedResources
{
    /// <remarks>
    /// A pipe reaches EOF only when every holder of its write end closes it; an init that keeps its
    /// inherited copy makes `init -- cmd | reader` hang after cmd closes its end. A busy working
    /// directory keeps a volume from being unmounted. stderr stays: the init logs there.
    /// </remarks>
    public static void Release()
    {
        CloseInheritedDescriptors();
        ReplaceWithDevNull(0);
        ReplaceWithDevNull(1);
        fixed (byte* root = "/\0"u8)
        {
            if (chdir(root) != 0) Log.Debug("cannot change directory to /: " + Errno.Describe(Errno.Last));
        }
    }

    /// <summary>
    /// Closes descriptors from 3 up that are not close-on-exec. The runtime and the init open theirs
    /// close-on-exec, and anything inherited through execve cannot be; so this closes exactly what the
    /// init inherited, and nothing the runtime still uses.
    /// </summary>
    private static void CloseInheritedDescriptors()
    {
        string[] entries;
        try
        {
            entries = Directory.GetFiles("/proc/self/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Debug("cannot list /proc/self/fd; inherited descriptors stay open");
            return;
        }
        foreach (string entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd) || fd < 3) continue;
            int flags = fcntl(fd, F_GETFD);
            if (flags >= 0 && (flags & FD_CLOEXEC) == 0) close(fd);
        }
    }

    private static void ReplaceWithDevNull(int fd)
    {
        fixed (byte* devNull = "/dev/null\0"u8)
        {
            int nullFd = open(devNull, O_RDWR | O_CLOEXEC, 0);
            if (nullFd < 0)
            {
                close(fd); // no /dev/null (an empty image): closing still releases the pipe or file
                return;
            }
            dup2(nullFd, fd);
            close(nullFd);
        }
    }
}
