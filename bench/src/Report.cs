using System.Text.Json;

namespace Bench;

/// <summary>The results as a Markdown table with PASS/MISS lines, and as JSON.</summary>
internal static class Report
{
    public static void Print(Results r, TextWriter output)
    {
        var rows = new (string Metric, Func<InitResult, string> Value)[]
        {
            ("binary size (MB)", i => $"{i.SizeBytes / 1e6:0.00}"),
            ("start-up as PID 1, median (ms)", i => Measured(i.StartupPid1Ms, "0.00")),
            ("start-up overhead as PID 1 (ms)", i => Measured(i.OverheadPid1Ms, "0.00")),
            ("start-up as plain process, median (ms)", i => Measured(i.StartupPlainMs, "0.00")),
            ("start-up overhead as plain process (ms)", i => Measured(i.OverheadPlainMs, "0.00")),
            ($"`-- /bin/true` + {ArgumentsBench.Many.Length:N0} arguments, plain, median (ms)", i => Measured(i.ManyArgumentsMs, "0.00")),
            ($"`-- /bin/true` + {ArgumentsBench.Long.Length} arguments of 128 KiB, plain, median (ms)", i => Measured(i.LongArgumentsMs, "0.00")),
            ("signal latency p50 (us)", i => Measured(i.SignalP50Us, "0.0")),
            ("signal latency p99 (us)", i => Measured(i.SignalP99Us, "0.0")),
            ($"create + reap {r.Settings.Orphans:N0} orphans, median (ms)", i => Measured(i.StormMs, "0.0")),
            ("zombie drain after last exit, median (ms)", i => Measured(i.DrainMs, "0.00")),
            ("most unreaped at once", i => Measured(i.PeakUnreaped, "N0")),
            ($"context switches in {r.Settings.IdleSeconds} s at rest", i => Measured(i.IdleContextSwitches, "0")),
            ("threads", i => Measured(i.Threads, "0")),
            ("RSS at rest (KiB)", i => Measured(i.RssAtRestKiB, "N0")),
            ("of which anonymous (KiB)", i => Measured(i.AnonymousAtRestKiB, "N0")),
            ($"RSS after {r.Settings.Orphans:N0} orphans (KiB)", i => Measured(i.RssAfterFirstStormKiB, "N0")),
            ($"RSS after {r.Settings.Storms * r.Settings.Orphans:N0} orphans (KiB)", i => Measured(i.RssAfterAllOrphansKiB, "N0")),
        };

        output.WriteLine($"{r.StartedUtc:u}, kernel {r.Kernel}, {r.Cpus} CPUs, load average at start {r.LoadAverageAtStart}");
        output.WriteLine();
        output.WriteLine($"| | {string.Join(" | ", r.Inits.Select(i => i.Name))} |");
        output.WriteLine($"|---|{string.Concat(r.Inits.Select(_ => "---:|"))}");
        foreach (var (metric, value) in rows) output.WriteLine($"| {metric} | {string.Join(" | ", r.Inits.Select(value))} |");
        output.WriteLine();
        output.WriteLine($"/bin/true alone: {r.BarePid1Ms:0.00} ms as PID 1, {r.BarePlainMs:0.00} ms as a plain process (medians).");
        output.WriteLine($"/bin/true alone with the huge argument lists: {Measured(r.BareManyArgumentsMs, "0.00")} ms ({ArgumentsBench.Many.Length:N0}), {Measured(r.BareLongArgumentsMs, "0.00")} ms ({ArgumentsBench.Long.Length} of 128 KiB) (medians).");
        output.WriteLine($"Ours with {string.Join(' ', Benchmark.BusyOptions)}: {r.OursBusyPid1Ms:0.00} ms as PID 1, {r.OursBusyPlainMs:0.00} ms as a plain process (medians).");
        output.WriteLine("The last two columns are measurements only: ours built with its help written without System.CommandLine (what System.CommandLine costs), and the empty NativeAOT program with our settings, which runs no command (the floor any NativeAOT init stands on).");
        if (r.Probe is { } probe)
            output.WriteLine($"Health probe against busybox httpd on loopback, plain process (medians): `init --probe URL` {probe.OursMs:0.00} ms, " +
                             $"`busybox wget -q -O /dev/null URL` {probe.BusyboxWgetMs:0.00} ms, `curl -fsS URL` {Measured(probe.CurlMs, "0.00")} ms; " +
                             $"the empty NativeAOT program alone {Measured(probe.NativeAotFloorMs, "0.00")} ms.");
        if (r.OurDynamicSizeBytes is long dynamic) output.WriteLine($"Our dynamic build: {dynamic / 1e6:0.00} MB ({dynamic:N0} bytes).");
        output.WriteLine();
        foreach (var t in r.Targets)
            output.WriteLine($"{(t.Pass switch { true => "PASS", false => "MISS", null => "SKIP" })}  {t.Name}: {t.Detail}");
    }

    /// <summary>A figure a reference program has not got (it runs no command): NaN or -1.</summary>
    private static string Measured(double value, string format) => double.IsNaN(value) || value < 0 ? "–" : value.ToString(format);

    public static void WriteJson(Results results, string path)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(results, new JsonSerializerOptions
        {
            WriteIndented = true,
            // A reference program's unmeasured figures are NaN.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }
}
