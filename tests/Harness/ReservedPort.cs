using System;
using System.Net;
using System.Net.Sockets;

namespace Init.Tests.Harness;

/// <summary>
/// A TCP port of the test's own on 127.0.0.1 and ::1 until disposed: a socket bound to it, not listening.
/// A port picked and let go could be taken meanwhile by a parallel test's listener or an outgoing
/// connection; this one the kernel gives to no bind to port 0 and no outgoing connection, and it refuses
/// connections to it. A server that sets SO_REUSEADDR (busybox httpd does) can still bind and listen on
/// it: the kernel lets such sockets share a port as long as the others do not listen.
/// </summary>
public sealed class ReservedPort : IDisposable
{
    // IPv6 in dual mode: the port is held on both loopback addresses that "localhost" names.
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);

    public int Port { get; }

    public ReservedPort()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public void Dispose() => _socket.Dispose();
}
