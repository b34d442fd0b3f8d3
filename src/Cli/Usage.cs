using System.Text;
using Init.Logging;

namespace Init.Cli;

/// <summary>How a usage error is reported: one line naming the problem, one with the usage, exit 2.</summary>
internal static class Usage
{
    public const int ErrorExitCode = Lifecycle.ExitCodes.UsageError;
    public const string Line = "Usage: init [OPTIONS] [--] COMMAND [ARG...]";

    public static ParseOutcome Error(string message)
    {
        Log.Error(message.TrimEnd('.').ReplaceLineEndings(" "));
        FileDescriptorOutput.WriteAll(FileDescriptorOutput.StandardError, Encoding.UTF8.GetBytes(Line + "   (see 'init --help')\n"));
        return new ParseOutcome.Exit(ErrorExitCode);
    }
}
