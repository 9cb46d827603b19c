using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KbGen.Tests.Browser;

/// <summary>A tiny static file server on 127.0.0.1 for browser tests: GET and HEAD of files under
/// one folder, "/dir/" serves "dir/index.html", one request per connection, no caching. Not for
/// anything but tests.</summary>
public sealed class StaticFileServer : IDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8", [".json"] = "application/json",
        [".xml"] = "application/xml", [".svg"] = "image/svg+xml", [".png"] = "image/png",
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".pdf"] = "application/pdf", [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _root;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = AcceptLoop();
    }

    /// <summary>"http://127.0.0.1:PORT/", ending in a slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Every path requested so far, for tests that check what a page loaded.</summary>
    public IReadOnlyCollection<string> Requests => [.. _requests];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requests = new();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHead(stream);
                var parts = head.Split("\r\n")[0].Split(' ');
                if (parts.Length < 3) return;
                var (method, target) = (parts[0], parts[1]);
                _requests.Enqueue(target);
                if (method is not ("GET" or "HEAD")) { await Respond(stream, 405, "text/plain", "method not allowed"u8.ToArray(), method); return; }
                var file = Resolve(target);
                if (file is null) { await Respond(stream, 404, "text/plain", "not found"u8.ToArray(), method); return; }
                Types.TryGetValue(Path.GetExtension(file), out var type);
                await Respond(stream, 200, type ?? "application/octet-stream", await File.ReadAllBytesAsync(file), method);
            }
            catch (IOException) { }
            catch (SocketException) { }
        }
    }

    private string? Resolve(string target)
    {
        var path = Uri.UnescapeDataString(target.Split('?', '#')[0]);
        if (path.EndsWith('/')) path += "index.html";
        var full = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
        return File.Exists(full) ? full : null;
    }

    private static async Task<string> ReadHead(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total));
            if (n == 0) break;
            total += n;
            if (buffer.AsSpan(0, total).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    private static async Task Respond(NetworkStream stream, int status, string type, byte[] body, string method)
    {
        var reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Method Not Allowed" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (method != "HEAD") await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
