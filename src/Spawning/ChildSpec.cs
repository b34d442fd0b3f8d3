using System.Collections;
using System.Collections.Generic;
using Init.Native;
using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// Everything the child is started with, described once; <see cref="ChildSpawner"/> turns it into a process.
/// The child always leads a new process group, so signals can be sent to it and its descendants at once.
/// </summary>
internal sealed unsafe class ChildSpec
{
    /// <summary>argv, byte for byte; argv[0] is looked up in PATH like execvp does.</summary>
    public required ExecStrings Arguments { get; init; }

    /// <summary>The environment, byte for byte ("NAME=value" entries).</summary>
    public required ExecStrings Environment { get; init; }

    /// <summary>The signal mask the init itself was started with (the init blocks much more).</summary>
    public required SignalSet SignalMask { get; init; }

    /// <summary>Signals the init was started with ignored: the child starts with them ignored too.</summary>
    public required SignalSet Ignored { get; init; }

    /// <summary>Every other signal: the child starts with it at default, whatever the init or its runtime set.</summary>
    public SignalSet ResetToDefault => Ignored.Complement();

    /// <summary>A terminal whose foreground process group the child's group becomes, or null.</summary>
    public int? ForegroundTerminal { get; init; }

    /// <summary>--user: the user the child switches to before exec; null runs it as the init runs.</summary>
    public TargetUser? User { get; init; }

    /// <summary>--rlimit: the limits the child sets on itself before exec (the init keeps its own).</summary>
    public ResourceLimit[] Limits { get; init; } = [];

    /// <summary>The child needs steps posix_spawn has no attribute for (see <see cref="SetupSpawner"/>).</summary>
    public bool NeedsSetup => User is not null || Limits.Length > 0;

    /// <summary>This child with another environment, run as <paramref name="user"/>.</summary>
    public ChildSpec With(ExecStrings environment, TargetUser? user) => new()
    {
        Arguments = Arguments,
        Environment = environment,
        SignalMask = SignalMask,
        Ignored = Ignored,
        ForegroundTerminal = ForegroundTerminal,
        User = user,
        Limits = Limits,
    };

    /// <summary>The child the init was asked to run: its argv as the init was given it.</summary>
    /// <param name="args">The init's arguments; the command starts at <paramref name="commandIndex"/>.</param>
    /// <param name="environment">Every command's: <see cref="GivenEnvironment"/>, with --secret applied.</param>
    public static ChildSpec ForCommand(string[] args, int commandIndex, ExecStrings environment, ResourceLimit[] limits) => new()
    {
        // The kernel's own array, as preinit.c recorded it: .NET decodes argv as UTF-8, replacing
        // bytes that are not, and the command must get them unchanged.
        Arguments = GivenArguments(args, commandIndex),
        Environment = environment,
        Limits = limits,
        // As recorded before the runtime started: it sets SIGPIPE to ignored and catches SIGSEGV,
        // SIGFPE and SIGRTMIN, and the init blocks most signals.
        SignalMask = StartupState.Mask,
        Ignored = StartupState.Ignored,
        ForegroundTerminal = OwnsForegroundOf(0) ? 0 : null,
    };

    /// <summary>A command given with --also: its words as UTF-8; everything else as for the main command, but never the terminal's foreground.</summary>
    public static ChildSpec ForWords(string[] words, ExecStrings environment, ResourceLimit[] limits) => new()
    {
        Arguments = ExecStrings.FromUtf8(words),
        Environment = environment,
        Limits = limits,
        SignalMask = StartupState.Mask,
        Ignored = StartupState.Ignored,
    };

    /// <summary>
    /// argv from Main's args[<paramref name="commandIndex"/>] on (args[i] is argv[i + 1]; Main is shown
    /// argv only up to the command's name, see preinit.c), or the decoded strings re-encoded.
    /// </summary>
    private static ExecStrings GivenArguments(string[] args, int commandIndex)
    {
        byte** argv = StartupState.Arguments(out int count);
        return argv != null && count > args.Length
            ? new ExecStrings(argv + commandIndex + 1)
            : ExecStrings.FromUtf8(args[commandIndex..]);
    }

    /// <summary>
    /// The environment as given: the kernel's own array, as preinit.c recorded it (.NET decodes it as
    /// UTF-8, replacing bytes that are not), or .NET's decoded view of it re-encoded.
    /// </summary>
    public static ExecStrings GivenEnvironment()
    {
        if (StartupState.Environment != null) return new ExecStrings(StartupState.Environment);
        var entries = new List<string>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables()) entries.Add($"{entry.Key}={entry.Value}");
        return ExecStrings.FromUtf8(entries);
    }

    /// <summary>
    /// The child takes the terminal's foreground only from an init that has it: `docker run -it`
    /// gives it to the init; an init started in the background of a shell must not steal it.
    /// </summary>
    private static bool OwnsForegroundOf(int fd) => isatty(fd) == 1 && tcgetpgrp(fd) == getpgid(0);
}
