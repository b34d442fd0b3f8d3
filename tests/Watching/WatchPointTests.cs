using System.Collections.Generic;
using System.IO;
using Init.Tests.Harness;
using Init.Watching;
using Xunit;

namespace Init.Tests.Watching;

public class WatchPointTests
{
    [Fact]
    public void A_name_in_a_kubelet_volume_is_watched_through_its_link_the_data_link_and_its_target()
    {
        using var scratch = new Scratch();
        var volume = new KubeletVolume(scratch.File("volume"));
        Directory.CreateDirectory(volume.Path);
        volume.Write(new Dictionary<string, string> { ["app.conf"] = "v1" });
        string timestamped = Path.Combine(volume.Path, new FileInfo(Path.Combine(volume.Path, "..data")).LinkTarget!);

        var points = new List<WatchPoint>();
        Assert.True(WatchPoint.Resolve(Path.Combine(volume.Path, "app.conf"), points));
        Assert.Equal([new(volume.Path, "app.conf"), new(volume.Path, "..data"), new(timestamped, "app.conf")], points);
    }

    [Fact]
    public void A_directory_is_watched_whole_and_a_missing_name_in_its_directory()
    {
        using var scratch = new Scratch();
        var points = new List<WatchPoint>();
        Assert.True(WatchPoint.Resolve(scratch.Path + "/./", points));
        Assert.Equal([new(scratch.Path, null)], points);

        points.Clear();
        Assert.False(WatchPoint.Resolve(scratch.File("gone/app.conf"), points));
        Assert.Equal([new(scratch.Path, "gone")], points);
    }

    [Fact]
    public void A_link_loop_is_not_followed_forever()
    {
        using var scratch = new Scratch();
        File.CreateSymbolicLink(scratch.File("a"), "b");
        File.CreateSymbolicLink(scratch.File("b"), "a");
        var points = new List<WatchPoint>();
        Assert.False(WatchPoint.Resolve(scratch.File("a"), points));
        Assert.All(points, point => Assert.Equal(scratch.Path, point.Directory));
    }
}
