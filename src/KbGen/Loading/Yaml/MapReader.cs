using System.Globalization;
using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Model;

namespace KbGen.Loading.Yaml;

/// <summary>Reads one YAML mapping against a schema: typed getters that report missing keys and
/// wrong types at the value's position, and <see cref="Done"/> that reports every key nobody
/// asked for as unknown, with a "did you mean" for near misses.</summary>
public sealed class MapReader
{
    private readonly YMapping _map;
    private readonly FileContext _file;
    private readonly string _what;
    // The keys asked for (for "did you mean") and which entries they matched (for unknown keys):
    // a bit per entry rather than a set of strings, as every claim of every topic has a reader.
    private string[]? _asked;
    private int _askedCount;
    private ulong _matched;
    private bool[]? _matchedBeyond64;

    public MapReader(YMapping map, FileContext file, string what)
    {
        _map = map;
        _file = file;
        _what = what;
    }

    public SourceSpan Span => _map.Span;
    private DiagnosticBag Diag => _file.Diagnostics;

    public static MapReader? Of(YNode? node, FileContext file, string what)
    {
        if (node is YMapping m) return new MapReader(m, file, what);
        if (node is not null)
            file.Diagnostics.Add(DiagnosticCodes.WrongType, node.Span, $"{what} must be a mapping of keys to values, not {node.KindName}");
        return null;
    }

    public bool Has(string key) => Node(key) is not null and not YScalar { IsNull: true };

    public YNode? Node(string key)
    {
        if (_asked is null) _asked = new string[8];
        else if (_askedCount == _asked.Length) Array.Resize(ref _asked, _askedCount * 2);
        _asked[_askedCount++] = key;
        var i = _map.IndexOf(key);
        if (i < 0) return null;
        if (i < 64) _matched |= 1UL << i;
        else (_matchedBeyond64 ??= new bool[_map.Entries.Count])[i] = true;
        return _map.Entries[i].Value;
    }

    private bool Matched(int i) => i < 64 ? (_matched & (1UL << i)) != 0 : _matchedBeyond64?[i] == true;

    private YNode? Present(string key, bool required)
    {
        var n = Node(key);
        if (n is YScalar { IsNull: true }) n = null;
        if (n is null && required)
            Diag.Add(DiagnosticCodes.MissingKey, _map.Span, $"{_what} is missing required key '{key}'");
        return n;
    }

    public YScalar? Scalar(string key, bool required = false)
    {
        var n = Present(key, required);
        if (n is null) return null;
        if (n is YScalar s) return s;
        Diag.Add(DiagnosticCodes.WrongType, n.Span, $"'{key}' must be a single value, not {n.KindName}");
        return null;
    }

    public string? String(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        TextRules.CheckControlCharacters(s.Value, s.Span, Diag);
        if (required && string.IsNullOrWhiteSpace(s.Value))
        {
            Diag.Add(DiagnosticCodes.MissingKey, s.Span, $"'{key}' must not be empty");
            return null;
        }
        return s.Value;
    }

    public string? Id(string key, bool required = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (!IdRules.IsValidId(s.Value))
        {
            Diag.Add(DiagnosticCodes.InvalidId, s.Span, $"'{Short(s.Value)}' is not a valid id: use lower-case letters and digits joined by hyphens");
            return null;
        }
        return s.Value;
    }

    /// <summary>The `id` of a file that holds one thing: a valid id, equal to the file's name.</summary>
    public string? FileId(string? expectedId, string key = "id")
    {
        var node = Scalar(key);
        var id = Id(key);
        if (id is not null && expectedId is not null && id != expectedId)
            Diag.Add(DiagnosticCodes.IdMismatch, node!.Span, $"id '{id}' differs from the file name '{expectedId}'");
        return id;
    }

