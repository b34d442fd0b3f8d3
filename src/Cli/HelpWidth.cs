using System;
using System.Globalization;
using Init.Logging;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Cli;

/// <summary>
/// How wide --help is drawn: COLUMNS, else the width of the terminal on stdout, else 80. Not
/// System.CommandLine's default, Console.WindowWidth: on a terminal, Console sets the terminal up
/// first and writes ESC[?1h ESC= before the help (and the init never touches Console).
/// </summary>
internal static unsafe class HelpWidth
{
    public const int Default = 80;

    /// <summary>
    /// Below 40 columns System.CommandLine 2.0.0's HelpBuilder draws lines wider than asked, and below
    /// about 10 it never returns (measured): a narrower terminal gets 40-column lines, which it wraps.
    /// </summary>
    public const int Minimum = 40;

    public static int For(Func<string, string?> environment) => Math.Max(Minimum, Requested(environment));

    private static int Requested(Func<string, string?> environment)
    {
        if (int.TryParse(environment("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns > 0)
            return columns;
        winsize terminal;
        if (ioctl(Log.StandardOutput, TIOCGWINSZ, &terminal) == 0 && terminal.ws_col > 0) return terminal.ws_col;
        return Default;
    }
}
