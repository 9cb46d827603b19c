using System.Text;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>Reads PubMed, RIS and BibTeX exports into content/references/&lt;id&gt;.yaml. A broken
/// record is reported with its line and the others still import; a duplicate (by DOI, then PMID,
/// then title and year) is skipped; an existing file is never overwritten.</summary>
public sealed class ReferenceImporter
{
    public ImportReport Import(IEnumerable<string> files, string contentDir, bool dryRun = false)
    {
        var referencesDir = Path.Combine(contentDir, "references");
        var added = new List<AddedReference>();
        var skipped = new List<SkippedDuplicate>();
        var failed = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();

        var index = new DuplicateIndex();
        foreach (var e in ExistingReferences.Read(referencesDir, warnings)) index.Add(e.Id, e.Doi, e.Pmid, e.Title, e.Year);

        foreach (var file in files)
        {
            foreach (var record in ReadFile(file, failed))
            {
                if (record.Error is { } err) { failed.Add(err); continue; }
                var r = record.Reference!;
                if (index.FindDuplicate(r) is { } dup) { skipped.Add(new SkippedDuplicate(r.Span, dup.Id, dup.Reason)); continue; }

                var id = index.FreeId(ReferenceIds.Base(r));
                r = r with { Id = id };
                var path = Path.Combine(referencesDir, id + ".yaml");
                if (!dryRun && !TryWrite(referencesDir, path, ReferenceYamlWriter.ToYaml(r), r.Span, failed)) { index.ReserveId(id); continue; }
                index.Add(id, r.Doi, r.Pmid, r.Title, r.Year);
                added.Add(new AddedReference(id, path, r.Span, r));
            }
        }
        return new ImportReport(added, skipped, failed, warnings);
    }

    /// <summary>Parses one export file without writing anything (also used by tests and previews).</summary>
    public static IReadOnlyList<ParsedReference> Parse(string text, string file)
    {
        var failed = new List<Diagnostic>();
        return ParseText(text, file, failed).Select(p => new ParsedReference(p.Reference, p.Error)).ToList();
    }

    private static IEnumerable<ParsedRecord> ReadFile(string file, List<Diagnostic> failed)
    {
        string text;
        try
        {
            text = File.ReadAllText(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            failed.Add(new Diagnostic(Severity.Error, DiagnosticCodes.ImportFileUnreadable.Code, SourceSpan.FileStart(file),
                e is DecoderFallbackException ? "file is not valid UTF-8" : e.Message));
            return [];
        }
        return ParseText(text, file, failed);
    }

    private static IEnumerable<ParsedRecord> ParseText(string text, string file, List<Diagnostic> failed)
    {
        switch (ImportFormatDetector.Detect(text, file))
        {
            case ImportFormat.PubMed: return MedlineParser.Parse(text, file);
            case ImportFormat.Ris: return RisParser.Parse(text, file);
            case ImportFormat.BibTex: return BibTexParser.Parse(text, file);
            default:
                failed.Add(new Diagnostic(Severity.Error, DiagnosticCodes.UnknownImportFormat.Code, SourceSpan.FileStart(file),
                    "not a PubMed (MEDLINE), RIS or BibTeX export"));
                return [];
        }
    }

    // Temp file in the same folder, then link(2), which creates the name only if no file has it:
    // a reader never sees a half-written file, and a file that appeared meanwhile (even from a
    // second import racing this one) is left alone. File.Move(overwrite: false) checks, then
    // renames, so it cannot promise that.
    private static bool TryWrite(string dir, string path, string yaml, SourceSpan source, List<Diagnostic> failed)
    {
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(tmp, yaml, new UTF8Encoding(false));
            if (!Output.Posix.TryLink(tmp, path, out var errno))
                throw new IOException(errno == Output.Posix.EEXIST ? "the file exists" : $"link failed (errno {errno})");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failed.Add(new Diagnostic(Severity.Error, DiagnosticCodes.ReferenceWriteFailed.Code, source,
                File.Exists(path) ? $"{path} already exists; not overwritten" : $"cannot write {path}: {e.Message}"));
            return false;
        }
        finally
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>One parsed record: a reference whose id is still empty, or the error that stopped it.</summary>
public sealed record ParsedReference(Reference? Reference, Diagnostic? Error);
