using AngleSharp.Html.Parser;
using KbGen.Cli.Serve;
using Xunit.Abstractions;

namespace KbGen.Tests.Serve;

/// <summary>`kbgen serve` in-process against a temporary copy of content/: edits are served
/// within 2 s, a broken file shows the overlay at the right line over the last good page, and
/// fixing it clears the overlay.</summary>
[Collection(TimedCollection.Name)]
public sealed class ServeLiveTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Edit_break_and_fix_a_topic_while_serving()
    {
        using var kb = new TempKb();
        var terminal = new StringWriter();
        await using var server = await ServeHttp.Start(kb, terminal);
        var url = new Uri(server.Url, TempKb.TopicUrl);

        var html = await ServeHttp.Client.GetStringAsync(url);
        Assert.Contains(TempKb.KnownText, html);
        Assert.Contains("<script src=\"/__kbgen/reload.js\" defer></script>", html);
        Assert.DoesNotContain("kbgen-overlay\"", html);

        // 1. An edit is served within 2 seconds.
        var edited = kb.ReadTopic().Replace(TempKb.KnownText, "NSAIDs relieve back pain reliably (edited)");
        kb.WriteTopic(edited);
        var (page, took) = await ServeHttp.Eventually(url, b => b.Contains("reliably (edited)"), TimeSpan.FromSeconds(2));
        log.WriteLine($"edit served after {took.TotalMilliseconds:0} ms");

        // 2. Broken YAML: the overlay lists the diagnostic at line 8, column 12, over the last good page.
        kb.WriteTopic(TempKb.WithLine(edited, 8, "tags: spine: pain <b>bold</b>"));
        (page, took) = await ServeHttp.Eventually(url, b => b.Contains("id=\"kbgen-overlay\""), TimeSpan.FromSeconds(2));
        log.WriteLine($"overlay served after {took.TotalMilliseconds:0} ms");
        Assert.True(server.State.Failed);
        var doc = new HtmlParser().ParseDocument(page);
        Assert.Contains("reliably (edited)", doc.Body!.TextContent); // the last good page stays
        var item = Assert.Single(doc.QuerySelectorAll("#kbgen-overlay li.kbgen-diagnostic"));
        Assert.Equal("8", item.GetAttribute("data-line"));
        Assert.Equal("12", item.GetAttribute("data-column"));
        Assert.EndsWith(TempKb.TopicId + ".yaml", item.QuerySelector(".kbgen-file")!.TextContent);
        Assert.Equal("8", item.QuerySelector(".kbgen-line")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(item.QuerySelector(".kbgen-message")!.TextContent));
        var marked = Assert.Single(item.QuerySelectorAll("mark.kbgen-src-marked"));
        Assert.Equal("8", marked.GetAttribute("data-line"));
        Assert.Contains("tags: spine: pain <b>bold</b>", marked.TextContent); // escaped: shown as text
        Assert.Empty(item.QuerySelectorAll("b"));
        Assert.Equal(5, item.QuerySelectorAll(".kbgen-src-line").Length); // two lines either side
        Assert.Empty(doc.QuerySelectorAll("#kbgen-overlay [style]")); // CSP: styles come from overlay.css only
        Assert.NotNull(doc.QuerySelector("link[href='/__kbgen/overlay.css']"));

        // Other pages carry it too.
        var home = await ServeHttp.Client.GetStringAsync(server.Url);
        Assert.Contains("id=\"kbgen-overlay\"", home);

        // 3. Fixing the file clears the overlay by itself.
        kb.WriteTopic(edited);
        (page, took) = await ServeHttp.Eventually(url, b => !b.Contains("id=\"kbgen-overlay\""), TimeSpan.FromSeconds(2));
        log.WriteLine($"fix served after {took.TotalMilliseconds:0} ms");
        Assert.Contains("reliably (edited)", page);
        Assert.False(server.State.Failed);
        log.WriteLine(terminal.ToString());
        // The terminal showed the same diagnostic, with the line marked.
        Assert.Contains(TempKb.TopicId + ".yaml(8,12): error KB1001", terminal.ToString());
        Assert.Matches(@"(?m)^\s*>\s+8 \| tags: spine: pain <b>bold</b>\r?$", terminal.ToString());
    }

    [Fact]
    public async Task A_first_build_that_fails_shows_the_overlay_until_fixed()
    {
        using var kb = new TempKb();
        var good = kb.ReadTopic();
        kb.WriteTopic(TempKb.WithLine(good, 8, "tags: spine: pain"));
        await using var server = await ServeHttp.Start(kb);
        var url = new Uri(server.Url, TempKb.TopicUrl);
        using (var response = await ServeHttp.Client.GetAsync(url))
        {
            Assert.Equal(503, (int)response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("id=\"kbgen-overlay\"", body);
            Assert.Contains("data-line=\"8\"", body);
        }
        kb.WriteTopic(good);
        // The fixed build's files are in place a moment before the server records that the build
        // succeeded (and tells browsers to reload): wait for both, not for the first.
        var (page, _) = await ServeHttp.Eventually(url, b => b.Contains(TempKb.KnownText) && !b.Contains("id=\"kbgen-overlay\""), TimeSpan.FromSeconds(2));
        Assert.Contains(TempKb.KnownText, page);
        Assert.DoesNotContain("id=\"kbgen-overlay\"", page);
    }

    [Fact]
    public async Task Events_channel_says_hello_then_reload_after_a_rebuild()
    {
        using var kb = new TempKb();
        await using var server = await ServeHttp.Start(kb);
        using var response = await ServeHttp.Client.GetAsync(new Uri(server.Url, "__kbgen/events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = server.State.Generation;
        Assert.Equal("retry: 1000", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());
        Assert.Equal("event: hello", await reader.ReadLineAsync());
        Assert.Equal($"data: {first}", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());

        kb.WriteTopic(kb.ReadTopic().Replace(TempKb.KnownText, "NSAIDs help"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        Assert.Equal("event: reload", await reader.ReadLineAsync(cts.Token));
        var data = await reader.ReadLineAsync(cts.Token);
        Assert.NotEqual($"data: {first}", data);
        Assert.Equal($"data: {server.State.Generation}", data);
    }

    [Fact]
    public async Task A_burst_of_saves_is_one_rebuild()
    {
        using var kb = new TempKb();
        var output = new StringWriter();
        await using var server = await ServeHttp.Start(kb, output);
        var text = kb.ReadTopic();
        var next = server.NextBuild;
        for (var i = 0; i < 5; i++)
        {
            kb.WriteTopic(text.Replace(TempKb.KnownText, $"NSAIDs help ({i})"));
            await Task.Delay(10);
        }
        await next.WaitAsync(TimeSpan.FromSeconds(3));
        await Task.Delay(400);
        var rebuilds = output.ToString().Split('\n').Count(l => l.StartsWith("changed:", StringComparison.Ordinal));
        Assert.Equal(1, rebuilds);
        Assert.Contains("NSAIDs help (4)", await ServeHttp.Client.GetStringAsync(new Uri(server.Url, TempKb.TopicUrl)));
    }

    [Fact]
    public void Overlay_escapes_messages_paths_and_source()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kbgen-overlay-{Guid.NewGuid():N}<x>.yaml");
        File.WriteAllText(file, "a: 1\nb: <script>alert(1)</script>\nc: \"&amp;\"\n");
        try
        {
            var d = new Diagnostics.Diagnostic(Diagnostics.Severity.Error, "KB1001", new Model.SourceSpan(file, 2, 4), "bad <img src=x onerror=alert(2)> & more");
            var html = Overlay.Render([DiagnosticView.From(d)], 1, 0);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img", html);
            var doc = new HtmlParser().ParseDocument("<body>" + html);
            Assert.Empty(doc.QuerySelectorAll("script, img"));
            Assert.Equal("bad <img src=x onerror=alert(2)> & more", doc.QuerySelector(".kbgen-message")!.TextContent);
            Assert.EndsWith("<x>.yaml", doc.QuerySelector(".kbgen-file")!.TextContent);
            Assert.Contains("b: <script>alert(1)</script>", doc.QuerySelector("mark.kbgen-src-marked")!.TextContent);
            Assert.Contains("c: \"&amp;\"", doc.QuerySelectorAll(".kbgen-src-line")[2].TextContent);
            Assert.Equal("   ^", doc.QuerySelector(".kbgen-caret")!.TextContent);
            Assert.Contains("  > 2 | b: <script>alert(1)</script>", DiagnosticView.From(d).ToTerminal());
        }
        finally { File.Delete(file); }
    }
}
