using System.IO;

namespace Init.Tests.Harness;

/// <summary>A temporary directory for one test, removed with whatever is in it when the test ends.</summary>
public sealed class ScratchDirectory : System.IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("init-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover process of a failed test may still write there; the temp directory is still the place for it
        }
    }
}
