namespace KbGen.Loading;

/// <summary>Short scalars recur across content files: keys, node and phase ids, branch labels,
/// statuses, section titles, reviewers' names. Each is made once per thread (by span lookup, so a
/// repeat allocates nothing) rather than once per occurrence: a loaded model of 1,000 topics held
/// 65,000 strings under ten characters, each one more object for every collection to mark and
/// copy. Bounded, so a long-running serve does not grow it without end.</summary>
internal static class ShortStrings
{
    private const int MaxLength = 40;
    private const int MaxEntries = 1 << 15;

    [ThreadStatic] private static Dictionary<string, string>? t_pool;

    public static string Of(string text, int start, int length)
    {
        if (length == 0) return "";
        if (length > MaxLength) return text.Substring(start, length);
        var pool = t_pool ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var span = text.AsSpan(start, length);
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out var known)) return known;
        if (pool.Count >= MaxEntries) pool.Clear();
        var s = new string(span);
        pool[s] = s;
        return s;
    }
}
