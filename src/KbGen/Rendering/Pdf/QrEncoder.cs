using System.Numerics;

namespace KbGen.Rendering.Pdf;

/// <summary>QR codes (ISO/IEC 18004) of versions 1-11 at error correction level M, as module
/// matrices. It makes the matrix QRCoder 1.8.1 makes for the same Latin-1 text (the same mode
/// segmentation, the standard's Annex J heuristic; the same penalty scoring and choice of mask),
/// which a test checks against QRCoder, in a third of the time: QRCoder took a fifth of a
/// patient handout's time, half of it scoring the eight masks, which here works on rows and
/// columns as bit sets.</summary>
internal static class QrEncoder
{
    private enum Mode { Numeric = 1, Alphanumeric = 2, Byte = 4 }

    private const string AlphanumericChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    /// <summary>Per version 1-11 at level M: error correction codewords per block, then the blocks
    /// and data codewords per block of the two block groups.</summary>
    private static readonly (int Ecc, int Blocks1, int Data1, int Blocks2, int Data2)[] LevelM =
    [
        (10, 1, 16, 0, 0), (16, 1, 28, 0, 0), (26, 1, 44, 0, 0), (18, 2, 32, 0, 0), (24, 2, 43, 0, 0), (16, 4, 27, 0, 0),
        (18, 4, 31, 0, 0), (22, 2, 38, 2, 39), (22, 3, 36, 2, 37), (26, 4, 43, 1, 44), (30, 1, 50, 4, 51),
    ];

    /// <summary>The modules, row by row (true: dark), without the quiet zone; the number of
    /// modules per side; the version. Null for text that is not Latin-1 or needs a version above
    /// 11 (more than 251 characters): a row of modules then no longer fits a ulong.</summary>
    public static (bool[] Modules, int Size, int Version)? Encode(string text)
    {
        foreach (var c in text)
            if (c > 0xFF) return null;
        if (ChooseVersion(text) is not { } version) return null;
        var codewords = Interleave(DataCodewords(text, version), version);
        var size = 17 + 4 * version;
        var modules = new bool[size * size];
        var function = new bool[size * size];
        DrawFunctionPatterns(modules, function, size, version);
        PlaceData(modules, function, size, codewords);

        // Each mask scored on rows and columns as bit sets (a row fits a ulong up to version 11).
        var masks = MaskPatterns(version, function, size);
        Span<ulong> rows = stackalloc ulong[size], columns = stackalloc ulong[size];
        Span<ulong> baseRows = stackalloc ulong[size], baseColumns = stackalloc ulong[size];
        Pack(modules, size, baseRows, baseColumns);
        var best = -1;
        var bestScore = int.MaxValue;
        for (var mask = 0; mask < 8; mask++)
        {
            for (var i = 0; i < size; i++) (rows[i], columns[i]) = (baseRows[i] ^ masks[mask].Rows[i], baseColumns[i] ^ masks[mask].Columns[i]);
            var bits = FormatBits(mask);
            foreach (var (r, c, b) in FormatPositions(size))
            {
                var dark = ((bits >> b) & 1) != 0;
                rows[r] = dark ? rows[r] | 1UL << c : rows[r] & ~(1UL << c);
                columns[c] = dark ? columns[c] | 1UL << r : columns[c] & ~(1UL << r);
            }
            var score = Penalty(rows, columns, size);
            if (score < bestScore) (best, bestScore) = (mask, score);
        }
        DrawFormat(modules, size, best);
        for (var i = 0; i < modules.Length; i++) modules[i] ^= masks[best].Modules[i];
        return (modules, size, version);
    }

    // Segmentation: the heuristic of ISO/IEC 18004 Annex J, with QRCoder's thresholds.

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsAlphanumeric(char c) => AlphanumericChars.Contains(c);
    private static int Breakpoint(int version, int upTo9, int from10) => version < 10 ? upTo9 : from10;

    private static int Run(string text, int at, Func<char, bool> accepts)
    {
        var n = 0;
        while (at + n < text.Length && accepts(text[at + n])) n++;
        return n;
    }

