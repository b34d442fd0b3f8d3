using System;
using System.Text;
using Init.Files;
using Init.Logging;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Lifecycle;

/// <summary>
/// --termination-log: the reason the command ended abnormally, written where Kubernetes reads a
/// container's termination message (terminationMessagePath, /dev/termination-log by default).
/// </summary>
internal static class TerminationLog
{
    /// <summary>The kubelet reads at most this much of the file.</summary>
    public const int MaxBytes = 4096;

    /// <summary>
    /// Writes <paramref name="reason"/> to <paramref name="path"/> only if it is a regular file that
    /// exists and is empty: a message the command wrote itself wins, and with FallbackToLogsOnError an
    /// empty file is what makes the kubelet use the logs. The file is never created. Anything else (a
    /// FIFO, a device, a directory, a failed write) is a warning: the command's status still stands.
    /// </summary>
    public static void Write(string path, string reason)
    {
        if (!RegularFile.TryOpen(path, O_WRONLY, out int fd, out long size, out var refusal))
        {
            if (refusal.Missing) Log.Info($"not writing the termination log {path}: there is no such file (it is never created)");
            else Log.Warn($"cannot write the termination log {path}: {refusal}");
            return;
        }
        try
        {
            if (size != 0) Log.Info($"not writing the termination log {path}: it is not empty");
            else if (Log.WriteAll(fd, Truncated(reason)) is int errno and not 0)
                Log.Warn($"cannot write the termination log {path}: {Errno.Describe(errno)}");
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, cut to <see cref="MaxBytes"/> without splitting a character.</summary>
    public static byte[] Truncated(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= MaxBytes) return bytes;
        int end = MaxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) end--; // bytes[end] continues a character that starts before it
        return bytes.AsSpan(0, end).ToArray();
    }
}
