using KbGen.Diagnostics;
using KbGen.References.Import;

namespace KbGen.Tests.References;

public class ImporterBehaviourTests
{
    private static string Seed(string name) => Path.Combine(Support.RepoRoot.Path, "seeds", name);

    private const string Ris = """
        TY  - JOUR
        AU  - Francis, R. M.
        TI  - Another paper by the same author
        JO  - Osteoporos Int
        PY  - 2008
        DO  - 10.5555/other.2008
        ER  - 

        """;

    [Fact]
    public async Task Two_imports_racing_for_one_id_never_overwrite_each_other()
    {
        // Different records by the same first author and year both want the id francis-2008;
        // each import sees the other's file only if it lands first. Whatever the timing, one file
        // holds one record whole and the other import reports KB8007 instead of replacing it.
        for (var round = 0; round < 20; round++)
        {
            using var content = new TempContent();
            var a = content.WriteFile("a.ris", Ris.Replace("Another paper", "Paper A"));
            var b = content.WriteFile("b.ris", Ris.Replace("Another paper", "Paper B").Replace("other.2008", "b.2008"));
            using var start = new Barrier(2);
            ImportReport Run(string f) { start.SignalAndWait(); return new ReferenceImporter().Import([f], content.Root, dryRun: false); }
            var ta = Task.Run(() => Run(a));
            var tb = Task.Run(() => Run(b));
            var reports = await Task.WhenAll(ta, tb);

            var files = Directory.GetFiles(Path.Combine(content.Root, "references"), "*.yaml");
            Assert.Equal(reports.Sum(r => r.Added.Count), files.Length);
            foreach (var added in reports.SelectMany(r => r.Added))
                Assert.Contains(added.Reference.Title, File.ReadAllText(added.Path));
            Assert.All(reports.SelectMany(r => r.Failed), d => Assert.Equal("KB8007", d.Code));
            Assert.Equal(2, reports.Sum(r => r.Added.Count + r.Failed.Count));
        }
    }

    [Fact]
    public void Same_record_from_a_second_export_is_skipped_by_doi_case_insensitively()
    {
        using var content = new TempContent();
        var importer = new ReferenceImporter();
        importer.Import([Seed("francis-2008.nbib")], content.Root, dryRun: false);
        var ris = content.WriteFile("upper.ris", File.ReadAllText(Seed("francis-2008.ris")).Replace("s00198-007-0530-x", "S00198-007-0530-X"));

        var report = importer.Import([ris], content.Root, dryRun: false);

        Assert.Empty(report.Added);
        var skip = Assert.Single(report.SkippedDuplicates);
        Assert.Equal("francis-2008", skip.ExistingId);
        Assert.Contains("DOI", skip.Reason);
        Assert.Equal(1, skip.Source.Line);
        Assert.Contains(report.AllDiagnostics(), d => d.Code == "KB8005");
    }

    [Fact]
    public void Duplicates_are_found_by_pmid_then_by_title_and_year()
    {
        using var content = new TempContent();
        content.WriteReference("smith-2020", "id: smith-2020\ntype: rct\ntitle: Bracing After Fracture\nauthors: [Smith J]\njournal: J\nyear: 2020\npmid: \"111\"\n");
        var file = content.WriteFile("in.nbib", """
            PMID- 111
            TI  - Something else entirely.
            AU  - Jones A
            DP  - 2021

            TI  - Bracing after fracture.
            AU  - Smith J
            DP  - 2020 Jan

            """);

        var report = new ReferenceImporter().Import([file], content.Root, dryRun: false);

        Assert.Empty(report.Added);
        Assert.Collection(report.SkippedDuplicates,
            s => Assert.Equal(("smith-2020", "same PMID 111"), (s.ExistingId, s.Reason)),
            s => Assert.Equal(("smith-2020", "same title and year (2020)"), (s.ExistingId, s.Reason)));
    }

    [Fact]
    public void Clashing_ids_get_letter_suffixes_against_existing_files_and_within_the_batch()
    {
        using var content = new TempContent();
        var importer = new ReferenceImporter();
        importer.Import([Seed("francis-2008.nbib")], content.Root, dryRun: false);
        var first = content.WriteFile("a.ris", Ris);
        var second = content.WriteFile("b.ris", Ris.Replace("Another paper", "A third paper").Replace("other.2008", "third.2008"));

        var report = importer.Import([first, second], content.Root, dryRun: false);

        Assert.Equal(["francis-2008a", "francis-2008b"], report.Added.Select(a => a.Id));
        Assert.Equal(["francis-2008.yaml", "francis-2008a.yaml", "francis-2008b.yaml"], content.ReferenceFiles());
    }

