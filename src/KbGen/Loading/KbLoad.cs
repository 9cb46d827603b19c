using KbGen.Diagnostics;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Loading;

public sealed record LoadResult(KnowledgeBase? KnowledgeBase, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => KnowledgeBase is null || Diagnostics.Any(d => d.IsError);
    public int Errors => Diagnostics.Count(d => d.IsError);
    public int Warnings => Diagnostics.Count(d => !d.IsError);
}

/// <summary>load → validate: the front half of every command.</summary>
public static class KbLoad
{
    public static LoadResult LoadAndValidate(string contentDir, ValidationContext? context = null, bool warningsAsErrors = false)
    {
        var bag = new DiagnosticBag();
        var kb = ContentLoader.Load(contentDir, bag);
        if (kb is not null) Validator.Validate(kb, context ?? ValidationContext.Now(), bag);
        var list = bag.Sorted();
        if (warningsAsErrors) list = DiagnosticBag.Promote(list);
        return new LoadResult(kb, list);
    }
}
