using System.Globalization;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.References.Styles;
using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;
using KbGen.Validation;

namespace KbGen.Rendering.Handouts;

/// <summary>A topic as layout blocks: the patient handout (plain language, clinic header, QR
/// code, urgent-help callout) or the clinician summary (cited claims, strength and certainty,
/// pitfalls, algorithm by phase, numbered references). Knows no PDF library.</summary>
public static class HandoutComposer
{
    public static readonly Rgb Accent = Rgb.Parse("#0b5e63");
    public static readonly Rgb Urgent = Rgb.Parse("#8a1c1c");
    public static readonly Rgb UrgentBg = Rgb.Parse("#fdeaea");
    public static readonly Rgb Muted = Rgb.Gray(80);

    public static IReadOnlyList<Block> Compose(HandoutRequest r)
    {
        var blocks = new List<Block>();
        blocks.AddRange(ClinicHeader(r));
        var t = r.Topic;
        var patient = r.Audience == HandoutAudience.Patient;
        blocks.Add(new Heading(1, t.Title) { Color = Accent, SpaceBefore = 4 });
        if (!patient)
            blocks.Add(new Paragraph([new Run(t.Question, FontStyleKind.Italic)]) { Size = 10.5, Color = Muted, SpaceAfter = 6 });
        blocks.Add(new Paragraph(VersionLine(r)) { Size = 8.5, Color = Muted, SpaceAfter = 8 });

        // Only the clinician summary cites: the patient handout never needs the numbering.
        if (patient) ComposePatient(r, blocks);
        else ComposeClinician(r, new CitationNumbering(r.Topic, r.Lookup), blocks);

        blocks.Add(new Rule { SpaceBefore = 10, SpaceAfter = 6 });
        blocks.Add(new Stack([
            QrCodes.Block(r.PageUrl, 64) with { AltText = $"QR code linking to {r.PageUrl}" },
            new Paragraph([new Run("Read this topic online: "), new Run(r.PageUrl) { Link = r.PageUrl }]) { Size = 8.5, Color = Muted, SpaceBefore = 2 },
        ]) { KeepWithNext = false });
        if (r.Disclaimer is { } d)
            blocks.Add(new Paragraph(MarkdownRuns.Of(d.Body, null)) { Size = 8, Color = Muted, SpaceBefore = 6 });
        return blocks;
    }

