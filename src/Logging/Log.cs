using System;
using System.Text;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Logging;

/// <summary>
/// The init's messages: one line each, prefixed with the program name, written to stderr in a single
/// write so lines from the init and the child never interleave mid-line. Stdout belongs to the child.
/// </summary>
/// <remarks>
/// Straight to the file descriptor: System.Console would make the runtime handle SIGCHLD, and as PID 1
/// it would then reap (and lose) the child's exit status; on a terminal it also writes escape sequences.
/// </remarks>
internal static unsafe class Log
{
    public const int Warnings = 1;
    public const int Information = 2;
    public const int Debugging = 3;
    public const int Tracing = 4;

    public const int StandardOutput = 1;
    public const int StandardError = 2;

    public const string ProgramName = "init";

    /// <summary>0 = errors only, 1 = warnings (default), 2 = -v, 3 = -vv, 4 = -vvv.</summary>
    public static int Verbosity { get; set; } = Warnings;

    public static void Error(string message) => Raw(ProgramName + ": " + message);

    // The same for interpolated messages, formatted without the shared array pool (see Text).
    public static void Error(Text message) => Error(message.ToStringAndClear());
    public static void Warn(Text message) => Warn(message.ToStringAndClear());
    public static void Notice(Text message) => Notice(message.ToStringAndClear());
    public static void Info(Text message) => Info(message.ToStringAndClear());
    public static void Debug(Text message) => Debug(message.ToStringAndClear());
    public static void Trace(Text message) => Trace(message.ToStringAndClear());

    public static void Warn(string message)
    {
        if (Verbosity >= Warnings) Raw(ProgramName + ": warning: " + message);
    }

    /// <summary>Worth saying by default, but not a problem: shown at the warnings level, without the "warning:".</summary>
    public static void Notice(string message) => At(Warnings, message);

    public static void Info(string message) => At(Information, message);

    public static void Debug(string message) => At(Debugging, message);

    public static void Trace(string message) => At(Tracing, message);

    private static void At(int level, string message)
    {
        if (Verbosity >= level) Raw(ProgramName + ": " + message);
    }

    /// <summary>One line to stderr, as it is.</summary>
    public static void Raw(string line) => WriteAll(StandardError, Encoding.UTF8.GetBytes(line + "\n"));

    /// <returns>0, or the errno of the write that failed (EIO for one that took nothing).</returns>
    public static int WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                long n = write(fd, start + done, bytes.Length - done);
                if (n < 0 && Errno.Last == EINTR) continue;
                if (n < 0) return Errno.Last;
                if (n == 0) return EIO;
                done += (int)n;
            }
        }
        return 0;
    }
}
