using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bittensor.Sdk.Tests.Support;

/// <summary>
/// A TCP server on a free loopback port that accepts connections and never answers a request. With
/// <c>webSocket</c> it completes the WebSocket opening handshake first, then counts the frames it receives — and still
/// answers none. <see cref="DropConnections"/> closes every accepted connection abruptly.
/// </summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private static readonly byte[] WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly bool _webSocket;
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _frames;

    public SilentServer(bool webSocket)
    {
        _webSocket = webSocket;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Endpoint => new($"{(_webSocket ? "ws" : "http")}://127.0.0.1:{Port}/");

    /// <summary>WebSocket frames received so far.</summary>
    public int FramesReceived => Volatile.Read(ref _frames);

    public async Task WaitForFramesAsync(int count, CancellationToken cancellationToken)
    {
        while (FramesReceived < count)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public void DropConnections()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was stopped under the pending accept.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            if (!_webSocket)
            {
                var sink = new byte[4096];
                while (await stream.ReadAsync(sink, _stop.Token) > 0)
                {
                }

                return;
            }

            var request = await ReadHeadersAsync(stream);
            var key = request.Split("\r\n").Select(l => l.Split(':', 2)).First(p => p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
            var accept = Convert.ToBase64String(SHA1.HashData([.. Encoding.ASCII.GetBytes(key), .. WebSocketGuid]));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), _stop.Token);
            while (await ReadFrameAsync(stream))
            {
                Interlocked.Increment(ref _frames);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection was dropped.
        }
    }

    private async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("closed during the handshake");
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]);
    }

    private async Task<bool> ReadFrameAsync(NetworkStream stream)
    {
        var head = new byte[2];
        if (!await ReadExactlyAsync(stream, head))
        {
            return false;
        }

        ulong length = (ulong)(head[1] & 0x7F);
        if (length == 126)
        {
            var ext = new byte[2];
            await ReadExactlyAsync(stream, ext);
            length = BinaryPrimitives.ReadUInt16BigEndian(ext);
        }
        else if (length == 127)
        {
            var ext = new byte[8];
            await ReadExactlyAsync(stream, ext);
            length = BinaryPrimitives.ReadUInt64BigEndian(ext);
        }

        var rest = new byte[(int)length + ((head[1] & 0x80) != 0 ? 4 : 0)];
        return await ReadExactlyAsync(stream, rest);
    }

    private async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
