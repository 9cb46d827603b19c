using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Validation;

namespace KbGen.Tests.Support;

/// <summary>A small content tree written into a fresh temp folder: kb.yaml plus files given as
/// strings (paths relative to the content folder). Disposing deletes the folder.</summary>
public sealed class ContentTree : IDisposable
{
    public const string DefaultKb = """
        title: Test Knowledge Base
        publisher: Test Board
        base-url: https://kb.example.test/

        """;

    /// <summary>A reference and a topic that together pass check with no diagnostics.</summary>
    public const string RefA = """
        id: ref-a
        type: guideline
        title: A test guideline
        organization: Test Panel
        year: 2024

        """;

    public const string TopicA = """
        id: topic-a
        title: Topic A
        question: What helps with back pain?
        tags: [spine]
        review:
          status: submitted
          history:
            - { status: submitted, date: 2025-01-02, by: Author }
        updated: 2025-01-02
        summary: Rest helps for a short time [@ref-a].
        clinician:
          sections:
            - title: Care
              items:
                - text: Short rest helps [@ref-a].
        patient:
          summary: Rest for a short time. Then walk.

        """;

    /// <summary>The date tests pin "today" to, so that review-due and future-date checks are stable.</summary>
    public static readonly DateOnly Today = new(2026, 1, 15);
    public static ValidationContext Context => new(Today);

    public string Root { get; }
    /// <summary>The content folder inside <see cref="Root"/>.</summary>
    public string Content { get; }

    private ContentTree(string? kb)
    {
        Root = Path.Combine(Path.GetTempPath(), "kbgen-test-" + Guid.NewGuid().ToString("N")[..12]);
        Content = Path.Combine(Root, "content");
        Directory.CreateDirectory(Content);
        if (kb is not null) File.WriteAllText(Path.Combine(Content, "kb.yaml"), kb);
    }

    /// <summary>A tree with the default kb.yaml (or the given text; null writes none).</summary>
    public static ContentTree Create(string? kb = DefaultKb) => new(kb);

    /// <summary>kb.yaml, ref-a and topic-a: a tree that checks clean.</summary>
    public static ContentTree Valid() => Create().With("references/ref-a.yaml", RefA).With("topics/topic-a.yaml", TopicA);

    public ContentTree With(string relativePath, string text) => WithBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    public ContentTree WithBytes(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public ContentTree Without(string relativePath)
    {
        var path = PathOf(relativePath);
        if (Directory.Exists(path)) Directory.Delete(path, true);
        else File.Delete(path);
        return this;
    }

    public ContentTree WithDirectory(string relativePath)
    {
        Directory.CreateDirectory(PathOf(relativePath));
        return this;
    }

    public ContentTree WithSymlink(string relativePath, string target)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Content, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Load and validate with today pinned; diagnostics with paths made relative to the content folder.</summary>
    public (LoadResult Result, IReadOnlyList<Found> Diagnostics) Check(ValidationContext? context = null)
    {
        var result = KbLoad.LoadAndValidate(Content, context ?? Context);
        return (result, result.Diagnostics.Select(Relative).ToList());
    }

    public Found Relative(Diagnostic d) => Found.Of(d, Content);

    public void Dispose()
    {
        try { if (Directory.Exists(Root)) Directory.Delete(Root, true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A diagnostic as tests compare it: path relative to the content folder, '/' separators.</summary>
public sealed record Found(string File, int Line, int Column, Severity Severity, string Code, string Message)
{
    public static Found Of(Diagnostic d, string contentRoot)
    {
        var file = d.Span.File;
        var root = Path.GetFullPath(contentRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (file.Length > 0 && Path.GetFullPath(file).StartsWith(root, StringComparison.Ordinal))
            file = Path.GetFullPath(file)[root.Length..];
        return new Found(file.Replace('\\', '/'), d.Span.Line, d.Span.Column, d.Severity, d.Code, d.Message);
    }

    /// <summary>"topics/x.yaml(3,5): error KB1001", the form expected.txt files use.</summary>
    public string Key => $"{File}({Line},{Column}): {(Severity == Severity.Error ? "error" : "warning")} {Code}";

    public override string ToString() => $"{Key}: {Message}";
}
