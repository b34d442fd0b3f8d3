using System.Collections.Generic;
using System.Text;

namespace Init.Cli;

/// <summary>
/// Splits a command line into words by a POSIX shell's quoting rules, without any expansion: single
/// quotes take everything literally, double quotes everything but a backslash before $ ` " \ or a
/// newline, and a backslash outside quotes takes the next character literally ('\' + newline joins
/// lines). `''` is an empty word. `$`, `*`, `~`, `#`, `;` and `|` are ordinary characters: no shell runs.
/// </summary>
internal static class CommandWords
{
    /// <returns>The words, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static List<string>? Split(string line, out string? error)
    {
        error = null;
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false; // a quote starts a word even when it ends up empty
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    continue;
                case '\'':
                    int close = line.IndexOf('\'', i + 1);
                    if (close < 0) return Fail(out error, "an unbalanced single quote");
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                        {
                            if (line[++i] != '\n') word.Append(line[i]);
                        }
                        else word.Append(line[i]);
                    }
                    if (i == line.Length) return Fail(out error, "an unbalanced double quote");
                    break;
                case '\\':
                    if (++i == line.Length) return Fail(out error, "a backslash with nothing after it");
                    if (line[i] == '\n') continue; // a line continuation is not a word
                    word.Append(line[i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
            inWord = true;
        }
        if (inWord) words.Add(word.ToString());
        if (words.Count == 0) return Fail(out error, "no command");
        return words;
    }

    private static List<string>? Fail(out string? error, string problem)
    {
        error = problem;
        return null;
    }
}
