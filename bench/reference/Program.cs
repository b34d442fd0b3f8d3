// See Reference.csproj: the smallest NativeAOT program, with or without System.CommandLine.
internal static class Program
{
    private static int Main(string[] args)
    {
#if WITH_COMMAND_LINE
        var verbose = new System.CommandLine.Option<bool>("-v");
        var root = new System.CommandLine.RootCommand("reference") { verbose };
        return root.Parse(args).GetValue(verbose) ? 1 : 0;
#else
        return 0;
#endif
    }
}
