using System.Text;
using KbGen.Authoring;
using KbGen.Diagnostics;
using KbGen.Publishing;
using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>Each diagnostic code, triggered by a small inline content tree, at an exact file, line and column.</summary>
public sealed class DiagnosticCodeTests
{
    public sealed record Case(string Code, string File, int Line, int Column, Action<ContentTree> Build, string? MessageContains = null);

    /// <summary>topic-a with one piece of text replaced (the piece must be there).</summary>
    private static string Topic(string find, string replace)
    {
        Assert.Contains(find, ContentTree.TopicA);
        return ContentTree.TopicA.Replace(find, replace);
    }

    private static string Ref(string find, string replace) => ContentTree.RefA.Replace(find, replace);

    private const string Algo = """
        algorithm:
          start: begin
          nodes:

        """;

    private static Action<ContentTree> T(string text) => t => t.With("topics/topic-a.yaml", text);
    private static Action<ContentTree> Extra(string path, string text) => t => t.With(path, text);

    private static string Archive(string topicText, int version = 1, Func<string, string>? tamper = null)
    {
        var indented = string.Join("\n", topicText.TrimEnd('\n').Split('\n').Select(l => "  " + l));
        var body = $"topic: topic-a\nversion: {version}\npublished: 2025-01-10\ncontent:\n{indented}\nreferences: []\n";
        var hash = ArchiveHash.Compute(body);
        return $"hash: {hash}\n" + (tamper?.Invoke(body) ?? body);
    }

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // KB1xxx
        ["unclosed double quote: at the opening quote"] = new("KB1001", "topics/b.yaml", 2, 8, Extra("topics/b.yaml", "id: b\ntitle: \"Pain relief\nquestion: What helps?\n")),
        ["unclosed single quote: at the opening quote"] = new("KB1001", "topics/b.yaml", 2, 8, Extra("topics/b.yaml", "id: b\ntitle: 'Pain relief\nquestion: What helps?\n")),
        ["unclosed bracket: at the '['"] = new("KB1001", "topics/b.yaml", 2, 7, Extra("topics/b.yaml", "id: b\ntags: [spine, pain\nquestion: What helps?\n")),
        ["unclosed bracket at end of file"] = new("KB1001", "topics/b.yaml", 3, 3, Extra("topics/b.yaml", "id: b\ntags:\n  [\n    spine,\n    pain\n")),
        ["unclosed brace: at the '{'"] = new("KB1001", "topics/b.yaml", 2, 9, Extra("topics/b.yaml", "id: b\nreview: { status: draft, history: []\nupdated: 2025-01-02\n")),
        ["wrong indentation"] = new("KB1001", "topics/b.yaml", 4, 4, Extra("topics/b.yaml", "id: b\nreview:\n  status: draft\n   history: []\n")),
        ["wrong dedent"] = new("KB1001", "topics/b.yaml", 4, 3, Extra("topics/b.yaml", "id: b\nreview:\n    status: draft\n  history: []\n")),
        ["tab at line start: at the tab"] = new("KB1002", "topics/b.yaml", 3, 1, Extra("topics/b.yaml", "id: b\nreview:\n\tstatus: draft\n")),
        ["tab after spaces: at the tab"] = new("KB1002", "topics/b.yaml", 3, 3, Extra("topics/b.yaml", "id: b\nreview:\n  \tstatus: draft\n")),
        ["duplicate key: at the second"] = new("KB1003", "topics/topic-a.yaml", 3, 1, T(Topic("question:", "title: Again\nquestion:"))),
        ["anchor"] = new("KB1004", "topics/topic-a.yaml", 5, 9, T(Topic("review:", "review: &rev"))),
        ["alias"] = new("KB1004", "topics/b.yaml", 3, 7, Extra("topics/b.yaml", "id: b\ntags: [spine]\nmore: *tags\n")),
        ["10,000 levels of '[': at the 65th"] = new("KB1005", "topics/b.yaml", 2, 71, Extra("topics/b.yaml", "id: b\ntags: " + new string('[', 10_000) + new string(']', 10_000) + "\n")),
        ["invalid UTF-8: at the bad byte"] = new("KB1006", "topics/b.yaml", 2, 11, t => t.WithBytes("topics/b.yaml", [.. "id: b\ntitle: Top"u8, 0xE9, .. " A\n"u8])),
        ["empty file"] = new("KB1007", "topics/b.yaml", 1, 1, Extra("topics/b.yaml", "")),
        ["comments only"] = new("KB1007", "topics/b.yaml", 1, 1, Extra("topics/b.yaml", "# nothing yet\n")),
        ["a file that is a folder"] = new("KB1008", "topics/b.yaml", 1, 1, t => t.WithDirectory("topics/b.yaml")),
        ["dangling symlink"] = new("KB1008", "topics/b.yaml", 1, 1, t => t.WithSymlink("topics/b.yaml", "nowhere.yaml")),
        ["50 MB file"] = new("KB1009", "topics/b.yaml", 1, 1, t =>
        {
            using var f = File.Create(t.PathOf("topics/b.yaml"));
            var line = Encoding.ASCII.GetBytes("# " + new string('x', 1021) + "\n");
            for (var i = 0; i < 50 * 1024; i++) f.Write(line);
        }),
        ["no kb.yaml"] = new("KB1010", "kb.yaml", 1, 1, t => t.Without("kb.yaml")),
        ["logo outside content"] = new("KB1011", "clinics/riverside.yaml", 3, 7, Extra("clinics/riverside.yaml", "id: riverside\nname: Riverside\nlogo: ../../etc/passwd\n")),
        ["logo symlink outside content"] = new("KB1011", "clinics/riverside.yaml", 3, 7, t => t
            .With("clinics/riverside.yaml", "id: riverside\nname: Riverside\nlogo: logo.png\n").WithSymlink("clinics/logo.png", "/etc/passwd")),
        ["topic symlink outside content"] = new("KB1011", "topics/b.yaml", 1, 1, t => t.WithSymlink("topics/b.yaml", "/etc/hostname")),
        ["second document"] = new("KB1012", "topics/b.yaml", 3, 1, Extra("topics/b.yaml", "id: b\ntitle: One\n---\nid: c\n")),

