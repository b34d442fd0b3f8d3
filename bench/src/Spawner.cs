using System.Runtime.InteropServices;
using System.Text;
using static Bench.Libc;

namespace Bench;

/// <summary>Starts programs with posix_spawn and waits for them with waitpid.</summary>
/// <remarks>
/// System.Diagnostics.Process would add its own fork path and a SIGCHLD thread to every timed run.
/// posix_spawn (a vfork in glibc) costs the same whatever the size of the benchmark process.
/// </remarks>
internal static unsafe class Spawner
{
    private static readonly int DevNull = OpenDevNull();

    /// <summary>
    /// Starts <paramref name="argv"/> (argv[0] is looked up in PATH) with the given descriptors as its
    /// stdin, stdout and stderr. The benchmark opens everything else close-on-exec, so the program
    /// gets no other descriptor of ours.
    /// </summary>
    public static int Start(IReadOnlyList<string> argv, int stdin = -1, int stdout = -1, int stderr = -1)
    {
        byte* actions = stackalloc byte[OpaqueSize];
        byte* attr = stackalloc byte[OpaqueSize];
        byte* empty = stackalloc byte[OpaqueSize];
        byte* pipeSignal = stackalloc byte[OpaqueSize];

        posix_spawn_file_actions_init(actions);
        posix_spawn_file_actions_adddup2(actions, stdin < 0 ? DevNull : stdin, 0);
        posix_spawn_file_actions_adddup2(actions, stdout < 0 ? DevNull : stdout, 1);
        posix_spawn_file_actions_adddup2(actions, stderr < 0 ? DevNull : stderr, 2);

        // The runtime ignores SIGPIPE, and an ignored signal survives exec: give it back its default.
        // The mask is emptied too, so every init starts as it would under a container runtime.
        posix_spawnattr_init(attr);
        sigemptyset(empty);
        sigemptyset(pipeSignal);
        sigaddset(pipeSignal, SIGPIPE);
        posix_spawnattr_setsigmask(attr, empty);
        posix_spawnattr_setsigdefault(attr, pipeSignal);
        posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        var strings = new List<nint>();
        try
        {
            byte** args = stackalloc byte*[argv.Count + 1];
            for (int i = 0; i < argv.Count; i++) args[i] = Utf8(argv[i], strings);
            args[argv.Count] = null;
            byte** env = EnvironmentBlock(strings);

            int pid;
            int error = posix_spawnp(&pid, args[0], actions, attr, args, env);
            if (error != 0) throw new IOException($"cannot start {argv[0]}: {Describe(error)}");
            return pid;
        }
        finally
        {
            foreach (nint s in strings) Marshal.FreeHGlobal(s);
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attr);
        }
    }

    /// <summary>Waits for <paramref name="pid"/> to end; returns its raw wait status.</summary>
    public static int Wait(int pid)
    {
        int status;
        while (waitpid(pid, &status, 0) < 0)
        {
            if (Errno != EINTR) throw new IOException($"waitpid {pid}: {Describe(Errno)}");
        }
        return status;
    }

    /// <summary>The wait status of <paramref name="pid"/> if it has ended, without blocking.</summary>
    public static int? TryWait(int pid)
    {
        int status;
        return waitpid(pid, &status, WNOHANG) == pid ? status : null;
    }

    public static string DescribeStatus(int status) =>
        (status & 0x7f) == 0 ? $"exit {(status >> 8) & 0xff}" : $"signal {status & 0x7f}";

    private static byte** EnvironmentBlock(List<nint> strings)
    {
        var variables = Environment.GetEnvironmentVariables();
        var env = (byte**)Marshal.AllocHGlobal(sizeof(byte*) * (variables.Count + 1));
        strings.Add((nint)env);
        int i = 0;
        foreach (System.Collections.DictionaryEntry v in variables) env[i++] = Utf8($"{v.Key}={v.Value}", strings);
        env[i] = null;
        return env;
    }

    private static byte* Utf8(string s, List<nint> strings)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s + "\0");
        nint p = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        strings.Add(p);
        return (byte*)p;
    }

    private static int OpenDevNull()
    {
        fixed (byte* path = "/dev/null\0"u8)
        {
            int fd = open(path, O_RDWR | O_CLOEXEC);
            if (fd < 0) throw new IOException("cannot open /dev/null: " + Describe(Errno));
            return fd;
        }
    }
}
