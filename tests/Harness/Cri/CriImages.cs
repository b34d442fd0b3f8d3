using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Init.Tests.Harness.Cri;

/// <summary>
/// The CRI tests' images, FROM scratch like <see cref="TestImages"/> but without an engine to build
/// them: one layer (busybox-static at /bin with its applets linked, /tmp, the static init at
/// /usr/local/bin/init) written as a docker-archive tar (manifest.json, image configurations, layer
/// tar) that `ctr images import` reads. Nothing is pulled.
/// </summary>
public static class CriImages
{
    /// <summary>The init as ENTRYPOINT ["/usr/local/bin/init", "--"]; a container's command overrides it (no init), its args do not.</summary>
    public const string Image = "localhost/init-cri:latest";

    /// <summary>The pods' sandbox ("pause") image: ENTRYPOINT ["/usr/local/bin/init", "-P"].</summary>
    public const string PauseImage = "localhost/init-cri-pause:latest";

    public const string InitPath = "/usr/local/bin/init";

    /// <summary>Writes both images into one docker-archive at <paramref name="path"/>.</summary>
    public static void WriteArchive(string path)
    {
        byte[] layer = Layer();
        string layerName = Convert.ToHexStringLower(SHA256.HashData(layer)) + "/layer.tar";
        var images = new (string Tag, string[] Entrypoint, string[] Cmd)[]
        {
            (Image, [InitPath, "--"], ["sh"]),
            (PauseImage, [InitPath, "-P"], []),
        };
        using var archive = new TarWriter(File.Create(path), TarEntryFormat.Ustar);
        Add(archive, layerName, layer);
        var manifest = new List<object>();
        foreach (var (tag, entrypoint, cmd) in images)
        {
            byte[] configuration = Configuration(entrypoint, cmd, "sha256:" + layerName[..64]);
            string configurationName = Convert.ToHexStringLower(SHA256.HashData(configuration)) + ".json";
            Add(archive, configurationName, configuration);
            manifest.Add(new { Config = configurationName, RepoTags = new[] { tag }, Layers = new[] { layerName } });
        }
        Add(archive, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest));
    }

    private static byte[] Configuration(string[] entrypoint, string[] cmd, string diffId) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["architecture"] = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
            ["os"] = "linux",
            ["config"] = new Dictionary<string, object>
            {
                ["Entrypoint"] = entrypoint,
                ["Cmd"] = cmd,
                ["Env"] = new[] { "PATH=/usr/local/bin:/usr/bin:/bin" },
            },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = new[] { diffId } },
        });

    private static byte[] Layer()
    {
        using var buffer = new MemoryStream();
        using (var layer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            Directory(layer, "bin/", 0b111_101_101);
            AddFile(layer, "bin/busybox", "/bin/busybox");
            foreach (string applet in BusyboxApplets().Where(a => a != "busybox"))
                layer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            Directory(layer, "tmp/", 0b1_111_111_111); // sticky, world-writable
            Directory(layer, "usr/", 0b111_101_101);
            Directory(layer, "usr/local/", 0b111_101_101);
            Directory(layer, "usr/local/bin/", 0b111_101_101);
            AddFile(layer, InitPath[1..], InitBinary.StaticPath);
        }
        return buffer.ToArray();
    }

    private static IEnumerable<string> BusyboxApplets()
    {
        var start = new ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true };
        using var busybox = Process.Start(start)!;
        string list = busybox.StandardOutput.ReadToEnd();
        busybox.WaitForExit();
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Directory(TarWriter tar, string name, int mode) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)mode });

    private static void AddFile(TarWriter tar, string name, string source)
    {
        using var data = File.OpenRead(source);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b111_101_101, DataStream = data });
    }

    private static void Add(TarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0b110_100_100, DataStream = new MemoryStream(content) });
}
