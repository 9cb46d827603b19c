using KbGen.Loading;
using System.Net;
using System.Text;
using System.Threading.Channels;
using KbGen.Building;
using KbGen.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace KbGen.Cli.Serve;

/// <summary>`kbgen serve`: builds the preview channel, serves the output on 127.0.0.1 with Kestrel,
/// rebuilds when content or templates change and tells open pages to reload (server-sent events
/// on /__kbgen/events). While the latest build failed, every HTML page it sends carries an overlay
/// listing the diagnostics, on top of the last good output, which a failed build never touches.</summary>
public sealed class PreviewServer : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    private readonly ServeOptions _options;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly IPreviewBuilder _builder;
    private readonly string _outDir;
    private readonly string? _tempRoot;
    private readonly string _instance = Convert.ToHexString(Guid.NewGuid().ToByteArray()[..4]).ToLowerInvariant();
    private readonly Channel<IReadOnlyCollection<string>> _changes = Channel.CreateUnbounded<IReadOnlyCollection<string>>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly BuildStateHub _hub;
    private WebApplication? _app;
    private ChangeWatcher? _watcher;
    private Task? _loop;
    private long _builds;
    private readonly ReaderWriterLockSlim _outputLock = new(LockRecursionPolicy.NoRecursion);
    private string _lastWarnings = "";
    private int _disposed;

    private PreviewServer(ServeOptions options, TextWriter output, TextWriter error, IPreviewBuilder? builder)
    {
        _options = options;
        _out = TextWriter.Synchronized(output);
        _err = TextWriter.Synchronized(error);
        if (options.OutDir is null)
        {
            _tempRoot = Path.Combine(Path.GetTempPath(), $"kbgen-serve-{_instance}-{Environment.ProcessId}");
            _outDir = Path.Combine(_tempRoot, "output");
        }
        else _outDir = Path.GetFullPath(options.OutDir);
        _builder = builder ?? new WholeSiteBuilder(new BuildOptions
        {
            ContentDir = options.ContentDir,
            TemplatesDir = options.TemplatesDir,
            OutDir = _outDir,
            Channel = KbGen.Publishing.Channel.Preview,
            // Its own temporary folder, read only by this server (under the lock): a rebuild
            // updates it in place. A folder given with --out may have other readers: it is
            // switched atomically, as kbgen build does.
            InPlace = options.OutDir is null,
            OutputLock = _outputLock,
            WarningsAsErrors = options.WarningsAsErrors,
        });
        _hub = new BuildStateHub(new BuildState($"{_instance}-0", null, null, Building: true));
    }

    /// <summary>The address pages are served from, e.g. http://127.0.0.1:4040/.</summary>
    public Uri Url { get; private set; } = null!;
    public int Port => Url.Port;
    /// <summary>The output folder being served (a link to the last good build).</summary>
    public string OutputDir => _outDir;
    public BuildState State => _hub.Current;
    /// <summary>Completes when the next build finishes (tests wait on it).</summary>
    public Task NextBuild => _hub.Changed;

    /// <summary>Binds the port (throws <see cref="PortBusyException"/> if taken), runs the first
    /// build, starts watching; returns once pages can be fetched.</summary>
    public static async Task<PreviewServer> StartAsync(ServeOptions options, TextWriter output, TextWriter error, IPreviewBuilder? builder = null)
    {
        var server = new PreviewServer(options, output, error, builder);
        try
        {
            await server.BindAsync();
            server._loop = Task.Run(server.BuildLoopAsync);
            var first = server._hub.Changed;
            server._changes.Writer.TryWrite([]);
            await first;
            while (server._hub.Current.Building) await server._hub.Changed;
            server.Watch();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task BindAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "kbgen-serve" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, _options.Port);
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        var app = builder.Build();
        app.Run(HandleAsync);
        _app = app;
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (IsAddressInUse(ex))
        {
            throw new PortBusyException(_options.Port, ex);
        }
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is AddressInUseException or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
                return true;
        return false;
    }

    private void Watch()
    {
        var folders = new List<string> { Path.GetFullPath(_options.ContentDir) };
        if (_options.TemplatesDir is { } t) folders.Add(Path.GetFullPath(t));
        var outFull = _outDir.TrimEnd('/');
        var outSiblings = Path.Combine(Path.GetDirectoryName(outFull)!, "." + Path.GetFileName(outFull) + "-");
        var cache = Path.Combine(Path.GetDirectoryName(outFull)!, ".kbgen-cache");
        bool Ignore(string p) =>
            ChangeWatcher.IsScratchFile(p) || p == outFull || p.StartsWith(outFull + "/", StringComparison.Ordinal)
            || p.StartsWith(outSiblings, StringComparison.Ordinal) || p.StartsWith(cache, StringComparison.Ordinal);
        _watcher = new ChangeWatcher(folders, _options.Debounce, Ignore, changed => _changes.Writer.TryWrite(changed));
        _out.WriteLine($"serving {Url} (preview channel; output in {_outDir})");
        _out.WriteLine($"watching {string.Join(" and ", folders)}; press Ctrl+C to stop");
    }

    // ---- building --------------------------------------------------------------------------

    private async Task BuildLoopAsync()
    {
        var reader = _changes.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                var changed = new HashSet<string>(StringComparer.Ordinal);
                while (reader.TryRead(out var batch)) changed.UnionWith(batch);
                RebuildNow(changed);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>One build and its announcement. The only caller of the builder.</summary>
    private void RebuildNow(IReadOnlyCollection<string> changed)
    {
        var first = Interlocked.Increment(ref _builds) == 1;
        if (first) _out.WriteLine($"kbgen serve: building the preview of {_options.ContentDir}");
        else _out.WriteLine($"changed: {Describe(changed)}; rebuilding");

        BuildReport report;
        try
        {
            report = _builder.Build(changed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fault in the build must not end the preview: show it like a diagnostic.
            var d = new Diagnostic(Severity.Error, "KB0000", Model.SourceSpan.None, $"internal error during the build ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})");
            report = new BuildReport(false, [d], 0, 0, 0, [], TimeSpan.Zero);
        }

        string? overlay = null;
        if (report.Succeeded)
        {
            var warnings = string.Join("\n", report.Diagnostics.Select(d => d.ToString()));
            if (warnings != _lastWarnings) CommonPrint(report.Diagnostics.Select(d => d.ToString() + "\n"));
            _lastWarnings = warnings;
            _out.WriteLine($"built: {report.Pages} pages, {report.Pdfs} PDFs, {report.Charts} charts, {Commands.CommonOptions.Summary(report.Errors, report.Warnings)} in {report.Elapsed.TotalSeconds:0.00} s");
        }
        else
        {
            var views = report.Diagnostics.Select(DiagnosticView.From).ToList();
            CommonPrint(views.Select(v => v.ToTerminal()));
            _lastWarnings = "";
            overlay = Overlay.Render(views, report.Errors, report.Warnings);
            _out.WriteLine($"build failed: {Commands.CommonOptions.Summary(report.Errors, report.Warnings)}; still serving the last good output, with the errors on every page");
        }
        _hub.Publish(new BuildState($"{_instance}-{Interlocked.Read(ref _builds)}", report, overlay, Building: false));
    }

    private void CommonPrint(IEnumerable<string> blocks)
    {
        foreach (var b in blocks) _err.Write(b);
        _err.Flush();
    }

    private string Describe(IReadOnlyCollection<string> changed)
    {
        if (changed.Count == 0) return "(unknown)";
        var first = DiagnosticView.Display(changed.Order(StringComparer.Ordinal).First());
        return changed.Count == 1 ? first : $"{first} and {changed.Count - 1} more";
    }

    // ---- serving ---------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var res = ctx.Response;
        res.Headers.XContentTypeOptions = "nosniff";
        res.Headers.CacheControl = "no-store";
        res.Headers["Referrer-Policy"] = "no-referrer";

        if (!IsLocalHost(req.Host))
        {
            await Plain(res, 400, "bad request: this preview answers only to 127.0.0.1 and localhost");
            return;
        }
        var isHead = HttpMethods.IsHead(req.Method);
        if (!HttpMethods.IsGet(req.Method) && !isHead)
        {
            res.Headers.Allow = "GET, HEAD";
            await Plain(res, 405, "method not allowed");
            return;
        }

        var path = req.Path.HasValue ? req.Path.Value! : "/";
        if (path.StartsWith(ClientAssets.Prefix, StringComparison.Ordinal))
        {
            await ServeOwnAsync(ctx, path, isHead);
            return;
        }

        var state = _hub.Current;
        // Resolved and opened under the output lock: a rebuild updating the output in place is
        // either not begun or complete for this file. (An open file stays readable when replaced.)
        Resolved found;
        FileStream? opened = null;
        _outputLock.EnterReadLock();
        try
        {
            found = OutputPaths.Resolve(_outDir, path);
            if (found.Outcome == Lookup.Found) opened = OpenChecked(found.File!, found.Root!);
        }
        finally { _outputLock.ExitReadLock(); }
        switch (found.Outcome)
        {
            case Lookup.BadRequest:
                await Plain(res, 400, "bad request path");
                return;
            case Lookup.AddSlash:
                res.StatusCode = 301;
                res.Headers.Location = req.Path.ToUriComponent() + "/" + req.QueryString.ToUriComponent();
                return;
            case Lookup.NotFound:
                await NotFoundAsync(ctx, path, state, isHead);
                return;
        }

        var file = found.File!;
        await using var stream = opened;
        if (stream is null)
        {
            await NotFoundAsync(ctx, path, state, isHead);
            return;
        }
        if (ContentTypes.IsHtml(file))
        {
            using var reader = new StreamReader(stream, Utf8);
            var html = await reader.ReadToEndAsync(ctx.RequestAborted);
            await SendHtml(res, 200, HtmlInjection.Inject(html, state.Generation, state.OverlayHtml), isHead);
            return;
        }
        res.StatusCode = 200;
        res.ContentType = ContentTypes.For(file);
        res.ContentLength = stream.Length;
        if (!isHead) await stream.CopyToAsync(res.Body, ctx.RequestAborted);
    }

    /// <summary>Opens the resolved file, then checks the opened file itself is still under the
    /// real output root (closing the gap between resolving and opening on Linux).</summary>
    private static FileStream? OpenChecked(string file, string realRoot)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        if (OperatingSystem.IsLinux())
        {
            var opened = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            if (opened is null || !ContentPaths.IsUnder(opened, realRoot))
            {
                stream.Dispose();
                return null;
            }
        }
        return stream;
    }

    private async Task NotFoundAsync(HttpContext ctx, string path, BuildState state, bool isHead)
    {
        var ext = Path.GetExtension(path);
        var htmlish = ext.Length == 0 || ContentTypes.IsHtml(path);
        if (!htmlish)
        {
            await Plain(ctx.Response, 404, "not found");
            return;
        }
        var page = OutputPaths.NotFoundPage(_outDir);
        if (page is not null && OpenChecked(page, ContentPaths.RealPath(_outDir) ?? "/nonexistent") is { } stream)
        {
            string html;
            await using (stream)
            using (var reader = new StreamReader(stream, Utf8))
                html = await reader.ReadToEndAsync(ctx.RequestAborted);
            await SendHtml(ctx.Response, 404, HtmlInjection.Inject(html, state.Generation, state.OverlayHtml), isHead);
            return;
        }
        var hasOutput = ContentPaths.RealPath(_outDir) is not null;
        var (title, message) = state.Building && !hasOutput ? ("Building…", "The first build is running; this page reloads when it is done.")
            : state.Failed && !hasOutput ? ("No successful build yet", "Fix the errors listed here and save; this page reloads by itself.")
            : ("Not found", "There is no page at this address in the preview.");
        await SendHtml(ctx.Response, hasOutput ? 404 : 503, HtmlInjection.Inject(HtmlInjection.Placeholder(title, message), state.Generation, state.OverlayHtml), isHead);
    }

    private async Task ServeOwnAsync(HttpContext ctx, string path, bool isHead)
    {
        switch (path)
        {
            case ClientAssets.EventsPath when !isHead:
                await EventsAsync(ctx);
                return;
            case ClientAssets.ReloadScriptPath:
                await Send(ctx.Response, 200, "text/javascript; charset=utf-8", ClientAssets.ReloadScript, isHead);
                return;
            case ClientAssets.OverlayCssPath:
                await Send(ctx.Response, 200, "text/css; charset=utf-8", ClientAssets.OverlayCss, isHead);
                return;
            default:
                await Plain(ctx.Response, 404, "not found");
                return;
        }
    }

    /// <summary>Server-sent events: `hello` with the current build on connecting, `reload` with the
    /// new one after every build, a comment every 20 s to keep the connection alive. No polling.</summary>
    private async Task EventsAsync(HttpContext ctx)
    {
        var res = ctx.Response;
        res.StatusCode = 200;
        res.ContentType = "text/event-stream; charset=utf-8";
        res.Headers["X-Accel-Buffering"] = "no";
        ctx.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        var ct = stop.Token;
        try
        {
            var changed = _hub.Changed;
            var sent = _hub.Current.Generation;
            await res.WriteAsync($"retry: 1000\n\nevent: hello\ndata: {sent}\n\n", ct);
            await res.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var woke = await Task.WhenAny(changed, Task.Delay(KeepAlive, ct));
                if (woke == changed)
                {
                    changed = _hub.Changed;
                    var state = _hub.Current;
                    if (state.Building || state.Generation == sent) continue;
                    sent = state.Generation;
                    await res.WriteAsync($"event: reload\ndata: {sent}\n\n", ct);
                }
                else
                {
                    await res.WriteAsync(": keep-alive\n\n", ct);
                }
                await res.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    private static bool IsLocalHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";

    private static Task SendHtml(HttpResponse res, int status, string html, bool isHead) =>
        Send(res, status, ContentTypes.Html, html, isHead);

    private static Task Plain(HttpResponse res, int status, string text) =>
        Send(res, status, "text/plain; charset=utf-8", text + "\n", false);

    private static async Task Send(HttpResponse res, int status, string type, string text, bool isHead)
    {
        var bytes = Utf8.GetBytes(text);
        res.StatusCode = status;
        res.ContentType = type;
        res.ContentLength = bytes.Length;
        if (!isHead) await res.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _watcher?.Dispose();
        _stopping.Cancel();
        _changes.Writer.TryComplete();
        if (_loop is not null) await _loop;
        if (_app is not null)
        {
            try { await _app.StopAsync(); } catch (OperationCanceledException) { }
            await _app.DisposeAsync();
        }
        _stopping.Dispose();
        if (_tempRoot is not null)
        {
            try { Directory.Delete(_tempRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
