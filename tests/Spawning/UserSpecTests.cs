using Init.Spawning;
using Xunit;

namespace Init.Tests.Spawning;

/// <summary>USER[:GROUP] resolved from passwd and group text by Docker's (runc's) rules.</summary>
public class UserSpecTests
{
    // The files the user-switch tests install too (see UserTestFiles).
    private static readonly string Passwd = Harness.UserTestFiles.Passwd;
    private static readonly string Group = Harness.UserTestFiles.Group;

    private static TargetUser Resolve(string spec, string? passwd = null, string? group = null) =>
        UserSpec.Resolve(spec, passwd ?? Passwd, group ?? Group);

    [Theory]
    [InlineData("alice")]
    [InlineData("1000")]
    public void A_user_with_an_entry_gets_its_gid_and_every_group_listing_it_once(string spec)
    {
        var user = Resolve(spec);
        Assert.Equal(1000u, user.Uid);
        Assert.Equal(1000u, user.Gid);
        // alice is listed in her own primary group too: once only.
        Assert.Equal([1000u, 50u, 29u, 10u], user.Groups);
        Assert.Equal("/home/alice", user.Home);
    }

    [Fact]
    public void A_user_listed_in_no_group_has_its_primary_gid_alone()
    {
        var user = Resolve("bob");
        Assert.Equal((1001u, 1001u), (user.Uid, user.Gid));
        Assert.Equal([1001u], user.Groups);
    }

    [Theory]
    [InlineData("alice:staff")]
    [InlineData("alice:50")]
    [InlineData("1000:staff")]
    [InlineData("1000:50")]
    public void An_explicit_group_is_the_only_group(string spec)
    {
        var user = Resolve(spec);
        Assert.Equal((1000u, 50u), (user.Uid, user.Gid));
        Assert.Equal([50u], user.Groups);
        Assert.Equal("/home/alice", user.Home);
    }

    [Fact]
    public void A_uid_without_an_entry_runs_with_gid_0_and_HOME_slash()
    {
        var user = Resolve("4242");
        Assert.Equal((4242u, 0u), (user.Uid, user.Gid));
        Assert.Equal([0u], user.Groups);
        Assert.Equal("/", user.Home);
        Assert.Equal((4242u, 50u), (Resolve("4242:staff").Uid, Resolve("4242:staff").Gid));
        Assert.Equal([777u], Resolve("4242:777").Groups);
    }

    [Fact]
    public void An_empty_home_field_is_kept_empty()
    {
        Assert.Equal("", Resolve("nohome").Home);
    }

    [Fact]
    public void A_number_is_always_an_id_and_the_first_matching_entry_wins()
    {
        const string passwd = "123:x:5:5::/five:/bin/sh\nfirst:x:7:7::/first:/bin/sh\nsecond:x:7:8::/second:/bin/sh\n";
        Assert.Equal((123u, 0u), (Resolve("123", passwd, "").Uid, Resolve("123", passwd, "").Gid));
        var user = Resolve("7", passwd, "");
        Assert.Equal((7u, "/first"), (user.Gid, user.Home));
        // HOME comes from the first entry with the uid, as runc looks it up again by uid.
        Assert.Equal("/first", Resolve("second", passwd, "").Home);
    }

    [Fact]
    public void Passwd_lines_are_trimmed_and_carriage_returns_dropped()
    {
        var user = Resolve("carol", "  carol:x:12:34::/c:/bin/sh  \r\n", "g:x:56:carol\r\n");
        Assert.Equal((12u, 34u, "/c"), (user.Uid, user.Gid, user.Home));
        Assert.Equal([34u, 56u], user.Groups);
    }

    [Theory]
    [InlineData("nobody", "cannot find user 'nobody' in /etc/passwd")]
    [InlineData("alice:nogroup", "cannot find group 'nogroup' in /etc/group")]
    [InlineData(":staff", "is not USER[:GROUP]")]
    [InlineData("a:b:c", "is not USER[:GROUP]")]
    [InlineData("-1", "ids must be from 0 to 2147483647")]
    [InlineData("2147483648", "ids must be from 0 to 2147483647")]
    [InlineData("alice:-5", "ids must be from 0 to 2147483647")]
    [InlineData("broken", "the entry for 'broken' in /etc/passwd is malformed: its id is not a number")]
    [InlineData("alice:badgroup", "the entry for 'badgroup' in /etc/group is malformed: its id is not a number")]
    public void Unknown_names_and_malformed_specs_are_refused_with_one_line(string spec, string message)
    {
        var failure = Assert.Throws<InitFailure>(() => Resolve(spec));
        Assert.Contains(message, failure.Message);
        Assert.DoesNotContain("\n", failure.Message);
    }

    [Fact]
    public void Without_files_numbers_still_work_and_names_are_refused()
    {
        var user = UserSpec.Resolve("1000:1000", null, null);
        Assert.Equal((1000u, 1000u, "/"), (user.Uid, user.Gid, user.Home));
        Assert.Contains("there is no /etc/passwd", Assert.Throws<InitFailure>(() => UserSpec.Resolve("alice", null, null)).Message);
        Assert.Contains("there is no /etc/group", Assert.Throws<InitFailure>(() => UserSpec.Resolve("1000:staff", null, null)).Message);
    }
}
