using KbGen.References.Import;
using KbGen.References.Styles;

namespace KbGen.Tests.References;

/// <summary>Each export format imports the same four records to the golden YAML, and each
/// imported reference formats to the golden text in both styles.</summary>
public class ImportGoldenTests
{
    private static readonly string[] ExpectedIds =
        ["francis-2008", "muller-2021", "national-institute-for-health-and-care-excellence-2016", "okafor-2019"];

    [Theory]
    [InlineData("nbib", "input.nbib")]
    [InlineData("ris", "input.ris")]
    [InlineData("bib", "input.bib")]
    public void Export_imports_to_golden_yaml_and_formats_to_golden_text(string folder, string input)
    {
        var dir = Path.Combine(GoldenFiles.Dir, folder);
        using var content = new TempContent();

        var report = new ReferenceImporter().Import([Path.Combine(dir, input)], content.Root, dryRun: false);

        Assert.Empty(report.Failed);
        Assert.Empty(report.SkippedDuplicates);
        Assert.Equal(ExpectedIds, report.Added.Select(a => a.Id).Order(StringComparer.Ordinal));
        foreach (var added in report.Added)
        {
            GoldenFiles.AssertMatches(Path.Combine(dir, added.Id + ".yaml"), File.ReadAllText(added.Path));
            foreach (var style in CitationStyles.Names)
            {
                var formatted = CitationStyles.Format(added.Reference, style);
                GoldenFiles.AssertMatches(Path.Combine(dir, $"{added.Id}.{style}.txt"), formatted.PlainText);
                Assert.Equal(formatted.PlainText, string.Concat(formatted.Segments.Select(s => s.Text)));
            }
        }
    }

    [Theory]
    [InlineData("nbib")]
    [InlineData("ris")]
    [InlineData("bib")]
    public void Golden_yaml_reads_back_with_YamlDotNet(string folder)
    {
        foreach (var path in Directory.GetFiles(Path.Combine(GoldenFiles.Dir, folder), "*.yaml"))
        {
            var yaml = new YamlDotNet.RepresentationModel.YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(path)));
            var map = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
            Assert.Equal(Path.GetFileNameWithoutExtension(path), map.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("id")].ToString());
        }
    }
}
