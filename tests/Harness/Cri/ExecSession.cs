using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;

namespace Init.Tests.Harness.Cri;

/// <summary>
/// A `kubectl exec` session: a websocket on the URL the CRI's Exec returned, with Kubernetes'
/// v4.channel.k8s.io framing (each binary message starts with its channel: 0 stdin, 1 stdout,
/// 2 stderr, 3 the final status as JSON). Closing it is the user's connection going away.
/// </summary>
public sealed class ExecSession : IDisposable
{
    private const byte Stdin = 0;
    private const byte Error = 3;

    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _output = new();
    private readonly Thread _reader;

    public ExecSession(string url)
    {
        _socket.Options.AddSubProtocol("v4.channel.k8s.io");
        var uri = new UriBuilder(url) { Scheme = url.StartsWith("https", StringComparison.Ordinal) ? "wss" : "ws" }.Uri;
        using var patience = new CancellationTokenSource(InitProcess.Patience);
        _socket.ConnectAsync(uri, patience.Token).GetAwaiter().GetResult();
        _reader = new Thread(Read) { IsBackground = true };
        _reader.Start();
    }

    /// <summary>stdout and stderr so far, and the final status once the process ended.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public void Send(string text)
    {
        byte[] frame = [Stdin, .. Encoding.UTF8.GetBytes(text)];
        using var patience = new CancellationTokenSource(InitProcess.Patience);
        _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, patience.Token).GetAwaiter().GetResult();
    }

    public void WaitForOutput(string text) =>
        Eventually.Until(() => Output.Contains(text, StringComparison.Ordinal), () => $"the exec session never said '{text}':\n{Output}");

    private void Read()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = _socket.ReceiveAsync(buffer, CancellationToken.None).GetAwaiter().GetResult();
                if (result.MessageType == WebSocketMessageType.Close || result.Count == 0) break;
                string text = Encoding.UTF8.GetString(buffer, 1, result.Count - 1);
                lock (_output) _output.Append(buffer[0] == Error ? "\n[status] " + text : text);
            }
        }
        catch (WebSocketException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
        _reader.Join(InitProcess.Patience);
    }
}
