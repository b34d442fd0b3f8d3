using System.Text;
using Init.Native;

namespace Init.Spawning;

/// <summary>
/// The spawn of <see cref="ChildSpawner"/> for a child with steps posix_spawn has no attribute for:
/// it sets its resource limits (--rlimit), then takes a user's groups, gid and uid (--user), before
/// exec: src/Native/spawn_with_setup.c. Runs that need neither never come here.
/// </summary>
internal static unsafe class SetupSpawner
{
    /// <returns>The child's pid.</returns>
    /// <exception cref="SpawnFailure">The command could not be found or executed.</exception>
    /// <exception cref="InitFailure">The init could not start a process at all, or a setup step failed: nothing was run.</exception>
    public static int Spawn(ChildSpec spec)
    {
        // The C child execs exactly the path it is given: the PATH search is always the init's.
        int error = ChildSpawner.StartScript(new Launcher(spec), spec, out int pid);
        if (error != 0) throw SpawnFailure.For(Encoding.UTF8.GetString(spec.Arguments[0]), error);
        return pid;
    }

    /// <summary>One attempt of the search: the child does its setup, then execs exactly this file.</summary>
    private readonly struct Launcher(ChildSpec spec) : ChildSpawner.ILauncher
    {
        /// <exception cref="InitFailure">A step before exec failed: nothing was run, with any privileges.</exception>
        public int Start(byte* file, byte** argv, out int pid)
        {
            var user = spec.User;
            fixed (uint* groups = user?.Groups)
            fixed (ResourceLimit* limits = spec.Limits)
            {
                var request = new SetupSpawn.Request
                {
                    File = file,
                    Argv = argv,
                    Envp = spec.Environment.Pointers,
                    Groups = groups,
                    GroupCount = (uint)(user?.Groups.Length ?? 0),
                    Limits = limits,
                    LimitCount = (uint)spec.Limits.Length,
                    SwitchUser = user is null ? 0 : 1,
                    Uid = user?.Uid ?? 0,
                    Gid = user?.Gid ?? 0,
                    Mask = spec.SignalMask.Bits,
                    Ignored = spec.Ignored.Bits,
                    Tty = spec.ForegroundTerminal ?? -1,
                };
                int child;
                int error = SetupSpawn.init_spawn_with_setup(&request, &child);
                pid = child;
                // Exec's own errors are the search's to judge; -1 is the parent's (clone, pipe), SpawnFailure's to judge.
                if (error != 0 && request.FailedStep > SetupSpawn.Step.Execve) throw StepFailed(request, error);
                return error;
            }
        }

        private InitFailure StepFailed(in SetupSpawn.Request request, int error)
        {
            string command = Encoding.UTF8.GetString(spec.Arguments[0]);
            string how = spec.User is TargetUser user ? $" as '{user.Spec}'" : "";
            if (request.FailedStep == SetupSpawn.Step.Prlimit) how += $" with --rlimit {spec.Limits[request.FailedLimit]}";
            return new InitFailure($"cannot run '{command}'{how}: {request.FailedStep.ToString().ToLowerInvariant()}: {Errno.Describe(error)}");
        }
    }
}
