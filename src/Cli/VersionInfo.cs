using System.Reflection;

namespace Init.Cli;

/// <summary>The version line, in the format `docker info` parses for an init ("X.Y.Z - git.COMMIT").</summary>
internal static class VersionInfo
{
    public static string Line
    {
        get
        {
            // The SDK writes "X.Y.Z+<full commit hash>" when it builds from a git checkout.
            string informational = typeof(VersionInfo).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = informational.IndexOf('+');
            string version = plus < 0 ? informational : informational[..plus];
            string commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
            if (commit.Length > 7) commit = commit[..7];
            return $"init version {version} - git.{commit}";
        }
    }
}
