using System;
using System.Collections.Generic;
using System.CommandLine;

namespace Init.Cli;

/// <summary>
/// Reads the init's options as getopt_long reads tini's (with a leading '+'): they end at the first
/// argument that is not an option, or right after "--". Short options bundle (-vvg) and take their
/// value attached or as the next argument (-e5, -e 5, -pSIGTERM); long options take it after '=' or as
/// the next argument, never after ':'. A value is taken whatever it looks like (-p -v, -p =TERM).
/// </summary>
/// <remarks>
/// System.CommandLine alone would take the command's own options (`init sleep -v 5`), split values at
/// ':' and '=' (-p:TERM, -e=5) and read a value such as "--" or "-v" as an option. It gets what this
/// scan found, spelled so that it cannot misread it. Which options take a value is read from its own
/// definitions, so the two cannot drift apart.
/// </remarks>
internal static class OptionScanner
{
    /// <summary>What getopt takes for an option or a bundle of them; "-" alone is an argument.</summary>
    public static bool IsOption(string argument) => argument.Length > 1 && argument[0] == '-';

    /// <param name="tokens">Receives each option found: a flag alone; a value after '=' (System.CommandLine
    /// splits at the first '=' or ':', and no option name holds one); an empty value as a token of its own.</param>
    /// <param name="commandStart">Index of the command's first argument (after a "--", if any).</param>
    /// <returns>null, or the usage error, naming the argument as given.</returns>
    public static string? Scan(string[] args, IList<Option> options, List<string> tokens, out int commandStart)
    {
        int next = 0;
        while (next < args.Length)
        {
            string argument = args[next];
            if (!IsOption(argument)) break;
            next++;
            if (argument == "--")
            {
                commandStart = next;
                return null;
            }
            string? error = argument[1] == '-'
                ? ScanLong(argument, args, ref next, options, tokens)
                : ScanShort(argument, args, ref next, options, tokens);
            if (error is not null)
            {
                commandStart = next;
                return error;
            }
        }
        commandStart = next;
        return null;
    }

    private static string? ScanLong(string argument, string[] args, ref int next, IList<Option> options, List<string> tokens)
    {
        int equals = argument.IndexOf('=');
        string name = equals < 0 ? argument : argument[..equals];
        if (Find(name, options) is not { } option) return $"unrecognized option '{argument}'";
        if (!TakesValue(option))
        {
            if (equals >= 0) return $"option '{name}' takes no value, but '{argument}' gives one";
            tokens.Add(name);
            return null;
        }
        if (equals >= 0) AddValue(name, argument[(equals + 1)..], tokens);
        else if (next < args.Length) AddValue(name, args[next++], tokens);
        else return $"option '{name}' needs a value";
        return null;
    }

    private static string? ScanShort(string argument, string[] args, ref int next, IList<Option> options, List<string> tokens)
    {
        for (int c = 1; c < argument.Length; c++)
        {
            string name = "-" + argument[c];
            if (Find(name, options) is not { } option)
                return argument.Length == 2 ? $"unrecognized option '{name}'" : $"unrecognized option '{name}' in '{argument}'";
            if (!TakesValue(option))
            {
                tokens.Add(name);
                continue;
            }
            if (c + 1 < argument.Length) AddValue(name, argument[(c + 1)..], tokens);
            else if (next < args.Length) AddValue(name, args[next++], tokens);
            else return $"option '{name}' needs a value";
            return null;
        }
        return null;
    }

    private static void AddValue(string name, string value, List<string> tokens)
    {
        if (value.Length > 0)
        {
            tokens.Add(name + "=" + value);
            return;
        }
        tokens.Add(name);
        tokens.Add(value);
    }

    private static Option? Find(string name, IList<Option> options)
    {
        foreach (var option in options)
        {
            if (option.Name == name || option.Aliases.Contains(name)) return option;
        }
        return null;
    }

    private static bool TakesValue(Option option) => option.Arity.MaximumNumberOfValues > 0;
}
