using System.CommandLine;
using KbGen.References.Import;

namespace KbGen.Cli.Commands;

public static class RefsCommand
{
    public static Command Create()
    {
        var refs = new Command("refs", "Work with references");
        var import = new Command("import", "Import PubMed (MEDLINE), RIS or BibTeX exports into content/references");
        var files = new Argument<string[]>("FILE") { Description = "Export files; the format is detected from the content", Arity = ArgumentArity.OneOrMore };
        var content = CommonOptions.Content();
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be added and skipped without writing" };
        import.Add(files);
        import.Add(content);
        import.Add(dryRun);
        import.SetAction(parse =>
        {
            var dir = parse.GetValue(content)!;
            if (!Directory.Exists(dir)) throw new UsageException($"content folder '{dir}' does not exist");
            var dry = parse.GetValue(dryRun);
            var report = new ReferenceImporter().Import(parse.GetValue(files)!, dir, dry);
            var output = parse.InvocationConfiguration.Output;
            foreach (var a in report.Added)
                output.WriteLine($"{(dry ? "would add" : "added")} {a.Id} ({a.Path}) from {a.Source}");
            foreach (var s in report.SkippedDuplicates)
                output.WriteLine($"skipped {s.Source}: duplicate of {s.ExistingId} ({s.Reason})");
            CommonOptions.Print(report.Failed.Concat(report.Warnings), parse.InvocationConfiguration.Error);
            output.WriteLine($"refs import: {report.Added.Count} {(dry ? "to add" : "added")}, {report.SkippedDuplicates.Count} duplicate{(report.SkippedDuplicates.Count == 1 ? "" : "s")} skipped, {report.Failed.Count} could not be read{(dry ? " (dry run: nothing written)" : "")}");
            return report.HasErrors ? Cli.ContentErrors : Cli.Ok;
        });
        refs.Add(import);
        return refs;
    }
}
