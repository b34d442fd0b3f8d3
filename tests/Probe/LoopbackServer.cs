using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Init.Tests.Probe;

/// <summary>
/// A server of the test's own, for replies no real server gives: listens on a loopback port and hands
/// the first connection to <c>reply</c> on a task, whose result the test reads. Disposing it closes
/// the listener and releases a reply still waiting on <see cref="Stopping"/>.
/// </summary>
public sealed class LoopbackServer<T> : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port { get; }

    /// <summary>What the reply returned, once the connection is done with.</summary>
    public Task<T> Result { get; }

    /// <summary>Cancelled when the test is over: a reply that holds the connection open waits on it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public LoopbackServer(Func<Socket, LoopbackServer<T>, T> reply, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen();
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        Result = Task.Run(() =>
        {
            using var connection = _listener.Accept();
            _accepted.TrySetResult();
            return reply(connection, this);
        });
    }

    /// <summary>Waits until the probe's connection was accepted (a barrier, not a guess).</summary>
    public void WaitForConnection()
    {
        if (!_accepted.Task.Wait(Harness.InitProcess.Patience)) throw new Xunit.Sdk.XunitException("the probe never connected");
    }

    /// <summary>Reads the request up to its blank line (the probe sends no body).</summary>
    public static string ReadRequest(Socket connection)
    {
        var request = new System.Text.StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = connection.Receive(buffer);
            if (n == 0) break;
            request.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }
        return request.ToString();
    }

    /// <summary>The result, once the reply is done; fails the test if it never is.</summary>
    public T Outcome()
    {
        if (!Result.Wait(Harness.InitProcess.Patience)) throw new Xunit.Sdk.XunitException("the test server's reply never ended");
        return Result.Result;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
        try { Result.Wait(Harness.InitProcess.Patience); } catch (AggregateException) { }
        _stopping.Dispose();
    }
}