    private static IEnumerable<Block> ClinicHeader(HandoutRequest r)
    {
        if (r.Clinic is not { } c) yield break;
        if (c.LogoPath is { } logo && File.Exists(logo))
            yield return ImageBlock.FromBytes(File.ReadAllBytes(logo)) with { MaxWidth = 120, AltText = $"{c.Name} logo", SpaceAfter = 4 };
        yield return new Paragraph([Run.Bold(c.Name)]) { Size = 12, Color = Accent };
        var contact = string.Join(" · ", new[] { c.Address, c.Phone is null ? null : "Phone " + c.Phone }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (contact.Length > 0) yield return new Paragraph(contact) { Size = 9, Color = Muted };
        yield return new Rule { SpaceBefore = 6, SpaceAfter = 4 };
    }

    public static string VersionLine(HandoutRequest r)
    {
        var parts = new List<string>();
        if (r.Version is { } v) parts.Add($"Version {v}");
        var approval = r.Topic.Review.LastApproval;
        parts.Add(r.Topic.Review.Status == ReviewStatus.Approved && approval is not null
            ? $"Approved {approval.Date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)} by {approval.By}"
            : $"Not approved: {r.Topic.Review.Status.Label().ToLowerInvariant()}");
        parts.Add($"Last updated {r.Topic.Updated.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}");
        parts.Add(r.Settings.Publisher);
        return string.Join(" · ", parts);
    }

    private static void ComposePatient(HandoutRequest r, List<Block> blocks)
    {
        var p = r.Topic.Patient;
        if (p.Summary is { IsEmpty: false } s)
            blocks.Add(new Paragraph(MarkdownRuns.Of(s, null)) { Size = 11.5, SpaceAfter = 6 });
        foreach (var sec in p.Sections)
        {
            blocks.Add(new Heading(2, sec.Title) { Color = Accent });
            blocks.Add(List(sec.Items, null, size: 11, badges: false));
        }
        if (p.RedFlags.Count > 0)
            blocks.Add(UrgentCallout("When to get help urgently", p.RedFlags, null, 11));
    }

    private static void ComposeClinician(HandoutRequest r, CitationNumbering n, List<Block> blocks)
    {
        var t = r.Topic;
        blocks.Add(new Callout([new Paragraph(MarkdownRuns.Of(t.Summary, n)) { Size = 10.5 }])
        {
            Title = "Bottom line", TitleColor = Accent, Background = Rgb.Parse("#e6f2f2"), SpaceAfter = 6,
        });
        foreach (var sec in t.Clinician.Sections)
        {
            blocks.Add(new Heading(2, sec.Title) { Color = Accent, Size = 13 });
            blocks.Add(List(sec.Items, n, size: 10, badges: true));
        }
        if (t.Clinician.RedFlags.Count > 0)
            blocks.Add(UrgentCallout("Red flags: act urgently", t.Clinician.RedFlags, n, 10));
        if (t.Pitfalls.Count > 0)
        {
            blocks.Add(new Heading(2, "Pitfalls to avoid") { Color = Accent, Size = 13 });
            blocks.Add(List(t.Pitfalls, n, size: 10, badges: true));
        }
        if (t.Algorithm is { } a)
        {
            blocks.Add(new Heading(2, a.Title) { Color = Accent, Size = 13 });
            var byId = a.Nodes.ToDictionary(x => x.Id, StringComparer.Ordinal);
            foreach (var (caption, nodes) in AlgorithmOrder.Groups(a))
            {
                blocks.Add(new Heading(3, caption) { Size = 11 });
                blocks.Add(new BulletList(nodes.Select(x => new ListItem(NodeParagraph(x, byId, n))).ToList()) { Ordered = true });
            }
        }
        if (n.References.Count > 0)
        {
            blocks.Add(new Heading(2, "References") { Color = Accent, Size = 13 });
            blocks.Add(new BulletList(n.References.Select(reference =>
                new ListItem(new Paragraph(ReferenceRuns(reference, r.Settings.CitationStyle)) { Size = 9 })).ToList()) { Ordered = true });
        }
    }

    private static Paragraph NodeParagraph(AlgorithmNode x, Dictionary<string, AlgorithmNode> byId, CitationNumbering n)
    {
        var runs = MarkdownRuns.Of(x.Text, n).ToList();
        string Target(string id) => byId.TryGetValue(id, out var t) ? PlainText.Of(t.Text) : id;
        if (x.Branches.Count > 0)
            runs.Add(new Run(" — " + string.Join("; ", x.Branches.Select(b => $"{b.Label}: {Target(b.Next)}")), FontStyleKind.Italic) { Color = Muted });
        else if (x.Next is { } next)
            runs.Add(new Run(" → " + Target(next), FontStyleKind.Italic) { Color = Muted });
        return new Paragraph(runs) { Size = 9.5 };
    }

    private static BulletList List(IReadOnlyList<Claim> claims, CitationNumbering? n, double size, bool badges) =>
        new(claims.Select(c => Item(c, n, size, badges)).ToList());

    private static ListItem Item(Claim c, CitationNumbering? n, double size, bool badges)
    {
        var runs = MarkdownRuns.Of(c.Text, n).ToList();
        if (badges && (c.Strength is not null || c.Certainty is not null))
        {
            var label = string.Join("; ", new[]
            {
                c.Strength is null ? null : $"{c.Strength} recommendation",
                c.Certainty is null ? null : $"{c.Certainty.Replace('-', ' ')} certainty",
            }.Where(s => s is not null));
            runs.Add(new Run($" [{label}]", FontStyleKind.Italic) { Color = Accent });
        }
        var content = new List<Block> { new Paragraph(runs) { Size = size } };
        if (c.Items.Count > 0) content.Add(new BulletList(c.Items.Select(i => Item(i, n, size, badges)).ToList()));
        return new ListItem(content);
    }

    private static Callout UrgentCallout(string title, IReadOnlyList<Claim> claims, CitationNumbering? n, double size) =>
        new([List(claims, n, size, badges: false)])
        {
            Title = title, TitleColor = Urgent, Background = UrgentBg, Border = Rgb.Parse("#e5a5a5"), SpaceBefore = 8, SpaceAfter = 6, TitleSize = size + 2,
        };

    public static IReadOnlyList<Run> ReferenceRuns(Reference reference, string style) =>
        CitationStyles.Format(reference, style).Segments
            .Select(s => new Run(s.Text, s.Italic ? FontStyleKind.Italic : FontStyleKind.Regular) { Link = s.Link is { } l && LinkRules.IsAllowed(l) ? l : null })
            .ToList();
}
