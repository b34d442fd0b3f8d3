using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Init.Tests.Harness;

/// <summary>The published init the integration tests run: INIT_BINARY, or the one the test build published.</summary>
public static class InitBinary
{
    public static string Path { get; } = Find("INIT_BINARY", "InitBinary");

    /// <summary>The static build (-p:StaticExecutable=true): INIT_STATIC_BINARY, or the one the test build published.</summary>
    public static string StaticPath => s_static.Value;

    /// <summary>The static arm64 build, run under qemu-aarch64-static: INIT_ARM64_BINARY, or the one the test build published.</summary>
    public static string Arm64Path => s_arm64.Value;

    // Looked up on first use: a run against one build (INIT_BINARY) needs only that one to exist.
    private static readonly Lazy<string> s_static = new(() => Find("INIT_STATIC_BINARY", "InitStaticBinary"));
    private static readonly Lazy<string> s_arm64 = new(() => Find("INIT_ARM64_BINARY", "InitArm64Binary"));

    private static string Find(string variable, string metadataKey)
    {
        string? path = Environment.GetEnvironmentVariable(variable);
        path ??= typeof(InitBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == metadataKey).Value!;
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw new FileNotFoundException("the published init is missing; build the tests with dotnet test", path);
        return path;
    }
}
