using System.Text;
using FsCheck;
using FsCheck.Fluent;
using KbGen.Loading.Cache;

namespace KbGen.Tests.Building;

/// <summary>The cache files' reader reads strings as BinaryWriter wrote them, exactly as
/// BinaryReader would, and a damaged length fails as a read past the end, not as a huge rent.</summary>
public sealed class CacheReaderTests
{
    private static byte[] Written(IEnumerable<string> strings, int trailingInt = 42)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var s in strings) w.Write(s);
            w.Write(trailingInt);
        }
        return ms.ToArray();
    }

    private static (List<string> Strings, int Tail) ReadWith(Func<Stream, BinaryReader> open, byte[] bytes, int count)
    {
        using var ms = new MemoryStream(bytes);
        using var r = open(ms);
        var list = new List<string>();
        for (var i = 0; i < count; i++) list.Add(r.ReadString());
        return (list, r.ReadInt32());
    }

    [Fact]
    public void Strings_of_every_length_and_script_read_back_as_BinaryReader_reads_them()
    {
        var strings = new List<string> { "", "a", new('x', 127), new('x', 128), new('y', 129), new('z', 5000),
            "Überweisung – naïve café", "Ω≥½ → ✓", "😀 pain 😀", new string('é', 100), new string('€', 300) };
        var bytes = Written(strings);
        var expected = ReadWith(s => new BinaryReader(s, Encoding.UTF8), bytes, strings.Count);
        var actual = ReadWith(s => new CacheReader(s), bytes, strings.Count);
        Assert.Equal(strings, actual.Strings);
        Assert.Equal(expected.Strings, actual.Strings);
        Assert.Equal(42, actual.Tail);
    }

    [Fact]
    public void Any_strings_read_back_unchanged()
    {
        var property = Prop.ForAll(Arb.From(Gen.ListOf(ArbMap.Default.GeneratorFor<string>()).Select(l => l.ToList())), raw =>
        {
            // Lone surrogates do not survive UTF-8 in either reader; what the cache writes never holds them.
            var strings = raw.Select(s => s is null ? "" : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s))).ToList();
            var bytes = Written(strings, 7);
            var (actual, tail) = ReadWith(s => new CacheReader(s), bytes, strings.Count);
            return actual.SequenceEqual(strings) && tail == 7;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void A_length_past_the_end_of_the_data_is_a_read_past_the_end()
    {
        var bytes = Written(["hello"]);
        bytes[0] = 0xFF; bytes[1] = 0xFF; bytes[2] = 0xFF; bytes[3] = 0xFF; bytes[4] = 0x07; // 2^31-1 as a 7-bit length
        Assert.Throws<EndOfStreamException>(() => ReadWith(s => new CacheReader(s), bytes, 1));

        var truncated = Written([new string('q', 300)])[..100];
        Assert.Throws<EndOfStreamException>(() => ReadWith(s => new CacheReader(s), truncated, 1));
    }
}
