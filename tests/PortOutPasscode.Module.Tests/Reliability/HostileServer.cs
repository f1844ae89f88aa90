using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers whatever a test scripts, byte for byte, so it can say what the
/// emulator never would (a DOCTYPE, an endless body), and that records every request line it receives, so a test
/// can tell that nothing reached it.
/// </summary>
public sealed class HostileServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<HostileRequest, Stream, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <param name="answer">Writes the whole answer (status line, headers, body) for a request line to the stream.</param>
    public HostileServer(Func<string, Stream, Task> answer)
        : this(new Func<HostileRequest, Stream, Task>((request, stream) => answer(request.Line, stream)))
    {
    }

    private HostileServer(Func<HostileRequest, Stream, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>A server whose answers may depend on the whole request: its line, its headers (Authorization…) and its body.</summary>
    public static HostileServer Serving(Func<HostileRequest, Stream, Task> answer) => new(answer);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/api");

    /// <summary>Connections opened to it, whether or not a request followed.</summary>
    public int Connections => _connections;

    /// <summary>Request lines received ("GET /api/... HTTP/1.1").</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();

    private int _connections;

    /// <summary>An answer with a fixed body.</summary>
    public static async Task Answer(Stream stream, int status, string body, string contentType = "application/xml")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} Scripted\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                RequestLines.Enqueue(request.Line);
                await _answer(request, stream);
                await stream.FlushAsync();
            }
            catch (IOException)
            {
                // The client hung up, as it should when it refuses an answer.
            }
        }
    }

    /// <summary>The request head and, by its Content-Length, its body (the first megabyte kept).</summary>
    private static async Task<HostileRequest> ReadRequestAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        var text = head.ToString();
        var length = text.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => long.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();
        var buffer = new byte[8192];
        var body = new MemoryStream();
        while (length > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)));
            if (read == 0) break;
            if (body.Length < 1 << 20) body.Write(buffer, 0, read);
            length -= read;
        }
        return new HostileRequest(text.Split("\r\n")[0], text, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>The value of a request header, or null.</summary>
    public static string? Header(HostileRequest request, string name) =>
        request.Head.Split("\r\n").Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}

/// <summary>A request as the hostile server read it: the request line, the whole head, and the body.</summary>
public sealed record HostileRequest(string Line, string Head, string Body);
