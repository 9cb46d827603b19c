using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Patient text is meant for grade 8 or below; each patient summary and section is scored.</summary>
public sealed class ReadingLevelRule : IValidationRule
{
    public const double MaxGrade = 8.0;

    public void CheckTopic(Topic t, RuleContext context, DiagnosticBag diagnostics)
    {
        if (t.Patient.Summary is { IsEmpty: false } s)
            Score([s], s.Span, "patient summary", diagnostics);
        foreach (var sec in t.Patient.Sections)
        {
            var texts = new List<MarkdownText>();
            ClaimWalk.AddTexts(texts, sec.Items);
            Score(texts, sec.Span, $"patient section '{sec.Title}'", diagnostics);
        }
    }

    private static void Score(IReadOnlyList<MarkdownText> texts, SourceSpan at, string what, DiagnosticBag diagnostics)
    {
        var grade = ReadingLevel.Grade(texts.Select(t => PlainText.Of(t)));
        if (grade > MaxGrade)
            diagnostics.Add(DiagnosticCodes.ReadingLevel, at,
                $"{what} reads at grade {grade.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} (Flesch–Kincaid); aim for {MaxGrade:0} or below with shorter sentences and words");
    }
}
