using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>
/// `--secret NAME`: docker-library's file_env done by the init. Every command gets NAME from the file
/// NAME_FILE names, and no NAME_FILE; a file that cannot be used stops the init before anything runs.
/// </summary>
public sealed class SecretsFromFiles : IDisposable
{
    private const string Value = "s3cret-Vh7q";

    /// <summary>Prints what the command got: NAME in brackets, and whether NAME_FILE is still set.</summary>
    private const string PrintSecret = "echo \"value:[$DB_PASSWORD] file:${DB_PASSWORD_FILE-unset}.\"";

    private readonly Scratch _scratch = new("secrets");

    public void Dispose() => _scratch.Dispose();

    private string SecretFile(string contents)
    {
        string path = _scratch.File("secret");
        File.WriteAllText(path, contents);
        return path;
    }

    private static InitProcess Start(Mode mode, Dictionary<string, string?> environment, params string[] initArguments) =>
        InitProcess.StartWith(mode, environment, null, initArguments);

    [Theory]
    [BothModes]
    public void The_command_gets_the_files_contents_without_trailing_newlines_and_no_NAME_FILE(Mode mode)
    {
        // $(< file) removes every trailing newline, and only those.
        string path = SecretFile($"  {Value}\n\tend \n\n\n");
        using var init = Start(mode, new() { ["DB_PASSWORD_FILE"] = path }, "--secret", "DB_PASSWORD", "--", "sh", "-c", PrintSecret);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal([$"value:[  {Value}", "\tend ] file:unset."], init.Stdout);
    }

    [Fact]
    public void The_rest_of_the_environment_passes_byte_for_byte()
    {
        string path = SecretFile(Value);
        // Bytes that are not UTF-8, which .NET's view of the environment would have replaced.
        using var init = InitProcess.Around(
            $"export ODD=$'\\xff\\xfe=\\x01'; DB_PASSWORD_FILE='{path}' exec \"$INIT\" --secret DB_PASSWORD -- " +
            "sh -c 'printf %s \"$ODD\" | od -An -tx1; env | grep -c ^DB_'");
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal(["ff fe 3d 01", "1"], init.Stdout.Select(line => line.Trim()));
    }

    [Theory]
    [BothModes]
    public void Without_NAME_FILE_nothing_changes(Mode mode)
    {
        using var init = Start(mode, new() { ["DB_PASSWORD"] = "given" }, "--secret", "DB_PASSWORD", "--", "sh", "-c", PrintSecret);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal(["value:[given] file:unset."], init.Stdout);
    }

    [Theory]
    [BothModes]
    public void Both_NAME_and_NAME_FILE_set_exits_1_before_anything_runs(Mode mode)
    {
        string ran = _scratch.File("ran");
        using var init = Start(mode, new() { ["DB_PASSWORD"] = "given", ["DB_PASSWORD_FILE"] = SecretFile(Value) },
            "--secret", "DB_PASSWORD", "--also", $"touch {ran}", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal("init: both DB_PASSWORD and DB_PASSWORD_FILE are set (but are exclusive)", init.Stderr.Trim());
        Assert.False(File.Exists(ran), "a command ran");
    }

    [Theory]
    [BothModes("missing", "No such file or directory")]
    [BothModes("directory", "it is a directory, not a regular file")]
    [BothModes("fifo", "it is a FIFO, not a regular file")]
    [BothModes("link to /dev/zero", "it is a character device, not a regular file")]
    [BothModes("over 128 KiB", "it is larger than 128 KiB")]
    [BothModes("NUL byte", "it holds a NUL byte")]
    public void A_file_that_cannot_be_a_variable_exits_1_naming_NAME_FILE_and_the_path(Mode mode, string kind, string why)
    {
        string path = _scratch.File("secret");
        switch (kind)
        {
            case "directory": Directory.CreateDirectory(path); break;
            // Nobody writes to it: an init that opened it blocking would wait for good.
            case "fifo": Assert.Equal(0, Shell.Run($"mkfifo '{path}'").ExitCode); break;
            case "link to /dev/zero": File.CreateSymbolicLink(path, "/dev/zero"); break;
            case "over 128 KiB": File.WriteAllText(path, new string('x', 128 * 1024 + 1)); break;
            case "NUL byte": File.WriteAllText(path, "abc\0def"); break;
        }
        string ran = _scratch.File("ran");
        using var init = Start(mode, new() { ["DB_PASSWORD_FILE"] = path },
            "--secret", "DB_PASSWORD", "--also", $"touch {ran}", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.StartsWith($"init: cannot read DB_PASSWORD_FILE '{path}': {why}", init.Stderr);
        Assert.Single(init.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(ran), "a command ran");
    }

    [Theory]
    [BothModes]
    public void A_file_only_root_can_read_reaches_a_command_run_as_another_user(Mode mode)
    {
        string path = SecretFile(Value);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        // The command itself cannot read the file: the value can only come from the init.
        using var init = Start(mode, new() { ["DB_PASSWORD_FILE"] = path }, "--secret", "DB_PASSWORD", "--user", "1000", "--",
            "sh", "-c", $"cat '{path}' 2>/dev/null || echo unreadable as $(id -u).; " + PrintSecret);
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal(["unreadable as 1000.", $"value:[{Value}] file:unset."], init.Stdout);
    }

    [Theory]
    [BothModes]
    public void Every_command_gets_it_and_no_log_line_holds_it(Mode mode)
    {
        string path = SecretFile(Value + "\n");
        using var init = Start(mode, new() { ["DB_PASSWORD_FILE"] = path }, "-vvv", "--secret", "DB_PASSWORD",
            "--also", "sh -c 'echo \"also [$DB_PASSWORD] ${DB_PASSWORD_FILE-unset}.\"; exec sleep 1000'",
            "--", "sh", "-c", "echo \"main [$DB_PASSWORD] ${DB_PASSWORD_FILE-unset}.\"; exec sleep 1000");
        init.WaitForAllLines($"also [{Value}] unset.", $"main [{Value}] unset.");
        init.Signal(15);
        Assert.Equal(143, init.WaitForExit());
        Assert.Contains("started 'sh'", init.Stderr); // the most verbose log was written
        Assert.DoesNotContain(Value, init.Stderr);
    }

    [Theory]
    [BothModes]
    public void INIT_SECRETS_names_several_and_the_flag_wins(Mode mode)
    {
        string path = SecretFile(Value);
        var environment = new Dictionary<string, string?>
        {
            ["INIT_SECRETS"] = "A,B",
            ["A_FILE"] = path,
            ["B_FILE"] = path,
        };
        using (var init = Start(mode, environment, "--", "sh", "-c", "echo \"[$A] [$B] ${A_FILE-unset} ${B_FILE-unset}.\""))
        {
            Assert.True(init.WaitForExit() == 0, init.Stderr);
            Assert.Equal([$"[{Value}] [{Value}] unset unset."], init.Stdout);
        }
        using (var init = Start(mode, environment, "--secret", "B", "--", "sh", "-c", "echo \"[$A] [$B] ${A_FILE-unset}.\""))
        {
            Assert.True(init.WaitForExit() == 0, init.Stderr);
            Assert.Equal([$"[] [{Value}] {path}."], init.Stdout);
        }
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("")]
    public void A_name_that_is_not_a_variable_name_is_a_usage_error(string name)
    {
        using var init = InitProcess.Start(Mode.Plain, "--secret", name, "--", "true");
        Assert.Equal(2, init.WaitForExit());
        Assert.Contains($"init: '{name}' is not a variable name", init.Stderr);
    }
}
