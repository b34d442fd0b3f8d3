using System.IO;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Files;

/// <summary>
/// Files the image controls, not the operator (/etc/passwd and /etc/group with --user, the termination
/// log), that are a FIFO, a device, a link to /dev/zero, a directory, or too large: the init never
/// hangs and never prints a stack trace. Before the command starts it refuses with one line (exit 1);
/// after, it warns in one line and exits with the command's status.
/// </summary>
public sealed class FilesThatAreNotWhatTheySeem : System.IDisposable
{
    private readonly Scratch _scratch = new("hostile-files");

    public void Dispose() => _scratch.Dispose();

    /// <summary>An /etc of the tests' own users, with <paramref name="hostile"/> in place of one file.</summary>
    private string Etc(string hostile)
    {
        string etc = _scratch.File("etc");
        Directory.CreateDirectory(etc);
        string passwd = Path.Combine(etc, "passwd"), group = Path.Combine(etc, "group");
        File.WriteAllText(passwd, UserTestFiles.Passwd);
        File.WriteAllText(group, UserTestFiles.Group);
        switch (hostile)
        {
            case "passwd links to /dev/zero":
                File.Delete(passwd);
                File.CreateSymbolicLink(passwd, "/dev/zero");
                break;
            case "group links to /dev/zero":
                File.Delete(group);
                File.CreateSymbolicLink(group, "/dev/zero");
                break;
            case "passwd is a FIFO":
                File.Delete(passwd);
                Libc.MakeFifo(passwd);
                break;
            case "passwd is a directory":
                File.Delete(passwd);
                Directory.CreateDirectory(passwd);
                break;
            case "passwd is over 4 MiB":
                // Real entries first: a reader that ignored the limit would find alice and run the command.
                using (var file = new FileStream(passwd, FileMode.Append)) file.SetLength((4 << 20) + 1);
                break;
        }
        return etc;
    }

    [Theory]
    [BothModes("passwd links to /dev/zero", "/etc/passwd: it is a character device, not a regular file")]
    [BothModes("group links to /dev/zero", "/etc/group: it is a character device, not a regular file")]
    [BothModes("passwd is a FIFO", "/etc/passwd: it is a FIFO, not a regular file")]
    [BothModes("passwd is a directory", "/etc/passwd: it is a directory, not a regular file")]
    [BothModes("passwd is over 4 MiB", "/etc/passwd: it is larger than 4 MiB")]
    public void A_user_file_that_is_not_a_bounded_regular_file_exits_1_with_one_line_before_the_command_runs(Mode mode, string hostile, string message)
    {
        string ran = _scratch.File("ran");
        using var init = InitProcess.StartWrapped(mode, UserTestFiles.WrapperShowingAsEtc(Etc(hostile)), "--user", "alice", "--", "touch", ran);
        Assert.Equal(1, init.WaitForExit());
        Assert.Equal($"init: --user: cannot read {message}\n", init.Stderr);
        Assert.False(File.Exists(ran), "the command ran");
    }

    [Theory]
    [BothModes]
    public void A_missing_passwd_is_still_no_passwd(Mode mode)
    {
        string etc = Etc("");
        File.Delete(Path.Combine(etc, "passwd"));
        using var init = InitProcess.StartWrapped(mode, UserTestFiles.WrapperShowingAsEtc(etc), "--user", "4242:staff", "--", "id", "-u");
        Assert.True(init.WaitForExit() == 0, init.Stderr);
        Assert.Equal(["4242"], init.Stdout);
    }

    [Theory]
    [BothModes]
    public void A_termination_log_that_is_a_FIFO_is_one_warning_and_the_commands_status_is_kept(Mode mode)
    {
        // Nobody reads the FIFO: opened to write, it would wait for a reader for good.
        string log = _scratch.File("termination-log");
        Libc.MakeFifo(log);
        using var init = InitProcess.Bash(mode, "exit 3", "--termination-log", log);
        Assert.Equal(3, init.WaitForExit());
        Assert.Equal($"init: warning: cannot write the termination log {log}: it is a FIFO, not a regular file\n", init.Stderr);
    }

    [Theory]
    [BothModes("/dev/full", "it is a character device, not a regular file")]
    [BothModes("full disk", "No space left on device")]
    public void A_termination_log_that_cannot_be_written_is_one_clean_warning_and_the_commands_status_is_kept(Mode mode, string where, string reason)
    {
        string disk = _scratch.File("disk"), log = where == "/dev/full" ? where : Path.Combine(disk, "termination-log");
        Directory.CreateDirectory(disk);
        // A filesystem of one page, filled, with the empty log on it.
        string[] fullDisk = ["unshare", "--mount", "sh", "-c",
            "mount -t tmpfs -o size=4k tmpfs \"$0\" && : > \"$0/termination-log\" && head -c 4096 /dev/zero > \"$0/fill\"; exec \"$@\"", disk];
        using var init = InitProcess.StartWrapped(mode, fullDisk, "--termination-log", log, "--", "sh", "-c", "exit 3");
        Assert.Equal(3, init.WaitForExit());
        Assert.Equal($"init: warning: cannot write the termination log {log}: {reason}\n", init.Stderr);
    }
}