    private static List<(Mode Mode, int Start, int Length)> Segments(string text, int version)
    {
        var segments = new List<(Mode, int, int)>();
        if (text.Length == 0) return segments;
        var mode = InitialMode(text, 0, version);
        var at = 0;
        do
        {
            var (end, next) = mode switch
            {
                Mode.Byte => ByteEnd(text, at, version),
                Mode.Alphanumeric => AlphanumericEnd(text, at, version),
                _ => NumericEnd(text, at, version),
            };
            segments.Add((mode, at, end - at));
            at = end;
            mode = next;
        } while (at < text.Length);
        return segments;
    }

    private static Mode InitialMode(string text, int at, int version)
    {
        if (!IsAlphanumeric(text[at])) return Mode.Byte;
        if (IsDigit(text[at]))
        {
            var digits = Run(text, at, IsDigit);
            var after = at + digits;
            if (digits < Breakpoint(version, 4, 4) && after < text.Length && !IsAlphanumeric(text[after])) return Mode.Byte;
            if (digits < Breakpoint(version, 7, 8) && after < text.Length && IsAlphanumeric(text[after])) return Mode.Alphanumeric;
            return Mode.Numeric;
        }
        var run = Run(text, at, IsAlphanumeric);
        return run < Breakpoint(version, 6, 7) && at + run < text.Length && !IsAlphanumeric(text[at + run]) ? Mode.Byte : Mode.Alphanumeric;
    }

    private static (int End, Mode Next) ByteEnd(string text, int at, int version)
    {
        for (var i = at; i < text.Length; i++)
        {
            if (Run(text, i, IsDigit) >= Breakpoint(version, 6, 8)) return (i, Mode.Numeric);
            if (Run(text, i, IsAlphanumeric) >= Breakpoint(version, 11, 15)) return (i, Mode.Alphanumeric);
        }
        return (text.Length, Mode.Byte);
    }

    private static (int End, Mode Next) AlphanumericEnd(string text, int at, int version)
    {
        for (var i = at; i < text.Length; i++)
        {
            if (!IsAlphanumeric(text[i])) return (i, Mode.Byte);
            if (Run(text, i, IsDigit) >= Breakpoint(version, 13, 15)) return (i, Mode.Numeric);
        }
        return (text.Length, Mode.Alphanumeric);
    }

    private static (int End, Mode Next) NumericEnd(string text, int at, int version)
    {
        for (var i = at; i < text.Length; i++)
            if (!IsDigit(text[i])) return (i, InitialMode(text, i, version));
        return (text.Length, Mode.Numeric);
    }

    private static int CountBits(Mode mode, int version) => mode switch
    {
        Mode.Numeric => version < 10 ? 10 : 12,
        Mode.Alphanumeric => version < 10 ? 9 : 11,
        _ => version < 10 ? 8 : 16,
    };

    private static int Bits(List<(Mode Mode, int Start, int Length)> segments, int version) => segments.Sum(s => 4 + CountBits(s.Mode, version) + s.Mode switch
    {
        Mode.Numeric => s.Length / 3 * 10 + (s.Length % 3 == 1 ? 4 : s.Length % 3 == 2 ? 7 : 0),
        Mode.Alphanumeric => s.Length / 2 * 11 + s.Length % 2 * 6,
        _ => 8 * s.Length,
    });

    private static int DataCapacity(int version) => LevelM[version - 1] is var v ? v.Blocks1 * v.Data1 + v.Blocks2 * v.Data2 : 0;

    /// <summary>The smallest version that holds the text, segmented as for that version's range
    /// (1-9, 10-26); null above version 11.</summary>
    private static int? ChooseVersion(string text)
    {
        foreach (var (first, last) in new[] { (1, 9), (10, LevelM.Length) })
        {
            var bits = Bits(Segments(text, first), first);
            for (var v = first; v <= last; v++)
                if (DataCapacity(v) * 8 >= bits) return v;
        }
        return null;
    }

