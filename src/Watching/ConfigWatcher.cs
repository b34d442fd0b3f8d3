using System.Collections.Generic;
using System.IO;
using Init.Lifecycle;
using Init.Logging;

namespace Init.Watching;

/// <summary>
/// --reload-on: the paths whose changes the commands are told about. Event-driven: the init waits for
/// its descriptor in the same poll as for signals, and wakes up on a timer only while a burst settles.
/// </summary>
internal sealed class ConfigWatcher
{
    private readonly InotifyWatchSet _inotify;
    private readonly SettleTimer _settle = new();
    private readonly List<WatchedPath> _paths = [];
    private readonly List<string> _changed = [];
    private string? _warnedProblem;

    private sealed class WatchedPath(string path)
    {
        public string Path { get; } = path;
        public List<WatchPoint> Points { get; } = [];
        public bool Gone { get; set; }
    }

    /// <summary>Watches every path, each of which must exist.</summary>
    /// <exception cref="InitFailure">A path is missing, or inotify is refused or at its limit.</exception>
    public ConfigWatcher(IReadOnlyList<string> paths)
    {
        foreach (string path in paths)
        {
            // Made absolute now: the init leaves its working directory for / once the commands run.
            var watched = new WatchedPath(System.IO.Path.Combine(Directory.GetCurrentDirectory(), path));
            if (!WatchPoint.Resolve(watched.Path, watched.Points))
                throw new InitFailure($"cannot watch {path} (--reload-on): no such file or directory");
            _paths.Add(watched);
        }
        _inotify = new InotifyWatchSet();
        if (_inotify.WatchOnly(Directories()) is string problem) throw new InitFailure(problem);
    }

    /// <summary>The descriptor to wait for, with the signals.</summary>
    public int Fd => _inotify.Fd;

    /// <summary>When a pending burst is over: the wait's timeout; null while nothing is pending.</summary>
    public Deadline? Due => _settle.Due;

    /// <summary>Reads what happened since, without blocking; follows links that now point elsewhere.</summary>
    public void ReadEvents()
    {
        bool any = false;
        _inotify.ReadEvents((directory, name) =>
        {
            foreach (var watched in _paths)
            {
                if (directory is not null && !watched.Points.Exists(point => point.Covers(directory, name))) continue;
                if (!_changed.Contains(watched.Path)) _changed.Add(watched.Path);
                any = true;
            }
        });
        if (!any) return;
        _settle.Changed();
        Rewatch();
    }

    /// <summary>The paths that changed, once their burst is over (none that is gone: there is nothing to reload from); null before.</summary>
    public List<string>? TakeSettled()
    {
        if (!_settle.TakeDue()) return null;
        var changed = new List<string>();
        foreach (var watched in _paths)
        {
            if (_changed.Contains(watched.Path) && !watched.Gone) changed.Add(watched.Path);
        }
        _changed.Clear();
        return changed.Count > 0 ? changed : null;
    }

    /// <summary>Resolves every path again: a link swapped, a directory removed or back.</summary>
    private void Rewatch()
    {
        foreach (var watched in _paths)
        {
            watched.Points.Clear();
            bool exists = WatchPoint.Resolve(watched.Path, watched.Points);
            if (!exists && !watched.Gone) Log.Warn($"{watched.Path} (--reload-on) is gone; watching for it to come back");
            else if (exists && watched.Gone) Log.Notice($"{watched.Path} (--reload-on) is back");
            watched.Gone = !exists;
        }
        // After the commands started, a watch that cannot be added is said once, and the rest goes on.
        string? problem = _inotify.WatchOnly(Directories());
        if (problem is not null && problem != _warnedProblem) Log.Warn(problem);
        _warnedProblem = problem;
    }

    private HashSet<string> Directories()
    {
        var directories = new HashSet<string>();
        foreach (var watched in _paths)
        {
            foreach (var point in watched.Points) directories.Add(point.Directory);
        }
        return directories;
    }
}
