using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Init.Tests.Harness;

/// <summary>
/// Tests block thread-pool threads for seconds (Parallel.For over init processes, a LoopbackServer's
/// Accept, Task.Run(container.Wait)), and the pool makes threads past its minimum, the core count,
/// only about twice a second. Meanwhile the reads of every process's stdout and stderr wait, and the
/// harness, which gives output a few seconds to drain once a process has exited, would assert on a
/// part of it. So the pool makes threads at once up to more than the tests ever block.
/// </summary>
internal static class ThreadPoolMinimum
{
    private const int Threads = 64;

    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Threads), completionPorts);
    }
}
