using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>Ids are "firstauthor-year" ("francis-2008", "muller-2019"), or the organisation's
/// slug for a body without authors ("world-health-organization-2020").</summary>
internal static class ReferenceIds
{
    private const int MaxSlugLength = 64;

    public static string Base(Reference r)
    {
        var who = r.Authors.Count > 0 ? AuthorNames.Surname(r.Authors[0]) : r.Organization ?? "";
        var slug = TextFolding.Slug(who);
        if (slug.Length > MaxSlugLength) slug = slug[..slug.LastIndexOf('-', MaxSlugLength)];
        if (slug.Length == 0) slug = "ref";
        return $"{slug}-{r.Year}";
    }
}

/// <summary>Known references by id, DOI, PMID and title+year, for duplicates and free ids.</summary>
internal sealed class DuplicateIndex
{
    private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byDoi = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byPmid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byTitle = new(StringComparer.Ordinal);

    public void Add(string id, string? doi, string? pmid, string? title, int? year)
    {
        _ids.Add(id);
        if (doi is not null) _byDoi.TryAdd(doi.Trim(), id);
        if (pmid is not null) _byPmid.TryAdd(pmid.Trim(), id);
        if (title is not null && year is not null) _byTitle.TryAdd(TitleKey(title, year.Value), id);
    }

    public void ReserveId(string id) => _ids.Add(id);

    public (string Id, string Reason)? FindDuplicate(Reference r)
    {
        if (r.Doi is not null && _byDoi.TryGetValue(r.Doi, out var a)) return (a, $"same DOI {r.Doi}");
        if (r.Pmid is not null && _byPmid.TryGetValue(r.Pmid, out var b)) return (b, $"same PMID {r.Pmid}");
        if (_byTitle.TryGetValue(TitleKey(r.Title, r.Year), out var c)) return (c, $"same title and year ({r.Year})");
        return null;
    }

    /// <summary>"francis-2008", else "francis-2008a", "francis-2008b", …</summary>
    public string FreeId(string baseId)
    {
        if (!_ids.Contains(baseId)) return baseId;
        for (int n = 0; ; n++)
        {
            var id = baseId + Suffix(n);
            if (!_ids.Contains(id)) return id;
        }
    }

    // a … z, then aa, ab, … (bibliographies rarely pass z, but the ids must never run out).
    private static string Suffix(int n) => n < 26 ? ((char)('a' + n)).ToString() : Suffix(n / 26 - 1) + (char)('a' + n % 26);

    private static string TitleKey(string title, int year) => $"{TextFolding.TitleKey(title)}|{year}";
}