        // KB2xxx
        ["unknown key with did-you-mean"] = new("KB2001", "topics/topic-a.yaml", 2, 1, T(Topic("title:", "titel:")), "did you mean 'title'"),
        ["unknown nested key"] = new("KB2001", "topics/topic-a.yaml", 6, 3, T(Topic("  status: submitted", "  stauts: submitted")), "did you mean 'status'"),
        ["missing key"] = new("KB2002", "topics/topic-a.yaml", 1, 1, T(Topic("question: What helps with back pain?\n", "")), "'question'"),
        ["wrong type: scalar for a list"] = new("KB2003", "topics/topic-a.yaml", 4, 7, T(Topic("tags: [spine]", "tags: spine"))),
        ["wrong type: list for a value"] = new("KB2003", "topics/topic-a.yaml", 2, 8, T(Topic("title: Topic A", "title: [a, b]"))),
        ["status not allowed"] = new("KB2004", "topics/topic-a.yaml", 6, 11, T(Topic("  status: submitted", "  status: aproved")), "did you mean 'approved'"),
        ["2025-02-30"] = new("KB2005", "topics/topic-a.yaml", 9, 10, T(Topic("updated: 2025-01-02", "updated: 2025-02-30"))),
        ["id differs from file name"] = new("KB2006", "topics/topic-a.yaml", 1, 5, T(Topic("id: topic-a", "id: topic-b"))),
        ["invalid id"] = new("KB2007", "topics/topic-a.yaml", 1, 5, T(Topic("id: topic-a", "id: Topic_A"))),
        ["duplicate algorithm node"] = new("KB2008", "topics/topic-a.yaml", 23, 7, T(ContentTree.TopicA + Algo + """
                - { id: begin, kind: start, text: Pain, next: done }
                - { id: done, kind: end, text: Done }
                - { id: done, kind: end, text: Again }

            """)),
        ["raw HTML"] = new("KB2009", "topics/topic-a.yaml", 10, 15, T(Topic("summary: Rest helps", "summary: Rest <b>helps</b>"))),
        ["script tag"] = new("KB2009", "topics/topic-a.yaml", 15, 17, T(Topic("- text: Short", "- text: <script>alert(1)</script> Short"))),
        ["javascript: link"] = new("KB2010", "topics/topic-a.yaml", 10, 15, T(Topic("summary: Rest helps", "summary: Rest [helps](javascript:alert(1))"))),
        ["data: link"] = new("KB2010", "topics/topic-a.yaml", 10, 15, T(Topic("summary: Rest helps", "summary: Rest [helps](data:text/html;base64,PHNjcmlwdD4=)"))),
        ["javascript: reference url"] = new("KB2010", "references/ref-a.yaml", 6, 6, Extra("references/ref-a.yaml", ContentTree.RefA + "url: javascript:alert(1)\n")),
        ["year: twenty"] = new("KB2011", "references/ref-a.yaml", 5, 7, Extra("references/ref-a.yaml", Ref("year: 2024", "year: twenty"))),
        ["page without front matter"] = new("KB2012", "pages/about.md", 1, 1, t => t
            .With("kb.yaml", ContentTree.DefaultKb + "pages: [about]\n").With("pages/about.md", "# About\n\nText.\n")),
        ["missing page"] = new("KB2013", "kb.yaml", 1, 1, Extra("kb.yaml", ContentTree.DefaultKb + "pages: [about]\n")),
        ["base-url not a URL"] = new("KB2014", "kb.yaml", 3, 11, Extra("kb.yaml", ContentTree.DefaultKb.Replace("https://kb.example.test/", "kb.example.test"))),
        ["logo not an image"] = new("KB2015", "clinics/riverside.yaml", 3, 7, t => t
            .With("clinics/riverside.yaml", "id: riverside\nname: Riverside\nlogo: notes.txt\n").With("clinics/notes.txt", "hello\n")),
        ["logo 20,000 px wide"] = new("KB2015", "clinics/riverside.yaml", 3, 7, t => t
            .With("clinics/riverside.yaml", "id: riverside\nname: Riverside\nlogo: logo.png\n").WithBytes("clinics/logo.png", BadInputCase.Png(20_000, 100))),
        ["missing font"] = new("KB2016", "kb.yaml", 5, 12, Extra("kb.yaml", ContentTree.DefaultKb + "fonts:\n  regular: fonts/missing.ttf\n")),
        ["bidi override U+202E"] = new("KB2017", "topics/topic-a.yaml", 2, 8, T(Topic("title: Topic A", "title: Topic \u202EA"))),

