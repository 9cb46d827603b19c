using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Tests.Support;

namespace KbGen.Tests.Building;

/// <summary>serve keeps parsed files between rebuilds: unchanged files are reused with their
/// diagnostics, a changed file is read again, and the model is the same as a fresh load.</summary>
public sealed class ParseCacheTests
{
    [Fact]
    public void Unchanged_files_are_reused_and_changed_ones_read_again()
    {
        using var tree = ContentTree.Valid();
        var cache = new ParseCache();
        var first = ContentLoader.Load(tree.Content, new DiagnosticBag(), cache)!;
        Assert.Equal(0, cache.Hits);
        var misses = cache.Misses;

        var second = ContentLoader.Load(tree.Content, new DiagnosticBag(), cache)!;
        Assert.Equal(misses, cache.Hits);
        Assert.Same(first.Topics[0], second.Topics[0]);

        var path = Path.Combine(tree.Content, "topics", "topic-a.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("Topic A", "Topic A, edited"));
        var third = ContentLoader.Load(tree.Content, new DiagnosticBag(), cache)!;
        Assert.Equal("Topic A, edited", third.Topics[0].Title);
        Assert.Same(first.References[0], third.References[0]);
    }

    [Fact]
    public void A_same_length_edit_with_the_old_modification_time_is_still_seen()
    {
        using var tree = ContentTree.Valid();
        var cache = new ParseCache();
        var path = Path.Combine(tree.Content, "topics", "topic-a.yaml");
        var stamp = File.GetLastWriteTimeUtc(path);
        ContentLoader.Load(tree.Content, new DiagnosticBag(), cache);

        File.WriteAllText(path, File.ReadAllText(path).Replace("Topic A", "Topic B"));
        File.SetLastWriteTimeUtc(path, stamp);
        var again = ContentLoader.Load(tree.Content, new DiagnosticBag(), cache)!;
        Assert.Equal("Topic B", again.Topics[0].Title);
    }

    [Fact]
    public void A_cached_file_brings_its_diagnostics_back()
    {
        using var tree = ContentTree.Valid();
        var path = Path.Combine(tree.Content, "topics", "topic-a.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: Topic A", "titel: Topic A"));
        var cache = new ParseCache();
        var fresh = new DiagnosticBag();
        ContentLoader.Load(tree.Content, fresh, cache);
        var again = new DiagnosticBag();
        ContentLoader.Load(tree.Content, again, cache);
        Assert.True(cache.Hits > 0);
        Assert.Equal(fresh.Sorted(), again.Sorted());
        Assert.Contains(again.Sorted(), d => d.Code == "KB2001");
    }
}
