using System.IO;

namespace Init.Tests.Harness;

/// <summary>
/// The images the container tests run, built FROM scratch (no registry needed) by either engine:
/// busybox-static at /bin with its applets linked, and the static init.
/// </summary>
public static class TestImages
{
    /// <summary>busybox and the init at /usr/local/bin/init as ENTRYPOINT.</summary>
    public const string Image = "localhost/init-tests:latest";

    /// <summary>The same busybox without the init: for the engine's own `run --init`.</summary>
    public const string BareImage = "localhost/init-tests-bare:latest";

    public static void Build(ContainerCli cli)
    {
        using var scratch = new Scratch("image");
        string context = scratch.Path;
        File.Copy(InitBinary.StaticPath, Path.Combine(context, "init"));
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        const string busybox = "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n" +
            "RUN [\"/bin/mkdir\", \"-m\", \"1777\", \"/tmp\"]\n";
        File.WriteAllText(Path.Combine(context, "Containerfile.bare"), busybox + "CMD [\"sh\"]\n");
        File.WriteAllText(Path.Combine(context, "Containerfile"), busybox +
            "COPY init /usr/local/bin/init\nENTRYPOINT [\"/usr/local/bin/init\", \"--\"]\nCMD [\"sh\"]\n");
        cli.Ok("build", "-q", "-t", BareImage, "-f", Path.Combine(context, "Containerfile.bare"), context);
        cli.Ok("build", "-q", "-t", Image, "-f", Path.Combine(context, "Containerfile"), context);
    }
}
