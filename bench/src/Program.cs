using System.Reflection;
using Bench;

// See bench/README.md. Needs root (it creates PID namespaces), gcc, and clang + lld for the static init.
Options? options;
try
{
    options = Options.Parse(args);
}
catch (FormatException)
{
    options = null;
}
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

string benchDir = typeof(Options).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "BenchDirectory").Value!;
string outDir = Path.Combine(benchDir, "out");
Directory.CreateDirectory(outDir);

string child = Builder.CompileChild(benchDir, outDir);
string repository = Path.GetDirectoryName(benchDir)!;
string ourStatic;
long? ourDynamicSize = null;
if (options.Init is string given)
{
    ourStatic = given;
}
else
{
    (ourStatic, string ourDynamic) = Builder.PublishInit(repository, outDir);
    ourDynamicSize = new FileInfo(ourDynamic).Length;
}
var ours = new Contender("init (ours)", ourStatic);

if (options.SoakMinutes is double minutes) return Soak.Run(ours, child, TimeSpan.FromMinutes(minutes)) ? 0 : 1;

// What is .NET's (the floor) and what is System.CommandLine's (ours without it), beside ours.
Contender[] references = [Builder.PublishInitWithoutCommandLine(repository, benchDir, outDir), Builder.PublishFloor(benchDir, outDir)];
var results = Benchmark.Run(options, [ours, .. Contender.InstalledPeers(), .. references], child, ourDynamicSize);
Report.Print(results, Console.Out);
string json = options.Json ?? Path.Combine(benchDir, "results.json");
Report.WriteJson(results, json);
Console.WriteLine();
Console.WriteLine($"JSON: {json}");
return 0;
