using System.Text.RegularExpressions;
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

    [Fact]
    public void Help_lists_every_option()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        foreach (string option in new[] { "-s", "-p", "-v", "-w", "-g", "-e", "-l", "--version", "--help" })
            Assert.Contains(option, stdout);
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
