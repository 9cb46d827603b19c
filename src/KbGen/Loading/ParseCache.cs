using System.Collections.Concurrent;
using KbGen.Diagnostics;

namespace KbGen.Loading;

/// <summary>Parsed files kept between builds of one long-running process (`kbgen serve`): a file
/// whose size and modification time are unchanged is not read or parsed again; its model and its
/// diagnostics are reused. Cross-file validation always runs on the whole model.</summary>
public sealed class ParseCache
{
    private sealed record Entry(long Length, DateTime Modified, object? Result, IReadOnlyList<Diagnostic> Diagnostics);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Hits;
    public int Misses;

    internal T? GetOrRead<T>(string path, DiagnosticBag diagnostics, Func<DiagnosticBag, T?> read) where T : class
    {
        var info = new FileInfo(path);
        var stamp = info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1L, DateTime.MinValue);
        if (info.LinkTarget is null && _entries.TryGetValue(path, out var e) && e.Length == stamp.Item1 && e.Modified == stamp.Item2 && e.Result is T or null)
        {
            Interlocked.Increment(ref Hits);
            diagnostics.AddRange(e.Diagnostics);
            return e.Result as T;
        }
        Interlocked.Increment(ref Misses);
        var local = new DiagnosticBag();
        var result = read(local);
        var list = local.Sorted();
        diagnostics.AddRange(list);
        if (info.LinkTarget is null) _entries[path] = new Entry(stamp.Item1, stamp.Item2, result, list);
        return result;
    }
}
