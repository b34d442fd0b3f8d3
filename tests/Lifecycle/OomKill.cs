using System;
using System.IO;
using System.Linq;
using System.Threading;
using Init.Tests.Harness;
using Xunit;

namespace Init.Tests.Lifecycle;

/// <summary>When the kernel's OOM killer kills the command, the init says so: it counts kills in its memory cgroup.</summary>
public class OomKill
{
    [Theory]
    [BothModes]
    public void A_command_the_OOM_killer_killed_is_reported_as_such(Mode mode)
    {
        using var cgroup = MemoryLimitedCgroup.Create(64 << 20);
        // The command allocates far beyond the limit; the init (a few MB) is not the OOM killer's choice.
        using var init = InitProcess.StartWrapped(mode, cgroup.Enter,
            "--", "perl", "-e", "$x = 'a' x (512 << 20); sleep 5");
        Assert.Equal(137, init.WaitForExit());
        Assert.Matches(@"init: command 'perl' \(process \d+\) killed by SIGKILL; the kernel's OOM killer killed a process in the container's memory cgroup while it ran", init.Stderr);
    }

    [Fact]
    public void A_command_killed_by_SIGKILL_without_an_OOM_kill_says_nothing_of_memory()
    {
        using var cgroup = MemoryLimitedCgroup.Create(64 << 20);
        using var init = InitProcess.StartWrapped(Mode.Pid1, cgroup.Enter,
            "--", "bash", "-c", "kill -KILL $$");
        Assert.Equal(137, init.WaitForExit());
        Assert.Contains("killed by SIGKILL", init.Stderr);
        Assert.DoesNotContain("OOM", init.Stderr);
    }

    /// <summary>A memory cgroup (v1 or v2) below the test's own, with a limit and no swap; removed when disposed.</summary>
    private sealed class MemoryLimitedCgroup : IDisposable
    {
        public string Path { get; }

        /// <summary>A wrapper that moves itself into the cgroup (0: the writer) and execs the rest of its arguments.</summary>
        public string[] Enter => ["sh", "-c", $"echo 0 > {Path}/cgroup.procs && exec \"$@\"", "sh"];

        private MemoryLimitedCgroup(string path) => Path = path;

        public static MemoryLimitedCgroup Create(long limit)
        {
            string[] lines = File.ReadAllLines("/proc/self/cgroup");
            string? v1 = lines.Select(l => l.Split(':', 3)).Where(p => p[1].Split(',').Contains("memory")).Select(p => p[2]).FirstOrDefault();
            string parent = v1 is not null ? "/sys/fs/cgroup/memory" + v1.TrimEnd('/') : "/sys/fs/cgroup" + lines.First(l => l.StartsWith("0::"))[3..].TrimEnd('/');
            string path = $"{parent}/init-oom-{Guid.NewGuid():N}";
            Directory.CreateDirectory(path);
            var cgroup = new MemoryLimitedCgroup(path);
            if (v1 is not null)
            {
                File.WriteAllText($"{path}/memory.limit_in_bytes", limit.ToString());
                if (File.Exists($"{path}/memory.memsw.limit_in_bytes")) File.WriteAllText($"{path}/memory.memsw.limit_in_bytes", limit.ToString());
            }
            else
            {
                File.WriteAllText($"{path}/memory.max", limit.ToString());
                File.WriteAllText($"{path}/memory.swap.max", "0");
            }
            return cgroup;
        }

        public void Dispose()
        {
            // The processes are gone once the init has exited, but the kernel may take a moment to empty the cgroup.
            for (int attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    Directory.Delete(Path);
                    return;
                }
                catch (IOException)
                {
                    Thread.Sleep(50);
                }
            }
        }
    }
}