        // KB3xxx
        ["unknown reference"] = new("KB3001", "topics/topic-a.yaml", 15, 34, T(Topic("helps [@ref-a]", "helps [@ref-b]"))),
        ["uncited reference"] = new("KB3002", "references/ref-b.yaml", 1, 1, Extra("references/ref-b.yaml", Ref("id: ref-a", "id: ref-b"))),
        ["uncited clinician claim"] = new("KB3003", "topics/topic-a.yaml", 15, 17, T(Topic("helps [@ref-a]", "helps"))),
        ["rct without journal"] = new("KB3004", "references/ref-a.yaml", 1, 1, Extra("references/ref-a.yaml", Ref("type: guideline", "type: rct"))),
        ["bad DOI"] = new("KB3005", "references/ref-a.yaml", 6, 6, Extra("references/ref-a.yaml", ContentTree.RefA + "doi: 10.1007\n")),
        ["bad PMID"] = new("KB3006", "references/ref-a.yaml", 6, 7, Extra("references/ref-a.yaml", ContentTree.RefA + "pmid: PMID123\n")),
        ["cited only by a draft"] = new("KB3007", "references/ref-a.yaml", 1, 1, T(Topic("  status: submitted\n  history:\n    - { status: submitted, date: 2025-01-02, by: Author }", "  status: draft\n  history: []"))),
        ["bad citation in a folded paragraph: at the '[@'"] = new("KB3008", "topics/topic-a.yaml", 14, 66, T(Topic("summary: Rest helps for a short time [@ref-a].", """
            summary: >-
              Rest helps for a short time after the injury [@ref-a], and walking should
              start again as soon as the pain allows it, because long rest weakens bone and
              muscle and raises the risk of clots in the legs and of chest infections in
              older people; most people can do light tasks within a few days [@Ref A] and
              return to their usual routine over the following weeks.
            """))),
        ["bad citation in a double-quoted multi-line scalar: at the '[@'"] = new("KB3008", "topics/topic-a.yaml", 12, 52, T(Topic("summary: Rest helps for a short time [@ref-a].", """
            summary: "Rest helps for a short time after the injury [@ref-a], and walking
              should start again as \"soon\" as the pain allows it,\tbecause long rest weakens
              bone; most people can do light tasks within days [@] and return later."
            """))),
        ["no authors or organization"] = new("KB3009", "references/ref-a.yaml", 1, 1, Extra("references/ref-a.yaml", Ref("organization: Test Panel\n", ""))),

