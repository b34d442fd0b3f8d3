using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Init.Tests.Harness;

/// <summary>
/// The published init, started as PID 1 of a new PID namespace or as a plain process, observed from
/// outside: its stdout lines (the child's), its stderr, its exit code, and its pid as the test sees it.
/// </summary>
public sealed class InitProcess : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    // The channel's Completion finishes only once every line was read; end of file is told apart here.
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Mode _mode;
    private int _initPid;

    private InitProcess(Mode mode, IEnumerable<string> initArguments, IDictionary<string, string?>? environment,
        string? workingDirectory, string? program = null, string[]? wrapper = null)
    {
        _mode = mode;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        // The test host (.NET) ignores SIGPIPE and the init passes ignored signals on; a container
        // starts with the default, so env puts it back (and execs the rest: same pid).
        start.FileName = "env";
        start.ArgumentList.Add("--default-signal=PIPE");
        if (mode == Mode.Pid1)
        {
            foreach (string a in new[] { "unshare", "--pid", "--fork", "--mount-proc" }) start.ArgumentList.Add(a);
        }
        // A wrapper sets something up and execs the rest, so the init keeps the pid the test started.
        foreach (string a in wrapper ?? []) start.ArgumentList.Add(a);
        start.ArgumentList.Add(program ?? InitBinary.Path);
        foreach (string a in initArguments) start.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var (name, value) in environment) start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                _stdoutClosed.TrySetResult();
                return;
            }
            lock (_stdout) _stdout.Add(e.Data);
            _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { _stderrClosed.TrySetResult(); return; }
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static InitProcess Start(Mode mode, params string[] initArguments) => new(mode, initArguments, null, null);

    /// <summary>
    /// Runs a bash script that starts the init itself ($INIT), for what the harness cannot set up:
    /// a parent that dies, descriptors or masks inherited from a shell. Its InitPid is the script's pid.
    /// </summary>
    public static InitProcess Around(string script) =>
        new(Mode.Plain, ["-c", script], new Dictionary<string, string?> { ["INIT"] = InitBinary.Path }, null, "bash");

    public static InitProcess StartWith(Mode mode, IDictionary<string, string?>? environment, string? workingDirectory, params string[] initArguments) =>
        new(mode, initArguments, environment, workingDirectory);

    /// <summary>Another build of the init (the static one, say).</summary>
    public static InitProcess StartBuild(Mode mode, string binary, params string[] initArguments) =>
        new(mode, initArguments, null, null, binary);

    /// <summary>Another build of the init, as PID 1, run by a user-mode emulator such as qemu-aarch64-static.</summary>
    public static InitProcess StartEmulated(string emulator, string binary, params string[] initArguments) =>
        new(Mode.Pid1, initArguments, null, null, binary, [emulator]);

    /// <summary>The init started through <paramref name="wrapper"/>, a program that sets something up and then execs the rest of its arguments.</summary>
    public static InitProcess StartWrapped(Mode mode, string[] wrapper, params string[] initArguments) =>
        new(mode, initArguments, null, null, null, wrapper);

    /// <summary>Runs the init with a bash script as its command.</summary>
    public static InitProcess Bash(Mode mode, string script, params string[] initOptions) =>
        new(mode, [.. initOptions, "--", "bash", "-c", script], null, null);

    /// <summary>The init's pid in the test's namespace (for PID 1: the child of unshare).</summary>
    public int InitPid
    {
        get
        {
            if (_initPid != 0) return _initPid;
            if (_mode == Mode.Plain) return _initPid = _process.Id;
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (ProcFs.Children(_process.Id) is [int pid, ..]) return _initPid = pid;
                Thread.Sleep(5);
            }
            throw new TimeoutException("unshare never started the init");
        }
    }

    public IReadOnlyList<string> Stdout
    {
        get { lock (_stdout) return _stdout.ToList(); }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>When the runtime saw the process exit (it reaps on SIGCHLD, whatever the test thread is doing).</summary>
    public DateTime ExitTimeUtc => _process.ExitTime.ToUniversalTime();

    public StreamWriterHandle Stdin => new(_process.StandardInput);

    /// <summary>
    /// Waits for the next stdout line that contains <paramref name="text"/>, and consumes the lines
    /// before it (a barrier test waits with <see cref="WaitForAllLines"/> to keep them); fails after a generous timeout.
    /// </summary>
    public string WaitForLine(string text, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            while (true)
            {
                string line = _lines.Reader.ReadAsync(cts.Token).AsTask().GetAwaiter().GetResult();
                if (line.Contains(text, StringComparison.Ordinal)) return line;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException(
                $"no stdout line with '{text}'.\nstdout:\n{string.Join("\n", Stdout)}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>Waits until each of <paramref name="lines"/> has been written to stdout, in any order.</summary>
    public void WaitForAllLines(params string[] lines) =>
        Eventually.Until(() => lines.All(line => Stdout.Contains(line)),
            () => $"stdout lacks some of: {string.Join(" | ", lines)}\nstdout:\n{string.Join("\n", Stdout)}\nstderr:\n{Stderr}");

    /// <summary>Waits until the init's stderr contains <paramref name="text"/>; fails after a generous timeout.</summary>
    public void WaitForStderr(string text) =>
        Eventually.Until(() => Stderr.Contains(text, StringComparison.Ordinal), () => $"stderr never said '{text}'.\nstderr:\n{Stderr}");

    /// <summary>Waits until every holder of the init's stdout pipe has closed it.</summary>
    public void WaitForStdoutEof()
    {
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            _stdoutClosed.Task.WaitAsync(cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("stdout never reached end of file");
        }
    }

    public void Signal(int signal)
    {
        if (Libc.kill(InitPid, signal) != 0) throw new InvalidOperationException($"kill({InitPid}, {signal}) failed");
    }

    /// <summary>Waits for the init (and, as PID 1, unshare, which passes its status on) to exit.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? Patience))
            throw new Xunit.Sdk.XunitException($"init did not exit.\nstdout:\n{string.Join("\n", Stdout)}\nstderr:\n{Stderr}");
        // Let the output events of both pipes drain, but do not wait for a pipe some leftover
        // process still holds.
        Task.WaitAll([_stdoutClosed.Task, _stderrClosed.Task], TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            foreach (int pid in ProcFs.Descendants(_process.Id).Reverse().ToList()) Libc.kill(pid, 9);
            Libc.kill(_process.Id, 9);
            _process.WaitForExit(Patience);
        }
        _process.Dispose();
    }

    /// <summary>Writes raw text to the init's stdin.</summary>
    public readonly struct StreamWriterHandle(System.IO.StreamWriter writer)
    {
        public void Write(string text)
        {
            writer.Write(text);
            writer.Flush();
        }

        public void Close() => writer.Close();
    }
}
