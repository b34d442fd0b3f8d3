using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Init.Tests.Harness;

namespace Init.Tests.Probe;

/// <summary>
/// A real HTTP server for the probe: `busybox httpd -f` on a loopback port of its own, serving a scratch
/// directory (index.html answers 200, a missing file 404) and CGI scripts that answer any status.
/// Stopped by its pid.
/// </summary>
public sealed class BusyboxHttpd : IDisposable
{
    private readonly Process _process;
    private readonly string _home;
    private readonly ReservedPort _port = new();

    public int Port => _port.Port;

    public BusyboxHttpd(Scratch scratch)
    {
        _home = scratch.File("www");
        Directory.CreateDirectory(Path.Combine(_home, "cgi-bin"));
        File.WriteAllText(Path.Combine(_home, "index.html"), "ok\n");
        var start = new ProcessStartInfo("busybox") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string a in new[] { "httpd", "-f", "-p", $"127.0.0.1:{Port}", "-h", _home }) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        Eventually.Until(Accepts, () => $"busybox httpd never listened on port {Port}: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "")}");
    }

    /// <summary>http://127.0.0.1:PORT/PATH</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>A CGI script that answers <paramref name="status"/> (busybox httpd turns "Status:" into the status line); its URL.</summary>
    public string Answering(int status, string headers = "")
    {
        string name = $"status-{status}";
        string script = Path.Combine(_home, "cgi-bin", name);
        File.WriteAllText(script, $"#!/bin/sh\nprintf 'Status: {status} Test\\r\\n{headers}\\r\\n'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Url("/cgi-bin/" + name);
    }

    private bool Accepts()
    {
        if (_process.HasExited) throw new Xunit.Sdk.XunitException($"busybox httpd exited: {_process.StandardError.ReadToEnd()}");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) Libc.kill(_process.Id, 9);
        _process.WaitForExit(InitProcess.Patience);
        _process.Dispose();
        _port.Dispose();
    }
}
