using System;
using System.Collections.Generic;
using System.Diagnostics;
using Init.Tests.Harness;

namespace Init.Tests.Probe;

/// <summary>`init --probe ...` run to its end: exit code, its one stdout line, stderr, and how long it took.</summary>
public readonly record struct ProbeRun(int Code, string Stdout, string Stderr, TimeSpan Took)
{
    public static ProbeRun Of(Mode mode, params string[] args) => With(mode, null, args);

    public static ProbeRun With(Mode mode, IDictionary<string, string?>? environment, params string[] args) =>
        Observe(() => InitProcess.StartWith(mode, environment, null, args));

    /// <summary>The probe started through <paramref name="wrapper"/> (a program that sets something up and execs the rest).</summary>
    public static ProbeRun Wrapped(Mode mode, string[] wrapper, params string[] args) =>
        Observe(() => InitProcess.StartWrapped(mode, wrapper, args));

    private static ProbeRun Observe(Func<InitProcess> start)
    {
        var watch = Stopwatch.StartNew();
        using var init = start();
        int code = init.WaitForExit();
        return new ProbeRun(code, string.Join("\n", init.Stdout), init.Stderr, watch.Elapsed);
    }

    public override string ToString() => $"exit {Code} after {Took.TotalMilliseconds:0} ms\nstdout: {Stdout}\nstderr: {Stderr}";
}