    private static byte[] DataCodewords(string text, int version)
    {
        var data = new byte[DataCapacity(version)];
        var at = 0; // bit position
        void Put(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--, at++)
                if (((value >> i) & 1) != 0) data[at >> 3] |= (byte)(0x80 >> (at & 7));
        }
        foreach (var (mode, start, length) in Segments(text, version))
        {
            Put((int)mode, 4);
            Put(length, CountBits(mode, version));
            var s = text.AsSpan(start, length);
            switch (mode)
            {
                case Mode.Numeric:
                    for (var i = 0; i < s.Length; i += 3)
                    {
                        var n = Math.Min(3, s.Length - i);
                        Put(int.Parse(s.Slice(i, n), System.Globalization.CultureInfo.InvariantCulture), n * 3 + 1);
                    }
                    break;
                case Mode.Alphanumeric:
                    for (var i = 0; i < s.Length; i += 2)
                        if (i + 1 < s.Length) Put(AlphanumericChars.IndexOf(s[i]) * 45 + AlphanumericChars.IndexOf(s[i + 1]), 11);
                        else Put(AlphanumericChars.IndexOf(s[i]), 6);
                    break;
                default:
                    foreach (var c in s) Put(c, 8);
                    break;
            }
        }
        // Terminator and padding to a byte, then alternating pad codewords.
        for (var i = (at + 4 + 7) / 8; i < data.Length; i++) data[i] = (i - (at + 4 + 7) / 8) % 2 == 0 ? (byte)0xEC : (byte)0x11;
        return data;
    }

    /// <summary>Data codewords split into blocks, each with its Reed-Solomon codewords, interleaved.</summary>
    private static byte[] Interleave(byte[] data, int version)
    {
        var (ecc, blocks1, data1, blocks2, data2) = LevelM[version - 1];
        var blocks = new List<byte[]>();
        var at = 0;
        foreach (var (count, length) in new[] { (blocks1, data1), (blocks2, data2) })
            for (var b = 0; b < count; b++, at += length) blocks.Add(data[at..(at + length)]);
        var generator = Generator(ecc);
        var result = new List<byte>(data.Length + ecc * blocks.Count);
        for (var i = 0; i < Math.Max(data1, data2); i++)
            foreach (var block in blocks)
                if (i < block.Length) result.Add(block[i]);
        var remainders = blocks.Select(b => Remainder(b, generator)).ToList();
        for (var i = 0; i < ecc; i++)
            foreach (var r in remainders) result.Add(r[i]);
        return [.. result];
    }

    private static readonly byte[] Exp = new byte[512], Log = new byte[256];

    static QrEncoder()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = Exp[i + 255] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if (x >= 0x100) x ^= 0x11D;
        }
    }

    private static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>Coefficients of (x - α^0)(x - α^1)…(x - α^(degree-1)), highest power first, without the leading 1.</summary>
    private static byte[] Generator(int degree)
    {
        var g = new byte[degree];
        g[degree - 1] = 1;
        byte root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                g[j] = Multiply(g[j], root);
                if (j + 1 < degree) g[j] ^= g[j + 1];
            }
            root = Multiply(root, 2);
        }
        return g;
    }

    private static byte[] Remainder(byte[] data, byte[] generator)
    {
        var r = new byte[generator.Length];
        foreach (var b in data)
        {
            var factor = (byte)(b ^ r[0]);
            Array.Copy(r, 1, r, 0, r.Length - 1);
            r[^1] = 0;
            for (var i = 0; i < r.Length; i++) r[i] ^= Multiply(generator[i], factor);
        }
        return r;
    }

    // The matrix: function patterns, data in the zigzag order, masks, format and version information.

    private static void DrawFunctionPatterns(bool[] m, bool[] function, int size, int version)
    {
        void Set(int row, int col, bool dark) { m[row * size + col] = dark; function[row * size + col] = true; }
        for (var i = 0; i < size; i++)
        {
            Set(6, i, i % 2 == 0); // timing patterns
            Set(i, 6, i % 2 == 0);
        }
        foreach (var (r, c) in new[] { (3, 3), (3, size - 4), (size - 4, 3) })
            for (var dr = -4; dr <= 4; dr++)
                for (var dc = -4; dc <= 4; dc++)
                {
                    var (row, col) = (r + dr, c + dc);
                    if (row < 0 || row >= size || col < 0 || col >= size) continue;
                    var ring = Math.Max(Math.Abs(dr), Math.Abs(dc));
                    Set(row, col, ring is not (2 or 4)); // finder pattern and its light separator
                }
        var centres = AlignmentCentres(version);
        foreach (var r in centres)
            foreach (var c in centres)
            {
                if ((r == 6 && c == 6) || (r == 6 && c == size - 7) || (r == size - 7 && c == 6)) continue; // finder corners
                for (var dr = -2; dr <= 2; dr++)
                    for (var dc = -2; dc <= 2; dc++)
                        Set(r + dr, c + dc, Math.Max(Math.Abs(dr), Math.Abs(dc)) != 1);
            }
        DrawFormat(m, size, 0); // draws the dark module; the format bits are drawn again for the mask chosen
        for (var i = 0; i < 9; i++) function[8 * size + i] = function[i * size + 8] = true;
        for (var i = 0; i < 8; i++) function[8 * size + size - 1 - i] = function[(size - 1 - i) * size + 8] = true;
        if (version >= 7)
        {
            var rem = version;
            for (var i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            var bits = (version << 12) | rem;
            for (var i = 0; i < 18; i++)
            {
                var dark = ((bits >> i) & 1) != 0;
                Set(i / 3, size - 11 + i % 3, dark);
                Set(size - 11 + i % 3, i / 3, dark);
            }
        }
    }

    private static int[] AlignmentCentres(int version)
    {
        if (version == 1) return [];
        var count = version / 7 + 2;
        var last = 4 * version + 10;
        var step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
        var centres = new int[count];
        centres[0] = 6;
        for (var i = count - 1; i >= 1; i--) centres[i] = last - (count - 1 - i) * step;
        return centres;
    }

    private static int FormatBits(int mask)
    {
        var data = mask; // level M is 00
        var rem = data;
        for (var i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        return ((data << 10) | rem) ^ 0x5412;
    }

    /// <summary>Where the 15 format bits go, both copies: row, column, bit.</summary>
    private static IEnumerable<(int Row, int Col, int Bit)> FormatPositions(int size)
    {
        for (var i = 0; i <= 5; i++) yield return (i, 8, i);
        yield return (7, 8, 6);
        yield return (8, 8, 7);
        yield return (8, 7, 8);
        for (var i = 9; i < 15; i++) yield return (8, 14 - i, i);
        for (var i = 0; i < 8; i++) yield return (8, size - 1 - i, i);
        for (var i = 8; i < 15; i++) yield return (size - 15 + i, 8, i);
    }

    /// <summary>The format bits for a mask, and the dark module.</summary>
    private static void DrawFormat(bool[] m, int size, int mask)
    {
        var bits = FormatBits(mask);
        foreach (var (r, c, b) in FormatPositions(size)) m[r * size + c] = ((bits >> b) & 1) != 0;
        m[(size - 8) * size + 8] = true;
    }

    private static void PlaceData(bool[] m, bool[] function, int size, byte[] codewords)
    {
        var bit = 0;
        var upward = true;
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (right == 6) right = 5;
            for (var k = 0; k < size; k++)
            {
                var row = upward ? size - 1 - k : k;
                for (var col = right; col >= right - 1; col--)
                {
                    if (function[row * size + col]) continue;
                    if (bit < codewords.Length * 8) m[row * size + col] = ((codewords[bit >> 3] >> (7 - (bit & 7))) & 1) != 0;
                    bit++;
                }
            }
            upward = !upward;
        }
    }

    private sealed record Mask(bool[] Modules, ulong[] Rows, ulong[] Columns);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Mask[]> Masks = new();

    /// <summary>The modules each of the eight masks flips (data modules only), per version.</summary>
    private static Mask[] MaskPatterns(int version, bool[] function, int size) => Masks.GetOrAdd(version, _ =>
        [.. Enumerable.Range(0, 8).Select(mask =>
        {
            var flips = new bool[size * size];
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    flips[y * size + x] = !function[y * size + x] && mask switch
                    {
                        0 => (x + y) % 2 == 0,
                        1 => y % 2 == 0,
                        2 => x % 3 == 0,
                        3 => (x + y) % 3 == 0,
                        4 => (y / 2 + x / 3) % 2 == 0,
                        5 => x * y % 2 + x * y % 3 == 0,
                        6 => (x * y % 2 + x * y % 3) % 2 == 0,
                        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                    };
            var (rows, columns) = (new ulong[size], new ulong[size]);
            Pack(flips, size, rows, columns);
            return new Mask(flips, rows, columns);
        })]);

    /// <summary>Rows and columns as bit sets: bit c of row r and bit r of column c are module (r, c).</summary>
    private static void Pack(bool[] m, int size, Span<ulong> rows, Span<ulong> columns)
    {
        rows.Clear();
        columns.Clear();
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                var bit = m[r * size + c] ? 1UL : 0;
                rows[r] |= bit << c;
                columns[c] |= bit << r;
            }
    }

    // The finder-like patterns, module k of the pattern as bit k: dark-light-dark-dark-dark-light-dark
    // followed by four light modules, and preceded by them.
    private const int FinderThenLight = 0b00001011101, LightThenFinder = 0b10111010000;

    /// <summary>The four penalty rules as QRCoder scores them: runs of five or more, 2×2 blocks,
    /// finder-like patterns (without counting the quiet zone as light) and the dark proportion.</summary>
    private static int Penalty(ReadOnlySpan<ulong> rows, ReadOnlySpan<ulong> columns, int size)
    {
        var score = 0;
        var dark = 0;
        var pairs = (1UL << (size - 1)) - 1; // bits 0 .. size-2: a module and its next
        for (var i = 0; i < size; i++)
        {
            score += LinePenalty(rows[i], size) + LinePenalty(columns[i], size);
            dark += BitOperations.PopCount(rows[i]);
        }
        for (var r = 0; r + 1 < size; r++)
        {
            var (a, b) = (rows[r], rows[r + 1]);
            score += 3 * BitOperations.PopCount(~(a ^ (a >> 1)) & ~(a ^ b) & ~(b ^ (b >> 1)) & pairs);
        }
        var k20 = dark * 20 / (size * size);
        return score + Math.Min(Math.Abs(k20 - 10), Math.Abs(k20 - 9)) * 10;
    }

    /// <summary>Runs of five or more (3, plus 1 per module beyond five) and finder-like patterns
    /// (40 each) in one row or column.</summary>
    private static int LinePenalty(ulong line, int size)
    {
        var same = ~(line ^ (line >> 1)) & ((1UL << (size - 1)) - 1); // bit j: modules j and j+1 alike
        var five = same & (same >> 1) & (same >> 2) & (same >> 3);   // bit j: modules j..j+4 alike
        var runStarts = five & ~(same << 1);                          // ... and module j-1 not
        ulong finder = ulong.MaxValue, reversed = ulong.MaxValue;
        for (var k = 0; k < 11; k++)
        {
            var shifted = line >> k;
            finder &= ((FinderThenLight >> k) & 1) != 0 ? shifted : ~shifted;
            reversed &= ((LightThenFinder >> k) & 1) != 0 ? shifted : ~shifted;
        }
        var starts = (1UL << (size - 10)) - 1; // a pattern starts at module 0 .. size-11
        return BitOperations.PopCount(five) + 2 * BitOperations.PopCount(runStarts)
            + 40 * (BitOperations.PopCount(finder & starts) + BitOperations.PopCount(reversed & starts));
    }
}
