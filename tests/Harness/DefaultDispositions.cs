using System.Runtime.CompilerServices;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Init.Tests.Harness;

/// <summary>
/// The tests compare what a command inherits through the init with what it inherits directly, and
/// send it SIGINT, SIGQUIT and SIGHUP. A shell starts a background job (`dotnet test &`) with SIGINT
/// and SIGQUIT ignored, and nohup ignores SIGHUP; every process the tests start would inherit that,
/// and an ignored signal sent to a command never arrives. So the test host takes the default back
/// for them before any test runs, as a process started from a terminal has it.
/// </summary>
internal static class DefaultDispositions
{
    [ModuleInitializer]
    internal static unsafe void Restore()
    {
        foreach (int signal in new[] { SIGHUP, SIGINT, SIGQUIT })
        {
            sigaction current;
            if (sigaction(signal, null, &current) != 0 || current.sa_handler != SIG_IGN) continue;
            var byDefault = new sigaction { sa_handler = SIG_DFL };
            sigaction(signal, &byDefault, null);
        }
    }
}
