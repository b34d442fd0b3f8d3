using System;
using System.Collections.Generic;
using System.Text;
using Init.Files;
using Init.Native;
using static Tmds.Linux.LibC;

namespace Init.Watching;

/// <summary>One inotify instance and the directories it watches; what happened in them, as it is read.</summary>
internal sealed unsafe class InotifyWatchSet
{
    // What changes a directory's content, and the directory itself going away. IN_CLOSE_WRITE, not
    // IN_MODIFY: a file written in place counts once it is closed, not once per write.
    private const uint Events = Inotify.IN_CLOSE_WRITE | Inotify.IN_MOVED_TO | Inotify.IN_MOVED_FROM | Inotify.IN_CREATE |
        Inotify.IN_DELETE | Inotify.IN_DELETE_SELF | Inotify.IN_MOVE_SELF | Inotify.IN_ONLYDIR;
    private const uint GoneSelf = Inotify.IN_DELETE_SELF | Inotify.IN_MOVE_SELF | Inotify.IN_IGNORED;

    private readonly Dictionary<int, string> _directories = []; // by watch descriptor
    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <summary>The descriptor to poll: readable when events are queued. Non-blocking, close-on-exec.</summary>
    public int Fd { get; }

    /// <exception cref="InitFailure">inotify is refused (seccomp) or a limit is reached.</exception>
    public InotifyWatchSet()
    {
        int fd = Inotify.inotify_init1(Inotify.IN_NONBLOCK | Inotify.IN_CLOEXEC);
        if (fd < 0)
        {
            int errno = Errno.Last;
            throw new InitFailure($"cannot watch for changes: inotify_init1: {Errno.Describe(errno)}" +
                (errno == EMFILE ? $" (the limit {Limit("max_user_instances", "max_inotify_instances")} is reached, or the open file limit)" : ""));
        }
        Fd = FileDescriptors.AboveStandardStreams(fd, "inotify descriptor");
    }

    /// <summary>Watches exactly <paramref name="directories"/> from now on.</summary>
    /// <returns>null, or why one could not be watched (the others are).</returns>
    public string? WatchOnly(IReadOnlyCollection<string> directories)
    {
        string? problem = null;
        var kept = new HashSet<int>();
        foreach (string directory in directories)
        {
            int wd = Inotify.inotify_add_watch(Fd, directory, Events);
            if (wd >= 0)
            {
                kept.Add(wd);
                _directories[wd] = directory;
                continue;
            }
            int errno = Errno.Last;
            problem ??= $"cannot watch {directory}: inotify_add_watch: {Errno.Describe(errno)}" +
                (errno == ENOSPC ? $" (the limit {Limit("max_user_watches", "max_inotify_watches")} is reached)" : "");
        }
        foreach (int wd in new List<int>(_directories.Keys))
        {
            if (kept.Contains(wd)) continue;
            Inotify.inotify_rm_watch(Fd, wd);
            _directories.Remove(wd);
        }
        return problem;
    }

    /// <summary>Reads every queued event without blocking; calls <paramref name="happened"/> with the directory, and the entry's name (null: the directory itself, or everything after an overflow).</summary>
    public void ReadEvents(Action<string?, string?> happened)
    {
        while (true)
        {
            long n;
            fixed (byte* p = _buffer)
            {
                do n = read(Fd, p, _buffer.Length);
                while (n < 0 && Errno.Last == EINTR);
            }
            if (n <= 0) return; // EAGAIN: nothing more queued
            for (int at = 0; at + Inotify.EventHeaderSize <= n;)
            {
                int wd = BitConverter.ToInt32(_buffer, at);
                uint mask = BitConverter.ToUInt32(_buffer, at + 4);
                int length = BitConverter.ToInt32(_buffer, at + 12);
                string? name = length > 0 ? NameAt(at + Inotify.EventHeaderSize, length) : null;
                at += Inotify.EventHeaderSize + length;
                // The queue overflowed: events were lost, so anything may have changed.
                if ((mask & Inotify.IN_Q_OVERFLOW) != 0) happened(null, null);
                else if (_directories.TryGetValue(wd, out string? directory))
                {
                    happened(directory, (mask & GoneSelf) != 0 ? null : name);
                    if ((mask & Inotify.IN_IGNORED) != 0) _directories.Remove(wd);
                }
            }
        }
    }

    private string NameAt(int start, int length)
    {
        int end = Array.IndexOf(_buffer, (byte)0, start, length);
        return Encoding.UTF8.GetString(_buffer, start, (end < 0 ? start + length : end) - start);
    }

    /// <summary>"fs.inotify.max_user_watches = 8192", and the user namespace's own limit where it is lower (a rootless container's).</summary>
    private static string Limit(string global, string perNamespace)
    {
        string limit = Sysctl.Read("fs/inotify/" + global) ?? "?", own = Sysctl.Read("user/" + perNamespace) ?? "?";
        string text = $"fs.inotify.{global} = {limit}";
        bool lower = long.TryParse(own, out long ownValue) && (!long.TryParse(limit, out long value) || ownValue < value);
        return lower ? $"{text}; user.{perNamespace} = {own} in this user namespace" : text;
    }
}