    public int? Int(string key, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        Diag.Add(DiagnosticCodes.InvalidNumber, s.Span, $"'{key}' must be a whole number{(min > int.MinValue ? $" from {min} to {max}" : "")}, not '{Short(s.Value)}'");
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Diag.Add(DiagnosticCodes.InvalidDate, s.Span, $"'{key}' must be a real date written YYYY-MM-DD, not '{Short(s.Value)}'");
        return null;
    }

    public string? Enum(string key, IReadOnlyList<string> allowed, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        // The allowed string itself, not the scalar's copy: the model keeps one per claim.
        foreach (var a in allowed)
            if (a == s.Value) return a;
        var hint = Suggest(s.Value, allowed);
        Diag.Add(DiagnosticCodes.InvalidValue, s.Span, $"'{key}' must be one of {string.Join(", ", allowed)}, not '{Short(s.Value)}'{hint}");
        return null;
    }

    public YSequence? Sequence(string key, bool required = false)
    {
        var n = Present(key, required);
        if (n is null) return null;
        if (n is YSequence seq) return seq;
        Diag.Add(DiagnosticCodes.WrongType, n.Span, $"'{key}' must be a list, not {n.KindName}");
        return null;
    }

    public MapReader? Mapping(string key, bool required = false)
    {
        var n = Present(key, required);
        if (n is null) return null;
        if (n is YMapping m) return new MapReader(m, _file, $"'{key}'");
        Diag.Add(DiagnosticCodes.WrongType, n.Span, $"'{key}' must be a mapping of keys to values, not {n.KindName}");
        return null;
    }

    public IReadOnlyList<string> StringList(string key, bool required = false)
    {
        var n = Present(key, required);
        if (n is null) return [];
        if (n is YScalar sc)
        {
            Diag.Add(DiagnosticCodes.WrongType, n.Span, $"'{key}' must be a list, for example [{Short(sc.Value)}]");
            return [];
        }
        if (n is not YSequence seq)
        {
            Diag.Add(DiagnosticCodes.WrongType, n.Span, $"'{key}' must be a list of text values, not {n.KindName}");
            return [];
        }
        var list = new List<string>();
        foreach (var item in seq.Items)
        {
            if (item is YScalar s && !s.IsNull)
            {
                TextRules.CheckControlCharacters(s.Value, s.Span, Diag);
                list.Add(s.Value);
            }
            else Diag.Add(DiagnosticCodes.WrongType, item.Span, $"each item of '{key}' must be a single text value");
        }
        return list;
    }

    public MarkdownText? Markdown(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        var text = _file.Markdown(s);
        // Point at the invisible character itself: it cannot be seen, so its column is the help.
        var bad = s.Value.AsSpan().IndexOfAny(TextRules.Forbidden);
        if (bad >= 0) TextRules.CheckControlCharacters(s.Value, text.PositionOf(bad), Diag);
        return text;
    }

    /// <summary>Reports every key that no getter asked for.</summary>
    public void Done()
    {
        List<string>? asked = null;
        for (var i = 0; i < _map.Entries.Count; i++)
        {
            if (Matched(i)) continue;
            var key = _map.Entries[i].Key;
            asked ??= _asked is null ? [] : _asked.Take(_askedCount).Distinct(StringComparer.Ordinal).ToList();
            Diag.Add(DiagnosticCodes.UnknownKey, key.Span, $"unknown key '{Short(key.Value)}' in {_what}{Suggest(key.Value, asked)}");
        }
    }

    private static string Short(string s) => s.Length > 60 ? s[..60] + "…" : s;

    internal static string Suggest(string given, IReadOnlyList<string> candidates)
    {
        var best = candidates
            .Select(c => (c, d: Levenshtein(given.ToLowerInvariant(), c)))
            .Where(x => x.d <= Math.Max(1, Math.Min(3, x.c.Length / 3)))
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.c is null ? "" : $" (did you mean '{best.c}'?)";
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit
    /// (optimal string alignment), so that 'titel' is one step from 'title'.</summary>
    private static int Levenshtein(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
