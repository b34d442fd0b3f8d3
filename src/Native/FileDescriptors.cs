using static Tmds.Linux.LibC;

namespace Init.Native;

internal static class FileDescriptors
{
    /// <summary>
    /// <paramref name="fd"/>, or a close-on-exec copy of it numbered 3 or more (the original closed).
    /// Started with fd 0, 1 or 2 closed, the kernel hands out that number, which the init later fills
    /// with /dev/null (see InheritedResources): a descriptor the init keeps must stay above them.
    /// </summary>
    /// <exception cref="InitFailure">No copy could be made; <paramref name="what"/> names the descriptor.</exception>
    public static int AboveStandardStreams(int fd, string what)
    {
        if (fd >= 3) return fd;
        int above = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        int errno = Errno.Last;
        close(fd);
        if (above < 0) throw new InitFailure($"moving the {what} above fd 2: " + Errno.Describe(errno));
        return above;
    }
}
