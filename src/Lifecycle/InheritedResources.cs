using System;
using System.Runtime.InteropServices;
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
    /// <remarks>
    /// readdir gives the names without the lstat and stat per descriptor that Directory.GetFiles makes.
    /// Closing a descriptor while the listing is read is safe: /proc/self/fd is read in order of number.
    /// </remarks>
    private static void CloseInheritedDescriptors()
    {
        nint directory;
        fixed (byte* path = "/proc/self/fd\0"u8) directory = Dirent.opendir(path);
        if (directory == 0)
        {
            Log.Debug("cannot list /proc/self/fd; inherited descriptors stay open: " + Errno.Describe(Errno.Last));
            return;
        }
        int listing = Dirent.dirfd(directory);
        for (byte* entry; (entry = Dirent.readdir(directory)) != null;)
        {
            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + Dirent.NameOffset);
            if (!int.TryParse(name, out int fd) || fd < 3 || fd == listing) continue; // ".", ".." are no numbers
            int flags = fcntl(fd, F_GETFD);
            if (flags >= 0 && (flags & FD_CLOEXEC) == 0) close(fd);
        }
        Dirent.closedir(directory);
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
