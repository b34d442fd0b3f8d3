using Init.Signals;
using static Tmds.Linux.LibC;

namespace Init.Spawning;

/// <summary>
/// Everything the child is started with, described once; <see cref="ChildSpawner"/> turns it into a process.
/// The child always leads a new process group, so signals can be sent to it and its descendants at once.
/// </summary>
internal sealed class ChildSpec
{
    /// <summary>argv, byte for byte; argv[0] is looked up in PATH like execvp does.</summary>
    public required byte[][] Arguments { get; init; }

    /// <summary>The environment, byte for byte ("NAME=value" entries).</summary>
    public required byte[][] Environment { get; init; }

    /// <summary>The signal mask the init itself was started with (the init blocks much more).</summary>
    public required SignalSet SignalMask { get; init; }

    /// <summary>Signals whose disposition the runtime changed and the child must get back at default.</summary>
    public required SignalSet ResetToDefault { get; init; }

    /// <summary>A terminal whose foreground process group the child's group becomes, or null.</summary>
    public int? ForegroundTerminal { get; init; }

    /// <summary>The child the init was asked to run: what the init itself was given, unchanged.</summary>
    /// <param name="args">The init's arguments; the command starts at <paramref name="commandIndex"/>.</param>
    /// <param name="startupMask">The init's signal mask from before it blocked everything it forwards.</param>
    public static ChildSpec ForCommand(string[] args, int commandIndex, SignalSet startupMask)
    {
        // Ignored dispositions survive execve. The runtime sets SIGPIPE to ignored before Main, which
        // would leave `yes | head` running forever in the child; what the init's own parent had set
        // cannot be read back, so the child gets the default, as in any container. glibc's
        // posix_spawn sets its internal signals 32 and 33 to ignored in the child unless told otherwise.
        var resetToDefault = SignalSet.Empty();
        resetToDefault.Add(Signal.SIGPIPE);
        resetToDefault.Add(new Signal(32));
        resetToDefault.Add(new Signal(33));
        return new ChildSpec
        {
            Arguments = ProcessImage.Arguments(args, commandIndex),
            Environment = ProcessImage.Environment(),
            SignalMask = startupMask,
            ResetToDefault = resetToDefault,
            ForegroundTerminal = OwnsForegroundOf(0) ? 0 : null,
        };
    }

    /// <summary>
    /// The child takes the terminal's foreground only from an init that has it: `docker run -it`
    /// gives it to the init; an init started in the background of a shell must not steal it.
    /// </summary>
    private static bool OwnsForegroundOf(int fd) => isatty(fd) == 1 && tcgetpgrp(fd) == getpgid(0);
}
