using System;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>A host directory to mount at /shared, where <see cref="ContainerScripts.FlushingWorker"/> writes.</summary>
public sealed class SharedDirectory : IDisposable
{
    private readonly Scratch _scratch = new("shared");

    public string Path => _scratch.Path;

    /// <summary>The volume option's value: this directory at /shared.</summary>
    public string Mount => $"{Path}:/shared";

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void AssertTheWorkerFlushed()
    {
        string flushed = File("flushed");
        Assert.True(System.IO.File.Exists(flushed) && System.IO.File.ReadAllText(flushed) == "flushed\n",
            "the worker never finished writing /shared/flushed: it got no SIGTERM, or was killed before it was done");
    }

    public void Dispose() => _scratch.Dispose();
}
