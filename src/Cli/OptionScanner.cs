using System.Collections.Generic;

namespace Init.Cli;

/// <summary>
/// Reads the init's options as getopt_long reads tini's (with a leading '+'): they end at the first
/// argument that is not an option, or right after "--". Short options bundle (-vvg) and take their
/// value attached or as the next argument (-e5, -e 5, -pSIGTERM); long options take it after '=' or as
/// the next argument, never after ':'. A value is taken whatever it looks like (-p -v, -p =TERM).
/// </summary>
internal static class OptionScanner
{
    /// <summary>What getopt takes for an option or a bundle of them; "-" alone is an argument.</summary>
    public static bool IsOption(string argument) => argument.Length > 1 && argument[0] == '-';

    /// <param name="found">Receives each option found, in order.</param>
    /// <param name="commandStart">Index of the command's first argument (after a "--", if any).</param>
    /// <returns>null, or the usage error, naming the argument as given.</returns>
    public static string? Scan(string[] args, InitOption[] table, List<GivenOption> found, out int commandStart)
    {
        commandStart = 0;
        while (commandStart < args.Length && IsOption(args[commandStart]))
        {
            string argument = args[commandStart++];
            if (argument == "--") return null;
            string? error = argument[1] == '-'
                ? ScanLong(argument, args, ref commandStart, table, found)
                : ScanShort(argument, args, ref commandStart, table, found);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ScanLong(string argument, string[] args, ref int next, InitOption[] table, List<GivenOption> found)
    {
        int equals = argument.IndexOf('=');
        string name = equals < 0 ? argument : argument[..equals];
        var option = System.Array.Find(table, o => "--" + o.Long == name);
        if (option is null) return $"unrecognized option '{argument}'";
        string? value = null;
        if (!option.TakesValue)
        {
            if (equals >= 0) return $"option '{name}' takes no value, but '{argument}' gives one";
        }
        else if (equals >= 0) value = argument[(equals + 1)..];
        else if (next < args.Length) value = args[next++];
        else return $"option '{name}' needs a value";
        found.Add(new GivenOption(option, name, value));
        return null;
    }

    private static string? ScanShort(string argument, string[] args, ref int next, InitOption[] table, List<GivenOption> found)
    {
        for (int c = 1; c < argument.Length; c++)
        {
            string name = "-" + argument[c];
            var option = System.Array.Find(table, o => o.Short == argument[c]);
            if (option is null)
                return argument.Length == 2 ? $"unrecognized option '{name}'" : $"unrecognized option '{name}' in '{argument}'";
            if (!option.TakesValue)
            {
                found.Add(new GivenOption(option, name, null));
                continue;
            }
            if (c + 1 < argument.Length) found.Add(new GivenOption(option, name, argument[(c + 1)..]));
            else if (next < args.Length) found.Add(new GivenOption(option, name, args[next++]));
            else return $"option '{name}' needs a value";
            return null;
        }
        return null;
    }
}
