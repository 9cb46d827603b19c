using System.Text.RegularExpressions;
using Style = KbGen.Rendering.Layout.FontStyleKind;
using KbGen.Loading;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Rendering.Handouts;
using KbGen.Tests.Pdf;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Handouts;

/// <summary>The sample handouts read back with poppler and qpdf: every claim of the source text
/// is there, in order, nothing lost or repeated at page breaks; fonts embedded; metadata set.</summary>
public sealed partial class HandoutPdfTests(SampleBuildFixture build) : IClassFixture<SampleBuildFixture>
{
    private static readonly KnowledgeBase Kb = KbLoad.LoadAndValidate(RepoRoot.SampleContent, new ValidationContext(new DateOnly(2026, 1, 15))).KnowledgeBase!;

    public static TheoryData<string, string> Handouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in Kb.Topics)
            foreach (var a in new[] { "patient", "clinician" }) data.Add(t.Id, a);
        return data;
    }

    [GeneratedRegex(@"\p{L}+|\p{N}+")]
    private static partial Regex Word();

    private static List<string> Words(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    private string Pdf(string topic, string audience) => Path.Combine(build.Output, "pdf", $"{topic}-{audience}.pdf");

    private static IEnumerable<string> SourceTexts(Topic t, string audience)
    {
        if (audience == "patient")
        {
            if (t.Patient.Summary is { } s) yield return s.Source;
            foreach (var sec in t.Patient.Sections)
            {
                yield return sec.Title;
                foreach (var c in ClaimWalk.Flatten(sec.Items)) yield return c.Text.Source;
            }
            foreach (var c in ClaimWalk.Flatten(t.Patient.RedFlags)) yield return c.Text.Source;
        }
        else
        {
            yield return t.Summary.Source;
            foreach (var sec in t.Clinician.Sections)
            {
                yield return sec.Title;
                foreach (var c in ClaimWalk.Flatten(sec.Items)) yield return c.Text.Source;
            }
            foreach (var c in ClaimWalk.Flatten(t.Clinician.RedFlags)) yield return c.Text.Source;
            foreach (var c in ClaimWalk.Flatten(t.Pitfalls)) yield return c.Text.Source;
        }
    }

    [Theory]
    [MemberData(nameof(Handouts))]
    public void Every_claim_is_printed_in_order_and_none_twice(string topicId, string audience)
    {
        Assert.True(build.Report.Succeeded, string.Join("\n", build.Report.Diagnostics));
        var topic = Kb.Topics.Single(t => t.Id == topicId);
        var (code, text) = PdfTools.Run("pdftotext", "-raw", Pdf(topicId, audience), "-");
        Assert.Equal(0, code);
        // The watermark (drawn first on each page, one letter a line) and the page footers are not
        // part of the text flow.
        var printed = Words(string.Join("\n", text.Split('\f').Select(StripWatermark)
            .SelectMany(page => page.Split('\n')).Where(l => !Regex.IsMatch(l, @"Page \d+ of \d+")))).ToList();

        var at = 0;
        var firstSource = true;
        foreach (var source in SourceTexts(topic, audience))
        {
            var words = Words(PlainText.Of(source));
            // A source starts within a few words of the previous one (a heading, badges or a bullet
            // may come between); inside it only superscript numbers may. A bigger gap means a line
            // was lost or moved.
            var limit = firstSource ? printed.Count : at + 14;
            var end = -1;
            for (var start = printed.IndexOf(words[0], at); start >= 0 && start <= limit && end < 0; start = printed.IndexOf(words[0], start + 1))
                end = MatchFrom(printed, start, words);
            Assert.True(end >= 0, $"\"{PlainText.Of(source)}\" is not printed whole and in order in {topicId}-{audience}.pdf after word {at} (\"{string.Join(" ", printed.Skip(at).Take(20))}…\")");
            at = end;
            firstSource = false;
            if (words.Count >= 6)
            {
                var joined = " " + string.Join(" ", printed) + " ";
                var needle = " " + string.Join(" ", words) + " ";
                var first = joined.IndexOf(needle, StringComparison.Ordinal);
                if (first >= 0)
                    Assert.True(joined.IndexOf(needle, first + 1, StringComparison.Ordinal) < 0, $"\"{PlainText.Of(source)}\" is printed twice");
            }
        }
    }

    /// <summary>Index after the last word when all words follow from start with at most three
    /// other tokens (superscript numbers) between neighbours; -1 otherwise.</summary>
    private static int MatchFrom(List<string> printed, int start, List<string> words)
    {
        var at = start + 1;
        foreach (var w in words.Skip(1))
        {
            var next = -1;
            for (var i = at; i < printed.Count && i - at <= 3 && next < 0; i++)
                if (Same(printed[i], w)) next = i;
            if (next < 0) return -1;
            at = next + 1;
        }
        return at;
    }

    /// <summary>A number followed by a citation superscript extracts as one token ("4" + "1" → "41").</summary>
    private static bool Same(string printed, string word) =>
        printed == word || (char.IsDigit(word[0]) && char.IsDigit(printed[0]) && printed.StartsWith(word, StringComparison.Ordinal));

    private static string StripWatermark(string page)
    {
        var mark = Regex.Replace(HandoutWriter.DraftWatermark, @"\s+", "");
        var i = 0;
        var matched = 0;
        while (i < page.Length && matched < mark.Length)
        {
            if (char.IsWhiteSpace(page[i])) { i++; continue; }
            if (page[i] != mark[matched]) return page;
            i++;
            matched++;
        }
        return matched == mark.Length ? page[i..] : page;
    }

    [Fact]
    public void Clinic_handout_names_the_clinic_and_uses_its_paper()
    {
        var topic = Kb.Topics.Single(t => t.Review.Status == ReviewStatus.Approved);
        var clinic = Kb.Clinics.Single();
        var shown = global::KbGen.Building.ChannelSelection.Select(Kb, Publishing.Channel.Public).Single(s => s.Topic.Id == topic.Id);
        var request = global::KbGen.Building.HandoutStage.Request(Kb, shown, HandoutAudience.Patient, clinic, null, null, Publishing.Channel.Public, DateTimeOffset.UnixEpoch);
        var path = PdfTools.WriteTemp(HandoutWriter.Write(request, new Rendering.Pdf.PdfTextMeasurer()), "clinic-handout.pdf");
        Assert.Contains(clinic.Name, PdfTools.Run("pdftotext", path, "-").Output);
        Assert.Contains("612 x 792 pts (letter)", PdfTools.Run("pdfinfo", path).Output);
        Assert.DoesNotContain("DRAFT", PdfTools.Run("pdftotext", path, "-").Output);
    }

    [Theory]
    [MemberData(nameof(Handouts))]
    public void Metadata_fonts_and_structure_are_right(string topicId, string audience)
    {
        var path = Pdf(topicId, audience);
        var info = PdfTools.Run("pdfinfo", path).Output;
        var topic = Kb.Topics.Single(t => t.Id == topicId);
        Assert.Contains(topic.Title, info);
        Assert.Matches(@"Author:\s+\S", info);
        Assert.Contains(topic.Question, info);
        Assert.Contains("(A4)", info);
        var fonts = PdfTools.Run("pdffonts", path).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, l => Assert.Matches(@"\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", l)); // emb, sub
        var check = PdfTools.Run("qpdf", "--check", path);
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Fact]
    public void Handouts_are_tagged_with_headings_paragraphs_and_a_described_figure()
    {
        var approved = Kb.Topics.Single(t => t.Review.Status == ReviewStatus.Approved);
        var path = Pdf(approved.Id, "patient");
        Assert.Matches(@"Tagged:\s+yes", PdfTools.Run("pdfinfo", path).Output);
        var expanded = Path.Combine(Path.GetTempPath(), $"kbgen-qdf-{Guid.NewGuid():N}.pdf");
        try
        {
            // Exit 3: written with warnings about PDFsharp's font streams (qpdf --check itself is clean).
            Assert.Contains(PdfTools.Run("qpdf", "--qdf", "--object-streams=disable", path, expanded).ExitCode, new[] { 0, 3 });
            var raw = File.ReadAllText(expanded, System.Text.Encoding.Latin1);
            var tags = Regex.Matches(raw, @"/S /(\w+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Contains("Document", tags);
            Assert.Single(tags, "H1");
            Assert.Equal(approved.Patient.Sections.Count, tags.Count(t => t == "H2"));
            Assert.True(tags.Count(t => t == "P") >= approved.Patient.Sections.Count, string.Join(",", tags));
            Assert.Contains("Figure", tags);
            Assert.Matches(@"/Alt \(QR code linking to https://kb\.example\.org/", raw);
        }
        finally { File.Delete(expanded); }
    }

    [Fact]
    public void Unapproved_topics_carry_the_draft_watermark_on_every_page()
    {
        var draft = Kb.Topics.Single(t => t.Review.Status != ReviewStatus.Approved);
        var path = Pdf(draft.Id, "patient");
        var pages = int.Parse(Regex.Match(PdfTools.Run("pdfinfo", path).Output, @"Pages:\s+(\d+)").Groups[1].Value);
        for (var p = 1; p <= pages; p++)
            Assert.StartsWith(Regex.Replace(HandoutWriter.DraftWatermark, @"\s+", ""),
                Regex.Replace(PdfTools.Run("pdftotext", "-raw", "-f", p.ToString(), "-l", p.ToString(), path, "-").Output, @"\s+", ""));
        var approved = Kb.Topics.Single(t => t.Review.Status == ReviewStatus.Approved);
        Assert.DoesNotContain("DRAFT", Regex.Replace(PdfTools.Run("pdftotext", "-raw", Pdf(approved.Id, "patient"), "-").Output, @"\s+", ""));
    }

    [Fact]
    public void Patient_handout_has_page_numbers_qr_target_and_version_line()
    {
        var approved = Kb.Topics.Single(t => t.Review.Status == ReviewStatus.Approved);
        var text = PdfTools.Run("pdftotext", Pdf(approved.Id, "patient"), "-").Output;
        Assert.Matches(@"Page 1 of \d", text);
        Assert.Contains($"https://kb.example.org/topics/{approved.Id}/", text);
        Assert.Contains("Approved October 9, 2025", text);
        Assert.Contains("When to get help urgently", text);
        Assert.Contains("/URI", File.ReadAllText(Pdf(approved.Id, "patient"), System.Text.Encoding.Latin1));
    }

    [Fact]
    public void The_disclaimers_headings_run_into_its_text_as_bold_sentences_not_into_its_sentences()
    {
        // The sample's disclaimer page has "## For patients" before "Talk to your own care team ...".
        var approved = Kb.Topics.Single(t => t.Review.Status == ReviewStatus.Approved);
        var text = Regex.Replace(PdfTools.Run("pdftotext", "-raw", Pdf(approved.Id, "patient"), "-").Output, @"\s+", " ");
        Assert.Contains("Do not wait to read more. For patients. Talk to your own care team", text);
        Assert.Contains("For health professionals. The clinician pages", text);
        Assert.DoesNotContain("For patients Talk", text);

        var runs = KbGen.Rendering.Handouts.MarkdownRuns.Of("Intro.\n\n## For patients\n\nTalk to us.\n\n## Limits?\n\nSome.", null);
        Assert.Equal(["Intro. ", "For patients.", " Talk to us. ", "Limits?", " Some."], runs.Select(r => r.Text));
        Assert.Equal([Style.Regular, Style.Bold, Style.Regular, Style.Bold, Style.Regular], runs.Select(r => r.Style));
    }
}
