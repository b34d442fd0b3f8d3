using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Init.Cli;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Cli;

/// <summary>The command line as a user meets it: the published binary, its output and exit codes.</summary>
public class OptionsAndHelp
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var init = InitProcess.Start(Mode.Plain, args);
        int code = init.WaitForExit();
        return (code, string.Join("\n", init.Stdout), init.Stderr);
    }

    [Fact]
    public void Options_after_the_command_belong_to_the_command()
    {
        var (code, stdout, _) = Run("sh", "-c", "echo \"$@\"", "sh", "-v", "5", "--", "-g");
        Assert.Equal(0, code);
        Assert.Equal("-v 5 -- -g", stdout);
    }

    [Theory]
    [InlineData(new[] { "-x", "true" }, "unrecognized option '-x'")]
    [InlineData(new[] { "--frobnicate", "true" }, "--frobnicate")]
    [InlineData(new[] { "-p", "SIGNOPE", "true" }, "'SIGNOPE' is not a signal name or number")]
    [InlineData(new[] { "-e", "300", "true" }, "'300' is not an exit code from 0 to 255")]
    [InlineData(new[] { "-v" }, "missing command to run")]
    public void Usage_errors_name_the_problem_and_exit_2(string[] args, string message)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("init: ", stderr);
        Assert.Contains(message, stderr);
        Assert.Contains("Usage: init [OPTIONS] [--] COMMAND [ARG...]", stderr);
    }

    [Fact]
    public void Version_has_the_format_docker_info_parses()
    {
        var (code, stdout, _) = Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(new Regex(@"^init version \d+\.\d+\.\d+ - git\.([0-9a-f]{7}|unknown)$"), stdout);
    }

    [Fact]
    public void License_prints_the_MIT_licence()
    {
        var (code, stdout, _) = Run("-l");
        Assert.Equal(0, code);
        Assert.StartsWith("MIT License", stdout);
    }

    /// <summary>
    /// Each row of the option table has one entry in the help: its flags whole, as the first column
    /// ("-s, --subreaper", "--also <'CMD ARG...'>"), its variable in the description; nothing else is listed.
    /// </summary>
    [Fact]
    public void Help_lists_every_option()
    {
        // 80 columns, whatever the test's terminal: the flags column wraps only on a narrower one.
        using var init = InitProcess.StartWith(Mode.Plain, new Dictionary<string, string?> { ["COLUMNS"] = "80" }, null, "--help");
        Assert.Equal(0, init.WaitForExit());
        string stdout = string.Join("\n", init.Stdout);
        var entries = HelpEntries(stdout);
        foreach (var option in CommandLine.Options)
        {
            string flags = (option.Short is char c ? $"-{c}, " : "") + "--" + option.Long + (option.TakesValue ? $" <{option.ValueName}>" : "");
            Assert.True(entries.TryGetValue(flags, out string? description), $"no help entry is '{flags}'.\nhelp:\n{stdout}");
            if (option.Variable is string variable) Assert.Contains($"Env: {variable}.", description);
        }
        Assert.Equal(CommandLine.Options.Length, entries.Count);
    }

    /// <summary>The help's option entries: the flags column, and the description with its wrapped lines joined by one space.</summary>
    private static Dictionary<string, string> HelpEntries(string help)
    {
        var entries = new Dictionary<string, string>();
        string? flags = null;
        foreach (string line in help[help.IndexOf("Options:\n", StringComparison.Ordinal)..].Split('\n').Skip(1))
        {
            if (Regex.Match(line, @"^  (-\S.*?)(?:\s{2,}(.*))?$") is { Success: true } entry)
            {
                flags = entry.Groups[1].Value;
                entries.Add(flags, entry.Groups[2].Value.Trim());
            }
            else if (flags is not null && line.Trim().Length > 0)
            {
                entries[flags] = (entries[flags] + " " + line.Trim()).TrimStart();
            }
        }
        return entries;
    }

    [Fact]
    public void Repeated_v_turns_on_debug_logging()
    {
        var (code, _, stderr) = Run("-vvv", "true");
        Assert.Equal(0, code);
        Assert.Contains("init: registered as child subreaper", stderr);
        Assert.Contains("init: started 'true' as process", stderr);
    }

    [Fact]
    public void Tini_verbosity_variable_sets_the_level()
    {
        using var init = InitProcess.StartWith(Mode.Plain,
            new System.Collections.Generic.Dictionary<string, string?> { ["TINI_VERBOSITY"] = "3" }, null, "true");
        Assert.Equal(0, init.WaitForExit());
        Assert.Contains("init: registered as child subreaper", init.Stderr);
    }
}