        // KB4xxx
        ["approved straight after draft"] = new("KB4001", "topics/topic-a.yaml", 8, 7, T(Topic("    - { status: submitted,", "    - { status: approved,").Replace("  status: submitted", "  status: approved"))),
        ["updated in the future"] = new("KB4002", "topics/topic-a.yaml", 9, 10, T(Topic("updated: 2025-01-02", "updated: 2099-01-01"))),
        ["review step in the future"] = new("KB4002", "topics/topic-a.yaml", 8, 7, T(Topic("date: 2025-01-02", "date: 2099-01-02"))),
        ["review steps out of order"] = new("KB4003", "topics/topic-a.yaml", 9, 7, T(Topic("by: Author }", "by: Author }\n    - { status: under-review, date: 2024-12-01, by: Board }").Replace("  status: submitted", "  status: under-review"))),
        ["status differs from history"] = new("KB4004", "topics/topic-a.yaml", 6, 3, T(Topic("  status: submitted", "  status: under-review"))),
        ["review due"] = new("KB4005", "topics/topic-a.yaml", 6, 3, T(Topic("by: Author }", "by: Author }\n    - { status: under-review, date: 2024-01-03, by: Board }\n    - { status: approved, date: 2024-01-04, by: Chair }").Replace("  status: submitted", "  status: approved"))),

        // KB5xxx
        ["next to a missing node"] = new("KB5001", "topics/topic-a.yaml", 22, 7, T(ContentTree.TopicA + Algo + """
                - { id: begin, kind: start, text: Pain, next: rest }
                - { id: rest, kind: step, text: Rest, next: nowhere }

            """)),
        ["unreachable node"] = new("KB5002", "topics/topic-a.yaml", 22, 7, T(ContentTree.TopicA + Algo + """
                - { id: begin, kind: start, text: Pain, next: done }
                - { id: orphan, kind: step, text: Never, next: done }
                - { id: done, kind: end, text: Done }

            """)),
        ["decision with one branch"] = new("KB5003", "topics/topic-a.yaml", 21, 7, T(ContentTree.TopicA + Algo + """
                - id: begin
                  kind: decision
                  text: Deficit?
                  branches:
                    - { label: "Yes", next: done }
                - { id: done, kind: end, text: Done }

            """)),
        ["unknown phase"] = new("KB5004", "topics/topic-a.yaml", 22, 7, T(ContentTree.TopicA + Algo + """
                - { id: begin, kind: start, text: Pain, next: done }
                - { id: done, kind: end, phase: chronic, text: Done }

            """)),
        ["end node with next"] = new("KB5005", "topics/topic-a.yaml", 22, 7, T(ContentTree.TopicA + Algo + """
                - { id: begin, kind: start, text: Pain, next: done }
                - { id: done, kind: end, text: Done, next: begin }

            """)),

        // KB6xxx
        ["patient text above grade 8"] = new("KB6001", "topics/topic-a.yaml", 17, 12, T(Topic("  summary: Rest for a short time. Then walk.",
            "  summary: Pharmacological analgesia administered concomitantly with individualised physiotherapeutic rehabilitation substantially ameliorates musculoskeletal discomfort."))),
        ["skeleton needs content"] = new("KB6002", "topics/new-topic.yaml", 2, 1, Extra("topics/new-topic.yaml", TopicSkeleton.Text("new-topic", ContentTree.Today))),