    [Fact]
    public void Malformed_record_is_reported_with_its_line_and_the_others_import()
    {
        using var content = new TempContent();
        var file = content.WriteFile("mixed.bib", """
            @article{good1, author = {Doe, Jane}, title = {First}, journal = {J}, year = 2020}

            @article{broken, author = {Roe, Rich}, title = {Unclosed, journal = {J}, year = 2021}

            @article{good2, author = {Poe, Edgar A.}, title = {Second}, journal = {J}, year = 2022}
            @article{nomacro, author = {Loe, L}, title = {Third}, journal = undefinedmacro, year = 2023}
            """);

        var report = new ReferenceImporter().Import([file], content.Root, dryRun: false);

        Assert.Equal(["doe-2020", "poe-2022"], report.Added.Select(a => a.Id));
        Assert.Collection(report.Failed,
            d => { Assert.Equal("KB8001", d.Code); Assert.Equal(3, d.Span.Line); Assert.Equal(file, d.Span.File); },
            d => { Assert.Equal("KB8006", d.Code); Assert.Equal(6, d.Span.Line); Assert.Equal(65, d.Span.Column); });
    }

    [Fact]
    public void Medline_and_ris_errors_point_at_the_record_and_line()
    {
        using var content = new TempContent();
        var nbib = content.WriteFile("x.nbib", "PMID- 1\nTI  - Fine.\nAU  - Doe J\nDP  - 2020\n\nPMID- 2\nTI  - Broken\nthis is not a field\nDP  - 2020\n\nPMID- 3\nAU  - Roe R\nDP  - 2021\n");
        var ris = content.WriteFile("x.ris", "TY  - JOUR\nAU  - Doe, J\nTI  - Cut short\nPY  - 2020\n");

        var report = new ReferenceImporter().Import([nbib, ris], content.Root, dryRun: true);

        Assert.Equal(["doe-2020"], report.Added.Select(a => a.Id));
        Assert.Collection(report.Failed,
            d => Assert.Equal(("KB8001", 8), (d.Code, d.Span.Line)),
            d => { Assert.Equal(("KB8003", 11), (d.Code, d.Span.Line)); Assert.Contains("title", d.Message); },
            d => Assert.Equal(("KB8001", 1, ris), (d.Code, d.Span.Line, d.Span.File)));
    }

    [Fact]
    public void Dry_run_writes_nothing_but_reports_what_it_would_add()
    {
        using var content = new TempContent();
        var report = new ReferenceImporter().Import([Seed("francis-2008.nbib"), Seed("francis-2008.ris")], content.Root, dryRun: true);

        Assert.Equal("francis-2008", Assert.Single(report.Added).Id);
        Assert.Single(report.SkippedDuplicates); // the RIS copy is a duplicate within the batch
        Assert.False(Directory.Exists(content.References));
    }

    [Fact]
    public void Existing_file_is_never_overwritten_even_if_unreadable()
    {
        using var content = new TempContent();
        var path = content.WriteReference("francis-2008", "id: [unclosed\n");

        var report = new ReferenceImporter().Import([Seed("francis-2008.nbib")], content.Root, dryRun: false);

        Assert.Equal("francis-2008a", Assert.Single(report.Added).Id);
        Assert.Equal("id: [unclosed\n", File.ReadAllText(path));
        Assert.Contains(report.Warnings, d => d.Code == "KB8008");
        Assert.DoesNotContain(Directory.GetFiles(content.References), f => f.EndsWith(".tmp"));
    }

    [Fact]
    public void Format_is_detected_by_content_not_extension()
    {
        using var content = new TempContent();
        var txt = content.WriteFile("export.txt", File.ReadAllText(Seed("francis-2008.ris")));
        var nbibNamedRis = content.WriteFile("pubmed.ris", File.ReadAllText(Seed("francis-2008.nbib")));
        var csv = content.WriteFile("list.txt", "title,year\nBack pain,2008\n");

        Assert.Equal(ImportFormat.Ris, ImportFormatDetector.Detect(File.ReadAllText(txt), txt));
        Assert.Equal(ImportFormat.PubMed, ImportFormatDetector.Detect(File.ReadAllText(nbibNamedRis), nbibNamedRis));
        var report = new ReferenceImporter().Import([txt, csv, Path.Combine(content.Root, "missing.nbib")], content.Root, dryRun: true);

        Assert.Equal("francis-2008", Assert.Single(report.Added).Id);
        Assert.Equal(["KB8002", "KB8004"], report.Failed.Select(d => d.Code));
    }

    [Fact]
    public void Import_codes_are_in_the_catalogue()
    {
        var codes = DiagnosticCodes.All.Where(d => d.Code.StartsWith("KB8", StringComparison.Ordinal)).Select(d => d.Code);
        Assert.Equal(["KB8001", "KB8002", "KB8003", "KB8004", "KB8005", "KB8006", "KB8007", "KB8008"], codes);
    }
}
