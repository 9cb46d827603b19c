using System.Net;
using System.Text;
using System.Text.Json;
using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Output;
using KbGen.Publishing;

namespace KbGen.Rendering.Html;

/// <summary>Renders the site: home, topic pages, references, Markdown pages, search index,
/// sitemap and 404, through the templates. Reads only the model in <see cref="SiteContext"/>.</summary>
public sealed class SiteRenderer(SiteContext site, TemplateSet templates, DiagnosticBag diagnostics)
{
    private readonly KnowledgeBase _kb = site.Kb;
    private readonly List<string> _written = [];

    public int PagesWritten => _written.Count;

    /// <summary>Topics whose page the build reuses from the previous output: not rendered, but
    /// listed (sitemap, page count) as if they were.</summary>
    public Func<ShownTopic, bool>? Reused { get; init; }

    public void RenderAll(IOutputSink sink, int parallelism = 0)
    {
        // Topic pages are independent: render them on all cores. Each writes its own file, so the
        // output is the same as a single-threaded build (a test compares the two). The pages that
        // list topics do not depend on each other either: they run beside the topic pages, which
        // matters most after one edit, when one topic page and the listing pages are all there is.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        string[] parts = ["topics", "revisions", "home", "listings", "references", "pages", "search", "assets", "sitemap"];
        var times = new TimeSpan[parts.Length];
        void Timed(string part, Action work)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            work();
            times[Array.IndexOf(parts, part)] = clock.Elapsed;
        }
        Parallel.Invoke(options,
            () =>
            {
                Timed("topics", () => Parallel.ForEach(site.Topics, options, t =>
                {
                    if (Reused?.Invoke(t) == true) { lock (_written) _written.Add(SitePaths.Topic(t.Topic.Id)); }
                    else RenderTopic(t, sink);
                }));
                Timed("revisions", () =>
                {
                    var revisions = RevisionPages.Published(_kb, site.Topics);
                    Parallel.ForEach(revisions, options, a => RenderRevision(a, sink));
                    RenderWhatsNew(revisions, sink);
                    sink.WriteText("site/feed.xml", RevisionPages.Feed(_kb, revisions, site.BuildTime));
                });
            },
            () => Timed("home", () => RenderHome(sink)),
            () =>
            {
                // Each topic's search entry and cited references, worked out once for both pages.
                Timed("listings", () => Parallel.ForEach(site.Topics, options, t => TopicListing.Of(t.Topic)));
                Parallel.Invoke(options,
                    () => Timed("references", () => RenderReferences(sink)),
                    () => Timed("search", () => WriteSearchIndex(sink)));
            },
            () => Timed("pages", () =>
            {
                foreach (var p in _kb.Pages) RenderPage(p, sink);
                Render404(sink);
            }),
            () => Timed("assets", () => WriteAssets(sink)));
        // The sitemap lists every page written, so it comes last.
        Timed("sitemap", () => WriteSitemap(sink));
        _timings = parts.Zip(times).ToList();
    }

    private IReadOnlyList<(string Part, TimeSpan Time)> _timings = [];

    /// <summary>Where the html stage's time went: each part's own time (parts overlap).</summary>
    public IReadOnlyList<(string Part, TimeSpan Time)> Timings => _timings;

    // ---- page frame shared by every page ----

    // The site menu depends only on the page's depth: built once per depth, not once per page.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _pageLinks = new(StringComparer.Ordinal);

    private object Frame(string path, string title, string? description, string? root = null)
    {
        root ??= SitePaths.RootOf(path);
        return new
        {
        title,
        description = description ?? _kb.Settings.Title,
        root,
        lang = _kb.Settings.Language,
        kbTitle = _kb.Settings.Title,
        publisher = _kb.Settings.Publisher,
        preview = site.Channel == Channel.Preview,
        year = site.BuildTime.Year,
        pages = _pageLinks.GetOrAdd(root, r => _kb.Pages.Select(p => new { title = p.Title, href = r + SitePaths.Pretty(SitePaths.Page(p.Name)) + "index.html" }).ToList()),
        canonical = _kb.Settings.BaseUrl + SitePaths.Pretty(path),
        };
    }

    /// <summary>The page template inside the layout, written to site/<paramref name="path"/>; a
    /// <paramref name="listed"/> page counts as written and goes into the sitemap.</summary>
    private void Write(IOutputSink sink, string path, string template, object frame, object model, string? fallback = null, bool listed = true)
    {
        using var page = PageBuffer.Rent();
        if (!templates.RenderTo(page.Body, template, new { page = frame, model }, diagnostics, fallback)) return;
        if (!templates.RenderTo(page.Layout, "layout.hbs", new { page = frame, bodyHtml = PageBuffer.Marker }, diagnostics)) return;
        if (!page.TryWrite(bytes => sink.WriteBytes("site/" + path, bytes)))
        {
            var html = templates.Render("layout.hbs", new { page = frame, bodyHtml = page.BodyText() }, diagnostics);
            if (html is null) return;
            sink.WriteText("site/" + path, html);
        }
        if (listed) lock (_written) _written.Add(path);
    }

    // ---- topics ----

    // The disclaimer is the same Markdown on every topic page, rendered without citations.
    private readonly Lazy<string?> _disclaimerHtml = new(() =>
        site.Kb.Pages.FirstOrDefault(p => p.Name == "disclaimer") is { } d ? HtmlMarkdown.Block(d.Body, null) : null);

    public object TopicModel(ShownTopic shown, string path, ArchivedRevision? old = null)
    {
        var t = shown.Topic;
        var numbering = new CitationNumbering(t, id => shown.References.FirstOrDefault(r => r.Id == id) ?? _kb.FindReference(id));
        var approval = t.Review.LastApproval;
        var root = SitePaths.RootOf(path);
        var policy = _kb.Pages.Any(p => p.Name == "editorial-policy") ? root + SitePaths.Page("editorial-policy") : null;
        return new
        {
            id = t.Id,
            title = t.Title,
            question = t.Question,
            tags = t.Tags,
            summaryHtml = HtmlMarkdown.Block(t.Summary, numbering),
            status = t.Review.Status.ToName(),
            statusLabel = t.Review.Status.Label(),
            steps = new[] { ReviewStatus.Submitted, ReviewStatus.UnderReview, ReviewStatus.Approved }.Select(s => new
            {
                label = s.Label(),
                done = t.Review.History.Any(h => h.Status == s) && t.Review.Status >= s,
                current = t.Review.Status == s,
            }).ToList(),
            approved = t.Review.Status == ReviewStatus.Approved,
            pending = t.Review.Status != ReviewStatus.Approved,
            reviewDue = site.Channel == Channel.Preview && TopicView.IsReviewDue(t, _kb.Settings, site.Today),
            approvedBy = approval?.By,
            approvedOn = approval is null ? null : TopicView.Date(approval.Date),
            approvedIso = approval is null ? null : TopicView.Iso(approval.Date),
            updated = TopicView.Date(t.Updated),
            updatedIso = TopicView.Iso(t.Updated),
            version = shown.Version,
            history = TopicView.History(t.Review),
            clinician = TopicView.Audience(t.Clinician, numbering, "clinician"),
            patient = TopicView.Audience(t.Patient, numbering, "patient"),
            hasPatient = t.Patient.Sections.Count > 0 || t.Patient.Summary is not null,
            algorithm = TopicView.Algorithm(t.Algorithm, site.Chart(t, numbering)),
            pitfalls = t.Pitfalls.Select(c => TopicView.Claim(c, numbering)).ToList(),
            hasPitfalls = t.Pitfalls.Count > 0,
            references = numbering.References.Select((r, i) => new { id = r.Id, number = i + 1, html = site.ReferenceHtml(r) }).ToList(),
            policyHref = policy is null ? null : SitePaths.Pretty(policy) + "index.html",
            disclaimerHtml = _disclaimerHtml.Value,
            revisions = RevisionPages.Revisions(_kb, t.Id, root),
            hasRevisions = _kb.Archive.Any(a => a.TopicId == t.Id),
            isOld = old is not null,
            oldVersion = old?.Version,
            oldPublished = old is null ? null : TopicView.Date(old.Published),
            currentHref = root + SitePaths.Topic(t.Id),
            changesHref = old is { Version: > 1 } ? root + SitePaths.Changes(t.Id, old.Version) : null,
            patientPdfHref = site.HasHandouts ? root + "../pdf/" + t.Id + "-patient.pdf" : null,
            clinicianPdfHref = site.HasHandouts ? root + "../pdf/" + t.Id + "-clinician.pdf" : null,
            chartPdfHref = site.HasCharts && t.Algorithm is not null ? root + "../charts/" + t.Id + "-algorithm.pdf" : null,
        };
    }

    private void RenderTopic(ShownTopic shown, IOutputSink sink)
    {
        var path = SitePaths.Topic(shown.Topic.Id);
        var frame = Frame(path, shown.Topic.Question, PlainText.Of(shown.Topic.Summary));
        Write(sink, path, "topic.hbs", frame, TopicModel(shown, path));
    }

    private void RenderRevision(ArchivedRevision a, IOutputSink sink)
    {
        var path = SitePaths.TopicVersion(a.TopicId, a.Version);
        var shown = new ShownTopic(a.Topic, a.Version, a.Published, a.References, IsWorkingCopy: false);
        var frame = Frame(path, $"{a.Topic.Question} (version {a.Version})", PlainText.Of(a.Topic.Summary));
        Write(sink, path, "topic.hbs", frame, TopicModel(shown, path, a));
        var previous = _kb.Archive.FirstOrDefault(x => x.TopicId == a.TopicId && x.Version == a.Version - 1);
        if (previous is null) return;
        var changesPath = SitePaths.Changes(a.TopicId, a.Version);
        var redline = Redline.Compare(previous, a);
        Write(sink, changesPath, "changes.hbs", Frame(changesPath, $"What changed in version {a.Version}: {a.Topic.Title}", null),
            RevisionPages.Changes(redline, previous, a, SitePaths.RootOf(changesPath)));
    }

    private void RenderWhatsNew(IReadOnlyList<ArchivedRevision> revisions, IOutputSink sink)
    {
        var path = SitePaths.WhatsNew;
        var root = SitePaths.RootOf(path);
        var entries = revisions.Select(a => new
        {
            title = a.Topic.Title,
            version = a.Version,
            date = TopicView.Date(a.Published),
            iso = TopicView.Iso(a.Published),
            note = a.Topic.Review.LastApproval?.Note,
            href = root + SitePaths.TopicVersion(a.TopicId, a.Version),
            changesHref = a.Version > 1 ? root + SitePaths.Changes(a.TopicId, a.Version) : null,
        }).ToList();
        Write(sink, path, "whats-new.hbs", Frame(path, "What's new", "Published revisions, newest first"),
            new { entries, hasEntries = entries.Count > 0, feedHref = root + "feed.xml" });
    }

    // ---- home, references, pages, 404 ----

    private void RenderHome(IOutputSink sink)
    {
        var path = SitePaths.Home;
        object Entry(ShownTopic s) => new
        {
            title = s.Topic.Title,
            question = s.Topic.Question,
            href = SitePaths.Pretty(SitePaths.Topic(s.Topic.Id)) + "index.html",
            status = s.Topic.Review.Status.ToName(),
            statusLabel = s.Topic.Review.Status.Label(),
            updated = TopicView.Date(s.Topic.Updated),
            updatedIso = TopicView.Iso(s.Topic.Updated),
        };
        var tags = site.Topics.SelectMany(s => s.Topic.Tags.Count == 0 ? ["other"] : s.Topic.Tags).Distinct().Order(StringComparer.Ordinal)
            .Select(tag => new
            {
                tag,
                anchor = "tag-" + tag,
                topics = site.Topics.Where(s => s.Topic.Tags.Contains(tag) || (tag == "other" && s.Topic.Tags.Count == 0))
                    .OrderBy(s => s.Topic.Title, StringComparer.Ordinal).Select(Entry).ToList(),
            }).ToList();
        Write(sink, path, "home.hbs", Frame(path, _kb.Settings.Title, null), new { tags, count = site.Topics.Count, hasTopics = site.Topics.Count > 0 });
    }

    private void RenderReferences(IOutputSink sink)
    {
        var path = SitePaths.References;
        var citing = new Dictionary<string, List<ShownTopic>>(StringComparer.Ordinal);
        foreach (var s in site.Topics)
            foreach (var id in TopicListing.Of(s.Topic).CitedIds)
            {
                if (!citing.TryGetValue(id, out var l)) citing[id] = l = [];
                l.Add(s);
            }
        // A topic's own (possibly archived) reference comes first, as on its page.
        var shownRefs = new Dictionary<string, Reference>(StringComparer.Ordinal);
        foreach (var s in site.Topics)
            foreach (var r in s.References) shownRefs.TryAdd(r.Id, r);
        var refs = citing.Keys
            .Select(id => shownRefs.GetValueOrDefault(id) ?? _kb.FindReference(id))
            .Where(r => r is not null).Cast<Reference>()
            .OrderBy(r => r.Authors.FirstOrDefault() ?? r.Organization ?? r.Title, StringComparer.Ordinal).ThenBy(r => r.Year)
            .Select(r => new
            {
                id = r.Id,
                html = site.ReferenceHtml(r),
                topics = citing[r.Id].Select(s => new { title = s.Topic.Title, href = "../" + SitePaths.Pretty(SitePaths.Topic(s.Topic.Id)) + "index.html" }).ToList(),
            }).ToList();
        Write(sink, path, "references.hbs", Frame(path, "References", "Every reference cited in the knowledge base"), new { references = refs });
    }

    private void RenderPage(Page p, IOutputSink sink)
    {
        var path = SitePaths.Page(p.Name);
        // Lookup: page-<name>.hbs, then page.hbs (like Hugo's layout fallbacks).
        Write(sink, path, $"page-{p.Name}.hbs", Frame(path, p.Title, null), new { title = p.Title, bodyHtml = HtmlMarkdown.Block(p.Body, null) }, "page.hbs");
    }

    private void Render404(IOutputSink sink)
    {
        // Served from any depth by a host, so its links are absolute from base-url.
        // Not a page of the sitemap.
        Write(sink, "404.html", "404.hbs", Frame("404.html", "Page not found", null, root: _kb.Settings.BaseUrl),
            new { home = _kb.Settings.BaseUrl }, listed: false);
    }

    // ---- search, sitemap, assets ----

    private void WriteSearchIndex(IOutputSink sink)
    {
        // Each topic's entry is encoded once (and kept with the topic); the index is their list.
        var entries = new byte[site.Topics.Count][];
        Parallel.For(0, entries.Length, i => entries[i] = TopicListing.Of(site.Topics[i].Topic).SearchEntryJson);
        // One pooled buffer holds the script: its prefix, the JSON array, its suffix; the JSON file
        // is the middle of it. (Megabytes: new arrays for each rebuild meant full collections.)
        var length = ScriptStart.Length + 2 + ScriptEnd.Length;
        foreach (var e in entries) length += e.Length + 1;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            void Put(ReadOnlySpan<byte> bytes) { bytes.CopyTo(buffer.AsSpan(at)); at += bytes.Length; }
            Put(ScriptStart);
            var jsonStart = at;
            Put("["u8);
            for (var i = 0; i < entries.Length; i++)
            {
                if (i > 0) Put(","u8);
                Put(entries[i]);
            }
            Put("]"u8);
            var jsonEnd = at;
            Put(ScriptEnd);
            sink.WriteBytes("site/assets/search-index.json", buffer.AsSpan(jsonStart, jsonEnd - jsonStart));
            // file:// pages cannot fetch JSON, so the same index also ships as a script.
            sink.WriteBytes("site/assets/search-index.js", buffer.AsSpan(0, at));
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static readonly byte[] ScriptStart = "window.KB_SEARCH_INDEX = "u8.ToArray();
    private static readonly byte[] ScriptEnd = ";\n"u8.ToArray();

    private void WriteAssets(IOutputSink sink)
    {
        foreach (var name in new[] { "site.css", "site.js" })
        {
            var path = templates.Resolve("assets/" + name);
            if (path is null)
            {
                diagnostics.Add(DiagnosticCodes.TemplateMissing, SourceSpan.None, $"asset 'assets/{name}' not found");
                continue;
            }
            sink.WriteBytes("site/assets/" + name, File.ReadAllBytes(path));
        }
    }

    private void WriteSitemap(IOutputSink sink)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        List<string> paths;
        lock (_written) paths = _written.Order(StringComparer.Ordinal).ToList();
        foreach (var p in paths)
            sb.Append("  <url><loc>").Append(WebUtility.HtmlEncode(_kb.Settings.BaseUrl + SitePaths.Pretty(p))).Append("</loc></url>\n");
        sb.Append("</urlset>\n");
        sink.WriteText("site/sitemap.xml", sb.ToString());
    }
}
