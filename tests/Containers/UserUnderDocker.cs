using System.IO;
using Init.Tests.Harness;
using Init.Tests.Spawning;
using Xunit;

namespace Init.Tests.Containers;

/// <summary>
/// `init --user X` against the oracle, `docker run --user X` without an init, in the same image:
/// busybox with the tests' own /etc/passwd and /etc/group. Same ids, groups, capabilities, HOME.
/// </summary>
[Collection(DockerEngine.Collection)]
public class UserUnderDocker(DockerEngine engine)
{
    private const string UsersImage = "localhost/init-tests-users:latest";
    private const string Init = "/usr/local/bin/init";
    private static readonly object s_buildLock = new();
    private static bool s_built;

    private ContainerCli Docker => engine.Cli;

    public static TheoryData<string> Forms => new(UserTestFiles.Forms);

    /// <summary>The test image (busybox and the static init) with the test users, built once per engine.</summary>
    private string Image()
    {
        lock (s_buildLock)
        {
            if (s_built) return UsersImage;
            using var files = new UserTestFiles();
            string containerfile = Path.Combine(files.Directory, "Containerfile");
            File.WriteAllText(containerfile, $"FROM {TestImages.Image}\nCOPY passwd /etc/passwd\nCOPY group /etc/group\n");
            Docker.Ok("build", "-q", "-t", UsersImage, "-f", containerfile, files.Directory);
            s_built = true;
            return UsersImage;
        }
    }

    /// <summary>What the command printed with <see cref="RunningAsAnotherUser.PrintIdentity"/> in a container run with <paramref name="options"/>.</summary>
    private (int Code, string Stdout, string Stderr) Identity(string[] options, string entrypoint, params string[] arguments) =>
        Docker.Run(["run", "--rm", "--network", "none", .. options, "--entrypoint", entrypoint, Image(), .. arguments]);

    private string DockerRunUser(string user)
    {
        var (code, stdout, stderr) = Identity(["--user", user], "/bin/sh", "-c", RunningAsAnotherUser.PrintIdentity);
        Assert.True(code == 0, $"docker run --user {user}: exit {code}: {stderr}");
        return stdout;
    }

    /// <summary>All ten fields (the nine status lines and HOME) printed, and equal.</summary>
    private static void AssertSameIdentity(string expected, string actual)
    {
        var oracle = RunningAsAnotherUser.Identity(expected.Split('\n'));
        Assert.Equal(10, oracle.Count);
        Assert.Equal(oracle, RunningAsAnotherUser.Identity(actual.Split('\n')));
    }

    [DockerTheory, MemberData(nameof(Forms))]
    public void Init_user_gives_the_command_what_docker_run_user_gives_it(string user)
    {
        string expected = DockerRunUser(user);
        var (code, stdout, stderr) = Identity([], Init, "--user", user, "--", "sh", "-c", RunningAsAnotherUser.PrintIdentity);
        Assert.True(code == 0, $"init --user {user}: exit {code}: {stderr}");
        AssertSameIdentity(expected, stdout);
    }

    [DockerTheory, InlineData("alice"), InlineData("4242:staff")]
    public void INIT_USER_through_docker_run_init_gives_what_docker_run_user_gives(string user)
    {
        string expected = DockerRunUser(user);
        var (code, stdout, stderr) = Identity(["--init", "-e", "INIT_USER=" + user], "/bin/sh", "-c", RunningAsAnotherUser.PrintIdentity);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        AssertSameIdentity(expected, stdout);
    }

    [DockerTheory, InlineData("alice"), InlineData("4242")]
    public void A_container_already_run_as_the_user_runs_the_command_unchanged(string user)
    {
        string expected = DockerRunUser(user);
        var (code, stdout, stderr) = Identity(["--user", user], Init, "--user", user, "--", "sh", "-c", RunningAsAnotherUser.PrintIdentity);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        AssertSameIdentity(expected, stdout);
    }

    [DockerTheory, InlineData("nobody"), InlineData("alice:nogroup")]
    public void What_docker_run_user_refuses_init_user_refuses_with_one_line(string user)
    {
        var (dockerCode, dockerStdout, _) = Identity(["--user", user], "/bin/sh", "-c", "echo ran");
        Assert.True(dockerCode != 0 && dockerStdout == "", $"docker ran --user {user}");
        AssertRefused(user);
    }

    /// <summary>
    /// Where the init is stricter than Docker on purpose: runc reads an id field that is not a number
    /// as 0, so Docker runs such a user, or group, as root.
    /// </summary>
    [DockerTheory, InlineData("broken", "id -u"), InlineData("alice:badgroup", "id -g")]
    public void A_malformed_entry_that_docker_reads_as_root_is_refused(string user, string printId)
    {
        var (dockerCode, dockerStdout, _) = Identity(["--user", user], "/bin/sh", "-c", printId);
        Assert.Equal((0, "0"), (dockerCode, dockerStdout.Trim()));
        AssertRefused(user);
    }

    private void AssertRefused(string user)
    {
        var (code, stdout, stderr) = Identity([], Init, "--user", user, "--", "echo", "ran");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("init: ", stderr);
    }

    [DockerFact]
    public void A_container_run_as_another_user_cannot_switch_and_says_why()
    {
        var (code, stdout, stderr) = Identity(["--user", "alice"], Init, "--user", "bob", "--", "echo", "ran");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("init: the init runs as uid 1000 gid 1000 (groups 10,29,50,1000) without CAP_SETUID and CAP_SETGID: it cannot become 'bob'",
            stderr.Trim());
    }

    [DockerFact]
    public void Docker_stop_reaches_the_unprivileged_command_through_the_root_init()
    {
        using var container = new Container(Docker, "--network", "none", "--entrypoint", Init, Image(),
            "--user", "alice", "--", "sh", "-c", "trap 'echo got TERM as $(id -u); exit 42' TERM; echo ready; while :; do sleep 0.1; done");
        container.WaitForLog("ready");
        Docker.Ok("stop", "-t", "20", container.Name);
        Assert.Equal(42, container.ExitCode);
        Assert.Contains("got TERM as 1000", container.Logs);
    }
}
