using System.Security.Cryptography;
using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Cache;
using KbGen.Output;

namespace KbGen.Tests.Building;

/// <summary>A content file is read and hashed again whenever its bytes can have changed: its
/// statx stamp vouches for its last hash only while size, modified and changed times, inode and
/// device are all unchanged, and only if it had settled before it was read.</summary>
public sealed class ContentHashTests
{
    // Far enough ahead that every file written by a test has settled.
    private static long Later() => KnownHash.NowNs() + 60_000_000_000;

    private static string Read(ParseCache cache, string path) =>
        cache.GetOrRead(path, new DiagnosticBag(), _ => File.ReadAllText(path))!;

    [Fact]
    public void An_unchanged_settled_file_is_not_read_again()
    {
        using var tmp = new KbGen.Tests.Site.TempDir("hashes");
        var a = tmp.Combine("a.yaml");
        File.WriteAllText(a, "title: one\n");
        var cache = new ParseCache(null, null, Later);
        Assert.Equal("title: one\n", Read(cache, a));
        Assert.Equal("title: one\n", Read(cache, a));
        Assert.Equal(1, cache.HashesVouched);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(a)), cache.HashOfParsed(a));
    }

    [Fact]
    public void A_same_length_edit_with_its_old_modified_time_put_back_is_seen()
    {
        using var tmp = new KbGen.Tests.Site.TempDir("hashes");
        var a = tmp.Combine("a.yaml");
        File.WriteAllText(a, "title: one\n");
        var mtime = File.GetLastWriteTimeUtc(a);
        var cache = new ParseCache(null, null, Later);
        Assert.Equal("title: one\n", Read(cache, a));

        File.WriteAllText(a, "title: two\n"); // same length
        File.SetLastWriteTimeUtc(a, mtime);   // and the same modified time; the change time moves on
        Assert.Equal("title: two\n", Read(cache, a));
        Assert.Equal(0, cache.HashesVouched);
    }

    [Fact]
    public void A_file_replaced_by_another_with_the_same_size_and_times_is_seen()
    {
        using var tmp = new KbGen.Tests.Site.TempDir("hashes");
        var a = tmp.Combine("a.yaml");
        var b = tmp.Combine("b.tmp");
        File.WriteAllText(a, "title: one\n");
        File.WriteAllText(b, "title: two\n");
        File.SetLastWriteTimeUtc(b, File.GetLastWriteTimeUtc(a));
        var cache = new ParseCache(null, null, Later);
        Assert.Equal("title: one\n", Read(cache, a));
        Posix.Rename(b, a); // another inode under the same name
        Assert.Equal("title: two\n", Read(cache, a));
    }

    [Fact]
    public void A_file_modified_shortly_before_it_was_read_is_read_again_until_it_has_settled()
    {
        Assert.True(Posix.Statx(typeof(ContentHashTests).Assembly.Location, out var stamp));
        var hash = new byte[32];
        var justAfter = stamp.ModifiedNs + 1_000_000_000;
        var wellAfter = Math.Max(stamp.ModifiedNs, stamp.ChangedNs) + KnownHash.Settle + 1;
        Assert.False(new KnownHash(stamp, hash, justAfter).VouchesFor(stamp, KnownHash.NowNs()));
        Assert.True(new KnownHash(stamp, hash, wellAfter).VouchesFor(stamp, wellAfter));
        // Nothing else about the file may differ; and a clock set back vouches for nothing.
        Assert.False(new KnownHash(stamp, hash, wellAfter).VouchesFor(stamp with { Size = stamp.Size + 1 }, wellAfter));
        Assert.False(new KnownHash(stamp, hash, wellAfter).VouchesFor(stamp with { Inode = stamp.Inode + 1 }, wellAfter));
        Assert.False(new KnownHash(stamp, hash, wellAfter).VouchesFor(stamp with { ChangedNs = stamp.ChangedNs + 1 }, wellAfter));
        Assert.False(new KnownHash(stamp, hash, wellAfter).VouchesFor(stamp, wellAfter - 1));
    }

    [Fact]
    public void Hashes_are_kept_between_processes_and_a_damaged_file_of_them_is_ignored()
    {
        using var tmp = new KbGen.Tests.Site.TempDir("hashes");
        var a = tmp.Combine("a.yaml");
        var gone = tmp.Combine("gone.yaml");
        var store = tmp.Combine("out.hashes");
        File.WriteAllText(a, "title: one\n");
        File.WriteAllText(gone, "title: gone\n");
        var first = new ParseCache(null, store, Later);
        Read(first, a);
        Read(first, gone);
        first.SaveHashes();

        File.Delete(gone);
        var second = new ParseCache(null, store, Later);
        Assert.Equal("title: one\n", Read(second, a));
        Assert.Equal(1, second.HashesVouched);
        second.SaveHashes();
        Assert.Equal([a], HashStore.Read(store).Keys); // only the files of the last build

        var bytes = File.ReadAllBytes(store);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(store, bytes);
        Assert.Empty(HashStore.Read(store));
        var third = new ParseCache(null, store, Later);
        Assert.Equal("title: one\n", Read(third, a));
        Assert.Equal(0, third.HashesVouched);

        File.WriteAllText(store, "kbgen-hashes 1\n");
        Assert.Empty(HashStore.Read(store));
        File.WriteAllBytes(store, Encoding.ASCII.GetBytes("something else entirely, long enough to hold a checksum"));
        Assert.Empty(HashStore.Read(store));
    }
}
