using System.Collections.Generic;
using System.CommandLine;

namespace Init.Cli;

/// <summary>
/// Finds where the init's options end and the command begins, as getopt does with a leading '+':
/// at the first argument that is neither an option nor an option's value, or right after "--".
/// </summary>
/// <remarks>
/// System.CommandLine would otherwise take the command's own options: `init sleep -v 5` must run
/// `sleep -v 5`, not make the init verbose. Which options take a value is read from the parser's own
/// definitions, so this cannot drift from them.
/// </remarks>
internal static class CommandBoundary
{
    /// <param name="optionsEnd">Index of the first argument that is not the init's.</param>
    /// <param name="commandStart">Index of the command's first argument (after a "--", if any).</param>
    public static void Find(string[] args, IList<Option> options, out int optionsEnd, out int commandStart)
    {
        int i = 0;
        while (i < args.Length)
        {
            string token = args[i];
            if (token == "--")
            {
                optionsEnd = i;
                commandStart = i + 1;
                return;
            }
            if (token.Length < 2 || token[0] != '-') break;
            i += TakesSeparateValue(token, options) ? 2 : 1;
        }
        optionsEnd = commandStart = System.Math.Min(i, args.Length);
    }

    /// <summary>True when the option's value is the next argument rather than part of this one.</summary>
    private static bool TakesSeparateValue(string token, IList<Option> options)
    {
        if (token.StartsWith("--", System.StringComparison.Ordinal))
        {
            if (token.Contains('=') || token.Contains(':')) return false;
            return Find(token, options) is { } option && TakesValue(option);
        }
        // A bundle of short options: "-vvv", "-gv", "-e143", "-ve" followed by a value.
        for (int c = 1; c < token.Length; c++)
        {
            if (Find("-" + token[c], options) is not { } option) return false; // the parser reports it
            if (TakesValue(option)) return c == token.Length - 1;
        }
        return false;
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
