using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KbGen.Cli.Serve;

namespace KbGen.Tests.Serve;

/// <summary>A throw-away copy of the sample content/ in its own temporary folder.</summary>
public sealed class TempKb : IDisposable
{
    public const string TopicId = "lumbar-compression-fracture-pain";
    public const string TopicUrl = "topics/lumbar-compression-fracture-pain/index.html";
    public const string KnownText = "NSAIDs relieve back pain effectively";

    public TempKb()
    {
        Dir = Path.Combine(Path.GetTempPath(), "kbgen-serve-test-" + Guid.NewGuid().ToString("N")[..10]);
        Support.RepoRoot.CopyTree(Support.RepoRoot.SampleContent, Content);
    }

    public string Dir { get; }
    public string Content => Path.Combine(Dir, "content");
    public string TopicFile => Path.Combine(Content, "topics", TopicId + ".yaml");

    public string ReadTopic() => File.ReadAllText(TopicFile);

    /// <summary>Saves the topic as an editor does on ":w" (in place).</summary>
    public void WriteTopic(string text) => File.WriteAllText(TopicFile, text);

    /// <summary>The topic with line <paramref name="line"/> (1-based) replaced.</summary>
    public static string WithLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class ServeHttp
{
    public static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static Task<PreviewServer> Start(TempKb kb, TextWriter? output = null) =>
        PreviewServer.StartAsync(new ServeOptions { ContentDir = kb.Content, Port = 0 }, output ?? TextWriter.Null, output ?? TextWriter.Null);

    /// <summary>Fetches the URL until <paramref name="accept"/> holds; returns the body and how long it took.</summary>
    public static async Task<(string Body, TimeSpan Took)> Eventually(Uri url, Func<string, bool> accept, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < within)
        {
            using (var response = await Client.GetAsync(url)) // any status: a 503 page can carry the overlay
                last = await response.Content.ReadAsStringAsync();
            if (accept(last)) return (last, clock.Elapsed);
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException($"not served within {within.TotalSeconds:0.0} s; last body began: {last[..Math.Min(300, last.Length)]}");
    }

    /// <summary>Sends a request line exactly as given (no client-side normalisation of `..` or
    /// percent-escapes) and returns the status code and body.</summary>
    public static async Task<(int Status, string Response)> Raw(int port, string target, string? host = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {host ?? "127.0.0.1:" + port}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var ms = new MemoryStream();
        try { await stream.CopyToAsync(ms, cts.Token); } catch (IOException) { }
        var text = Encoding.UTF8.GetString(ms.ToArray());
        var parts = text.Split(' ', 3);
        return (parts.Length >= 2 && int.TryParse(parts[1], out var s) ? s : 0, text);
    }
}