        // KB7xxx
        ["archive hash mismatch"] = new("KB7001", "archive/topic-a/v1.yaml", 1, 7, Extra("archive/topic-a/v1.yaml",
            Archive(ContentTree.TopicA, tamper: b => b.Replace("Short rest helps", "Long rest helps")))),
        ["archive version differs from file name"] = new("KB7002", "archive/topic-a/v2.yaml", 1, 1, Extra("archive/topic-a/v2.yaml", Archive(ContentTree.TopicA, version: 3))),
        ["archive file badly named"] = new("KB7002", "archive/topic-a/version1.yaml", 1, 1, Extra("archive/topic-a/version1.yaml", "x: 1\n")),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Reports_code_at_file_line_column(string name)
    {
        var c = Cases[name];
        using var tree = ContentTree.Valid();
        c.Build(tree);
        var (_, found) = tree.Check();
        var hit = found.FirstOrDefault(d => d.Code == c.Code && d.File == c.File && d.Line == c.Line && d.Column == c.Column);
        Assert.True(hit is not null, $"expected {c.File}({c.Line},{c.Column}): {c.Code}; got:\n{string.Join("\n", found)}");
        Assert.Equal(DiagnosticCodes.Find(c.Code)!.Severity, hit.Severity);
        if (c.MessageContains is not null) Assert.Contains(c.MessageContains, hit.Message);
    }

    [Fact]
    public void Every_code_of_the_catalogue_has_a_case()
    {
        var covered = Cases.Values.Select(c => c.Code).ToHashSet();
        // Content codes (KB1xxx–KB7xxx) come from `check`; import (KB8xxx) and rendering (KB9xxx)
        // codes are tested where they arise (References/, Site/, Chart/ tests).
        var missing = DiagnosticCodes.All.Select(d => d.Code).Where(code => string.CompareOrdinal(code, "KB8000") < 0 && !covered.Contains(code)).ToList();
        Assert.True(missing.Count == 0, "no test case for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_valid_tree_is_clean()
    {
        using var tree = ContentTree.Valid();
        Assert.Empty(tree.Check().Diagnostics);
    }

    [Theory]
    [InlineData("bom")]
    [InlineData("crlf")]
    [InlineData("mixed")]
    [InlineData("cr")]
    public void Byte_order_mark_and_line_endings_load_fine_with_positions_right(string form)
    {
        string Convert(string text)
        {
            var lines = text.Split('\n');
            return form switch
            {
                "bom" => "\uFEFF" + text,
                "crlf" => string.Join("\r\n", lines),
                "cr" => string.Join("\r", lines),
                _ => string.Concat(lines.Select((l, i) => i == lines.Length - 1 ? l : l + (i % 2 == 0 ? "\r\n" : "\n"))),
            };
        }
        using (var clean = ContentTree.Create(Convert(ContentTree.DefaultKb))
            .With("references/ref-a.yaml", Convert(ContentTree.RefA)).With("topics/topic-a.yaml", Convert(ContentTree.TopicA)))
        {
            var (result, found) = clean.Check();
            Assert.Empty(found);
            Assert.Equal("Topic A", result.KnowledgeBase!.Topics.Single().Title);
            Assert.Equal((10, 38), (result.KnowledgeBase.Topics[0].Summary.Citations[0].Span.Line, result.KnowledgeBase.Topics[0].Summary.Citations[0].Span.Column));
        }
        using var broken = ContentTree.Valid().With("topics/topic-a.yaml", Convert(Topic("helps [@ref-a]", "helps [@ref-b]").Replace("title: Topic A", "title: Topic \u202EA")));
        var (_, errors) = broken.Check();
        Assert.Contains(errors, d => d.Code == "KB3001" && (d.Line, d.Column) == (15, 34));
        Assert.Contains(errors, d => d.Code == "KB2017" && (d.Line, d.Column) == (2, 8));
    }
}
