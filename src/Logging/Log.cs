using System.Text;

namespace Init.Logging;

/// <summary>
/// The init's messages: one line each, prefixed with the program name, written to stderr in a single
/// write so lines from the init and the child never interleave mid-line. Stdout belongs to the child.
/// </summary>
internal static class Log
{
    public const int Warnings = 1;
    public const int Information = 2;
    public const int Debugging = 3;
    public const int Tracing = 4;

    public const string ProgramName = "init";

    /// <summary>0 = errors only, 1 = warnings (default), 2 = -v, 3 = -vv, 4 = -vvv.</summary>
    public static int Verbosity { get; set; } = Warnings;

    public static void Error(string message) => Write(message);

    public static void Warn(string message)
    {
        if (Verbosity >= Warnings) Write("warning: " + message);
    }

    /// <summary>Worth saying by default, but not a problem: shown at the warnings level, without the prefix.</summary>
    public static void Notice(string message)
    {
        if (Verbosity >= Warnings) Write(message);
    }

    public static void Info(string message)
    {
        if (Verbosity >= Information) Write(message);
    }

    public static void Debug(string message)
    {
        if (Verbosity >= Debugging) Write(message);
    }

    public static void Trace(string message)
    {
        if (Verbosity >= Tracing) Write(message);
    }

    private static void Write(string message) =>
        FileDescriptorOutput.WriteAll(FileDescriptorOutput.StandardError,
            Encoding.UTF8.GetBytes(ProgramName + ": " + message + "\n"));
}
