using KbGen.Authoring;
using KbGen.Tests.Site;

namespace KbGen.Tests.Building;

/// <summary>`build --only patient-pdf`, which scripts/bench.sh times against Chromium printing the
/// patient handout: it makes exactly the patient handouts of a full build, byte for byte, and
/// nothing else.</summary>
public class PatientOnlyHandoutsTests
{
    private static (int Code, string Stdout) Build(string content, string outDir, params string[] extra)
    {
        var stdout = new StringWriter();
        var code = Cli.Cli.Run(["build", "--content", content, "--out", outDir, "--channel", "preview", .. extra], stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Writes_the_patient_handouts_of_a_full_build_and_nothing_else()
    {
        using var tmp = new TempDir("patient-only");
        var content = tmp.Combine("content");
        CorpusGenerator.Write(content, 3);
        var all = Build(content, tmp.Combine("all"), "--only", "pdf", "--no-cache");
        var patient = Build(content, tmp.Combine("patient"), "--only", "patient-pdf", "--no-cache");
        Assert.Equal(0, all.Code);
        Assert.Equal(0, patient.Code);

        var expected = TestPaths.Files(tmp.Combine("all")).Where(f => f.EndsWith("-patient.pdf", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, TestPaths.Files(tmp.Combine("patient")));
        foreach (var f in expected)
            Assert.Equal(File.ReadAllBytes(tmp.Combine("all", f)), File.ReadAllBytes(tmp.Combine("patient", f)));
        Assert.Contains(", 3 PDFs,", patient.Stdout);
    }

    [Fact]
    public void A_rebuild_that_reuses_every_topic_counts_one_handout_each_and_a_full_one_reuses_nothing()
    {
        using var tmp = new TempDir("patient-reuse");
        var content = tmp.Combine("content");
        CorpusGenerator.Write(content, 2);
        var first = Build(content, tmp.Combine("out"), "--only", "patient-pdf");
        var again = Build(content, tmp.Combine("out"), "--only", "patient-pdf");
        Assert.Equal(0, again.Code);
        Assert.Contains(", 2 PDFs,", first.Stdout);
        Assert.Contains(", 2 PDFs,", again.Stdout);
        Assert.Equal(["pdf/topic-00000-patient.pdf", "pdf/topic-00001-patient.pdf"], TestPaths.Files(tmp.Combine("out")));
        var full = Build(content, tmp.Combine("out"), "--only", "pdf");
        Assert.Contains(", 4 PDFs,", full.Stdout);
        Assert.Equal(4, TestPaths.Files(tmp.Combine("out")).Count);
    }
}
