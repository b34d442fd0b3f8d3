using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Init.Tests.Harness;

/// <summary>The published init the integration tests run: INIT_BINARY, or the one the test build published.</summary>
public static class InitBinary
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        string? path = Environment.GetEnvironmentVariable("INIT_BINARY");
        path ??= typeof(InitBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "InitBinary").Value!;
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw new FileNotFoundException("the published init is missing; build the tests with dotnet test", path);
        return path;
    }
}
