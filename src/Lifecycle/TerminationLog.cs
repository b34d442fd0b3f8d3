using System;
using System.IO;
using System.Text;
using Init.Logging;

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
    /// Writes <paramref name="reason"/> to <paramref name="path"/> only if the file exists and is
    /// empty: a message the command wrote itself wins, and with FallbackToLogsOnError an empty file
    /// is what makes the kubelet use the logs. The file is never created. A failure is a warning.
    /// </summary>
    public static void Write(string path, string reason)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            if (file.Length != 0)
            {
                Log.Info($"not writing the termination log {path}: it is not empty");
                return;
            }
            file.Write(Truncated(reason));
        }
        catch (FileNotFoundException)
        {
            Log.Info($"not writing the termination log {path}: there is no such file (it is never created)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Log.Warn($"cannot write the termination log {path}: {e.Message}");
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
