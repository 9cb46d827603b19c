using System.Buffers.Binary;

namespace KbGen.Rendering.Pdf;

/// <summary>A TrueType font cut down to the glyphs of some characters: glyph outlines, hinting
/// programs and horizontal metrics copied unchanged, glyphs renumbered in their original order.
/// PDFsharp embeds every font as a subset, but its subset keeps the source font's loca and hmtx
/// tables whole (8 bytes per glyph: 50 KB for DejaVu Sans' 6,253 glyphs), which it assembles and
/// compresses again for each font of each PDF. Handed a font of a few hundred glyphs, it has a
/// tenth of that to do.</summary>
internal static class TrueTypeSubset
{
    /// <summary>The subset font and the characters it maps; null when the font is not a single
    /// TrueType font with glyf outlines (an OpenType/CFF font or a collection) or cannot be read.</summary>
    public static (byte[] Font, IReadOnlySet<int> Characters)? Create(byte[] font, IEnumerable<int> characters)
    {
        try { return Subset(font, characters); }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or KeyNotFoundException) { return null; }
    }

    private static (byte[] Font, IReadOnlySet<int> Characters)? Subset(byte[] font, IEnumerable<int> characters)
    {
        var tables = ReadDirectory(font);
        if (tables is null || !new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap", "OS/2", "post", "name" }.All(tables.ContainsKey))
            return null;
        ReadOnlySpan<byte> T(string tag) => font.AsSpan(tables[tag].Offset, tables[tag].Length);

        var numGlyphs = U16(T("maxp"), 4);
        var longLoca = S16(T("head"), 50) == 1;
        var loca = new int[numGlyphs + 1];
        for (var g = 0; g <= numGlyphs; g++)
            loca[g] = longLoca ? (int)U32(T("loca"), 4 * g) : 2 * U16(T("loca"), 2 * g);
        var glyf = font.AsMemory(tables["glyf"].Offset, tables["glyf"].Length);

        // .notdef, the characters' glyphs and the components of composite glyphs.
        var cmap = CharacterMap(T("cmap"));
        if (cmap is null) return null;
        var mapped = new SortedDictionary<int, int>();
        foreach (var c in characters)
            if (c <= 0xFFFF && cmap(c) is var g && g > 0 && g < numGlyphs) mapped[c] = g;
        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>(mapped.Values);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (!keep.Add(g)) continue;
            foreach (var component in Components(glyf.Span[loca[g]..loca[g + 1]]))
                if (component < numGlyphs && !keep.Contains(component)) pending.Push(component);
        }
        var order = keep.ToArray();
        var newId = new Dictionary<int, int>(order.Length);
        for (var i = 0; i < order.Length; i++) newId[order[i]] = i;

        // glyf and loca (long offsets), each glyph 4-byte aligned.
        var newGlyf = new MemoryStream();
        var newLoca = new byte[4 * (order.Length + 1)];
        for (var i = 0; i < order.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * i), (uint)newGlyf.Length);
            var data = glyf.Span[loca[order[i]]..loca[order[i] + 1]].ToArray();
            RenumberComponents(data, newId);
            newGlyf.Write(data);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * order.Length), (uint)newGlyf.Length);

        // hmtx with a full metric for every glyph.
        var hmtx = T("hmtx");
        var numberOfHMetrics = U16(T("hhea"), 34);
        var newHmtx = new byte[4 * order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var g = order[i];
            var advance = U16(hmtx, 4 * Math.Min(g, numberOfHMetrics - 1));
            var lsb = g < numberOfHMetrics ? U16(hmtx, 4 * g + 2) : U16(hmtx, 4 * numberOfHMetrics + 2 * (g - numberOfHMetrics));
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(4 * i), advance);
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(4 * i + 2), lsb);
        }

        var head = T("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        var hhea = T("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)order.Length);
        var maxp = T("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)order.Length);
        // post format 3: the same header without glyph names, which are per glyph.
        var post = T("post")[..32].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = Cmap4(mapped.Select(kv => (kv.Key, newId[kv.Value])).ToList()),
            ["glyf"] = newGlyf.ToArray(), ["head"] = head, ["hhea"] = hhea, ["hmtx"] = newHmtx,
            ["loca"] = newLoca, ["maxp"] = maxp, ["post"] = post,
            ["OS/2"] = T("OS/2").ToArray(),
        };
        if (DistinctFullName(T("name")) is not { } name) return null;
        output["name"] = name;
        // The hinting programs do not depend on glyph numbers.
        foreach (var tag in new[] { "cvt ", "fpgm", "prep" })
            if (tables.ContainsKey(tag)) output[tag] = T(tag).ToArray();
        return (Write(output), mapped.Keys.ToHashSet());
    }

    /// <summary>The name table with a space after each Unicode full name (name ID 4). PDFsharp keys
    /// fonts by full name (the US English one), and refuses two fonts of one name with different
    /// bytes; it trims the space from the font name it writes into the PDF, which so stays that of
    /// the whole font. Null for a table it cannot rewrite (not format 0) or without that name.</summary>
    private static byte[]? DistinctFullName(ReadOnlySpan<byte> name)
    {
        if (U16(name, 0) != 0) return null;
        var count = U16(name, 2);
        var storage = U16(name, 4);
        var hasKey = false;
        for (var i = 0; i < count; i++)
            hasKey |= U16(name, 6 + 12 * i) is 0 or 3 && U16(name, 6 + 12 * i + 4) == 1033 && U16(name, 6 + 12 * i + 6) == 4;
        if (!hasKey) return null;
        var strings = new MemoryStream();
        var table = new byte[6 + 12 * count];
        name[..6].CopyTo(table);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(4), (ushort)table.Length);
        for (var i = 0; i < count; i++)
        {
            var record = name.Slice(6 + 12 * i, 12);
            var (platform, nameId, length, offset) = (U16(record, 0), U16(record, 6), U16(record, 8), U16(record, 10));
            var text = name.Slice(storage + offset, length).ToArray();
            if (nameId == 4 && platform is 0 or 3) text = [.. text, 0, (byte)' '];
            record.CopyTo(table.AsSpan(6 + 12 * i));
            BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(6 + 12 * i + 8), (ushort)text.Length);
            BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(6 + 12 * i + 10), (ushort)strings.Length);
            strings.Write(text);
        }
        return [.. table, .. strings.ToArray()];
    }

    private static Dictionary<string, (int Offset, int Length)>? ReadDirectory(byte[] font)
    {
        if (font.Length < 12 || U32(font, 0) is not (0x00010000 or 0x74727565)) return null; // 1.0 or 'true'
        var count = U16(font, 4);
        if (font.Length < 12 + 16 * count) return null;
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var at = 12 + 16 * i;
            var tag = System.Text.Encoding.ASCII.GetString(font, at, 4);
            var offset = U32(font, at + 8);
            var length = U32(font, at + 12);
            if (offset + (long)length > font.Length) return null;
            tables[tag] = ((int)offset, (int)length);
        }
        return tables;
    }

    /// <summary>Character → glyph from the Windows Unicode subtable (format 4 or 12).</summary>
    private static Func<int, int>? CharacterMap(ReadOnlySpan<byte> cmap)
    {
        var count = U16(cmap, 2);
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var at = 4 + 8 * i;
            var (platform, encoding, offset) = (U16(cmap, at), U16(cmap, at + 2), (int)U32(cmap, at + 4));
            if (platform != 3 || offset >= cmap.Length) continue;
            if (encoding == 1 && U16(cmap, offset) == 4) format4 = offset;
            if (encoding == 10 && U16(cmap, offset) == 12) format12 = offset;
        }
        var table = cmap.ToArray();
        if (format12 is { } f12)
        {
            var groups = (int)U32(table, f12 + 12);
            return c =>
            {
                for (var g = 0; g < groups; g++)
                {
                    var at = f12 + 16 + 12 * g;
                    if (c >= U32(table, at) && c <= U32(table, at + 4)) return (int)(U32(table, at + 8) + (uint)c - U32(table, at));
                }
                return 0;
            };
        }
        if (format4 is not { } f4) return null;
        var segments = U16(table, f4 + 6) / 2;
        int End(int s) => U16(table, f4 + 14 + 2 * s);
        int Start(int s) => U16(table, f4 + 16 + 2 * segments + 2 * s);
        int Delta(int s) => U16(table, f4 + 16 + 4 * segments + 2 * s);
        int RangeOffsetAt(int s) => f4 + 16 + 6 * segments + 2 * s;
        return c =>
        {
            for (var s = 0; s < segments; s++)
            {
                if (c > End(s)) continue;
                if (c < Start(s)) return 0;
                var rangeOffset = U16(table, RangeOffsetAt(s));
                if (rangeOffset == 0) return (c + Delta(s)) & 0xFFFF;
                var at = RangeOffsetAt(s) + rangeOffset + 2 * (c - Start(s));
                var g = at + 1 < table.Length ? U16(table, at) : 0;
                return g == 0 ? 0 : (g + Delta(s)) & 0xFFFF;
            }
            return 0;
        };
    }

    // Composite glyph flags.
    private const int ArgsAreWords = 0x1, HaveScale = 0x8, MoreComponents = 0x20, HaveXYScale = 0x40, HaveTwoByTwo = 0x80;

    /// <summary>Offsets of the glyph indices of a composite glyph's components (none for a simple glyph).</summary>
    private static List<int> ComponentOffsets(ReadOnlySpan<byte> glyph)
    {
        var offsets = new List<int>();
        if (glyph.Length < 10 || S16(glyph, 0) >= 0) return offsets;
        var at = 10;
        int flags;
        do
        {
            flags = U16(glyph, at);
            offsets.Add(at + 2);
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HaveScale) != 0 ? 2 : (flags & HaveXYScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
        } while ((flags & MoreComponents) != 0 && at + 4 <= glyph.Length);
        return offsets;
    }

    private static IEnumerable<int> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<int>();
        foreach (var at in ComponentOffsets(glyph)) result.Add(U16(glyph, at));
        return result;
    }

    private static void RenumberComponents(byte[] glyph, Dictionary<int, int> newId)
    {
        foreach (var at in ComponentOffsets(glyph))
            BinaryPrimitives.WriteUInt16BigEndian(glyph.AsSpan(at), (ushort)newId[U16(glyph, at)]);
    }

    /// <summary>A cmap with one Windows Unicode BMP subtable (format 4): one segment per run of
    /// consecutive characters with consecutive glyphs, so every segment is a plain delta.</summary>
    private static byte[] Cmap4(List<(int Char, int Glyph)> map)
    {
        var segments = new List<(int Start, int End, int Delta)>();
        foreach (var (c, g) in map)
        {
            if (segments.Count > 0 && segments[^1] is var last && c == last.End + 1 && g - c == last.Delta)
                segments[^1] = last with { End = c };
            else segments.Add((c, c, g - c));
        }
        segments.Add((0xFFFF, 0xFFFF, 1)); // required last segment
        var n = segments.Count;
        var length = 16 + 8 * n;
        var table = new byte[12 + length];
        var s = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1); // version 0, one subtable
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3); // Windows
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 1); // Unicode BMP
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);
        var sub = s[12..];
        var searchRange = 2 * (1 << (int)Math.Log2(n));
        BinaryPrimitives.WriteUInt16BigEndian(sub, 4);
        BinaryPrimitives.WriteUInt16BigEndian(sub[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(sub[6..], (ushort)(2 * n));
        BinaryPrimitives.WriteUInt16BigEndian(sub[8..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(sub[10..], (ushort)Math.Log2(searchRange / 2));
        BinaryPrimitives.WriteUInt16BigEndian(sub[12..], (ushort)(2 * n - searchRange));
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(sub[(14 + 2 * i)..], (ushort)segments[i].End);
            BinaryPrimitives.WriteUInt16BigEndian(sub[(16 + 2 * n + 2 * i)..], (ushort)segments[i].Start);
            BinaryPrimitives.WriteUInt16BigEndian(sub[(16 + 4 * n + 2 * i)..], (ushort)(segments[i].Delta & 0xFFFF));
            // idRangeOffset stays 0
        }
        return table;
    }

    /// <summary>The font file: table directory sorted by tag, tables 4-byte aligned, checksums and
    /// head.checkSumAdjustment as the format asks.</summary>
    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var n = tables.Count;
        var size = 12 + 16 * n + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        var s = font.AsSpan();
        var searchRange = 16 * (1 << (int)Math.Log2(n));
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)n);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)Math.Log2(searchRange / 16));
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)(16 * n - searchRange));
        var at = 12 + 16 * n;
        var i = 0;
        var headAt = 0;
        foreach (var (tag, data) in tables)
        {
            var record = s[(12 + 16 * i++)..];
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(s[at..]);
            if (tag == "head") headAt = at;
            at += (data.Length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(s[(headAt + 8)..], 0xB1B0AFBA - Checksum(font));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var k = 0; k < 4; k++) word = (word << 8) | (i + k < data.Length ? data[i + k] : 0u);
            sum += word;
        }
        return sum;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b[at..]);
    private static short S16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadInt16BigEndian(b[at..]);
    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
