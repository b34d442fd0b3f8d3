using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// The test image with the host's nginx (Debian's nginx-light) and the libraries it links copied in,
/// a minimal nginx.conf that includes /etc/nginx/conf.d/*.conf, and a pid file at /run/nginx.pid.
/// </summary>
public static class NginxImage
{
    public const string Image = "localhost/init-tests-nginx:latest";

    private const string Binary = "/usr/sbin/nginx";

    private const string Configuration =
        "user root;\npid /run/nginx.pid;\nerror_log stderr notice;\nevents { worker_connections 64; }\n" +
        "http { access_log off; include /etc/nginx/conf.d/*.conf; }\n";

    private static readonly Lazy<bool> s_built = new(() =>
    {
        Assert.True(File.Exists(Binary), "the nginx tests need nginx (apt-get install nginx-light)");
        using var scratch = new Scratch("nginx-image");
        string root = scratch.File("rootfs");
        Copy(Binary, root);
        var (code, ldd, _) = Shell.Run($"ldd {Binary}");
        Assert.Equal(0, code);
        foreach (Match library in Regex.Matches(System.Text.Encoding.UTF8.GetString(ldd), @"(/\S+) \(0x"))
            Copy(library.Groups[1].Value, root);
        foreach (string directory in new[] { "etc/nginx/conf.d", "var/lib/nginx", "var/log/nginx", "run" })
            Directory.CreateDirectory(Path.Combine(root, directory));
        File.WriteAllText(Path.Combine(root, "etc/nginx/nginx.conf"), Configuration);
        File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        File.WriteAllText(scratch.File("Containerfile"), $"FROM {TestImages.Image}\nCOPY rootfs/ /\n");
        Podman.Cli.Ok("build", "-q", "-t", Image, "-f", scratch.File("Containerfile"), scratch.Path);
        return true;
    });

    /// <summary>Builds the image once per test run (after the test images it is based on).</summary>
    public static void Ensure()
    {
        Podman.EnsureImages();
        _ = s_built.Value;
    }

    /// <summary>conf.d content: one server on 127.0.0.1:8080 that answers every request with <paramref name="body"/>.</summary>
    public static string Server(string body) => $"server {{ listen 127.0.0.1:8080; location / {{ return 200 \"{body}\\n\"; }} }}\n";

    /// <summary>What the nginx in <paramref name="container"/> serves, fetched from inside it; null while it does not answer.</summary>
    public static string? Fetch(string container)
    {
        var (code, stdout, _) = Podman.Cli.Run("exec", container, "wget", "-q", "-O", "-", "http://127.0.0.1:8080/");
        return code == 0 ? stdout.Trim() : null;
    }

    /// <summary>The nginx master's pid, from its pid file.</summary>
    public static string MasterPid(string container) => Podman.Cli.Ok("exec", container, "cat", "/run/nginx.pid").Trim();

    private static void Copy(string file, string root)
    {
        string target = Path.Combine(root, file.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }
}
