using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Init.Tests.Harness;

/// <summary>
/// A ConfigMap, Secret or projected volume as the kubelet writes it: its AtomicWriter.Write
/// (kubernetes/kubernetes, pkg/volume/util/atomic_writer.go), step for step, with the step numbers of
/// its comments. The files live in a timestamped directory; `..data` links to it; each name users
/// see links into `..data`; an update makes a new directory, renames a new `..data_tmp` link over
/// `..data`, and removes the old directory.
/// </summary>
public sealed class KubeletVolume(string targetDirectory)
{
    private const string DataDirName = "..data";
    private const string NewDataDirName = "..data_tmp";

    public string Path { get; } = targetDirectory;

    /// <summary>Projects <paramref name="payload"/> (file name: content, names at the top level) into the volume.</summary>
    public void Write(IReadOnlyDictionary<string, string> payload)
    {
        // (2) the current timestamped directory, from the ..data link
        string dataDirPath = Combine(DataDirName);
        string? oldTsDir = new FileInfo(dataDirPath).LinkTarget;
        string? oldTsPath = oldTsDir is null ? null : Combine(oldTsDir);

        // (3) user-visible paths of the old version that the new one lacks
        var pathsToRemove = new List<string>();
        if (oldTsPath is not null)
        {
            foreach (string old in Directory.GetFileSystemEntries(oldTsPath))
            {
                string name = System.IO.Path.GetFileName(old);
                if (!payload.ContainsKey(name)) pathsToRemove.Add(name);
            }
        }

        // (5) a new timestamped directory: os.MkdirTemp(target, "..2006_01_02_15_04_05.") and chmod 0755
        string tsDirName = $"..{DateTime.UtcNow:yyyy_MM_dd_HH_mm_ss}.{Random.Shared.Next(100_000_000, 999_999_999)}";
        string tsDir = Combine(tsDirName);
        Directory.CreateDirectory(tsDir);
        File.SetUnixFileMode(tsDir, (UnixFileMode)0b111_101_101);

        // (6) the payload, written there (os.WriteFile, then chmod to the projection's mode)
        foreach (var (name, content) in payload)
        {
            string full = System.IO.Path.Combine(tsDir, name);
            File.WriteAllText(full, content);
            File.SetUnixFileMode(full, (UnixFileMode)0b110_100_100);
        }

        // (8) ..data_tmp -> the new timestamped directory
        string newDataDirPath = Combine(NewDataDirName);
        File.CreateSymbolicLink(newDataDirPath, tsDirName);

        // (9) renamed over ..data: the atomic swap
        Assert.True(Libc.rename(newDataDirPath, dataDirPath) == 0, "rename ..data_tmp ..data failed");

        // (10) the user-visible names, links into ..data, made where missing
        foreach (string name in payload.Keys)
        {
            string visible = Combine(name);
            if (new FileInfo(visible).LinkTarget is null) File.CreateSymbolicLink(visible, System.IO.Path.Combine(DataDirName, name));
        }

        // (11) the user-visible names the new version lacks
        foreach (string name in pathsToRemove) File.Delete(Combine(name));

        // (12) the previous timestamped directory
        if (oldTsPath is not null) Directory.Delete(oldTsPath, recursive: true);
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
