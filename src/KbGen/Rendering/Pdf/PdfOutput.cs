using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Pdf;

/// <summary>The one way PDFs are saved in KbGen: byte-identical output for identical input.
/// PDFsharp otherwise writes the current time (CreationDate/ModDate) and a random GUID as the
/// trailer /ID.</summary>
public static partial class PdfOutput
{
    /// <summary>Saves with pinned dates and document ID. <paramref name="timestamp"/> is
    /// SOURCE_DATE_EPOCH or the content's date, never "now". <paramref name="identity"/> (for
    /// example the output path or topic id) makes the /ID differ between documents that share
    /// metadata; the ID is derived from it, the metadata and the page count.</summary>
    public static void Save(PdfDocument document, Stream stream, DateTimeOffset timestamp, string? identity = null)
    {
        using var buffer = new MemoryStream(64 * 1024);
        SaveTo(document, buffer, timestamp, identity);
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static byte[] ToBytes(PdfDocument document, DateTimeOffset timestamp, string? identity = null)
    {
        using var buffer = new MemoryStream(64 * 1024);
        SaveTo(document, buffer, timestamp, identity);
        return buffer.ToArray();
    }

    /// <summary>Saves into <paramref name="buffer"/> (which must be empty) and patches it in place,
    /// without copies of the whole file. A caller that makes many PDFs can reuse one buffer, so
    /// that its large arrays are not allocated (and collected) per PDF.</summary>
    public static void SaveTo(PdfDocument document, MemoryStream buffer, DateTimeOffset timestamp, string? identity = null)
    {
        if (buffer.Length != 0) throw new ArgumentException("The buffer must be empty", nameof(buffer));
        var seed = Pin(document, timestamp, identity);
        document.Save(buffer, closeStream: false);
        PatchSaveTimeValues(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), seed, timestamp);
    }

    private static string Pin(PdfDocument document, DateTimeOffset timestamp, string? identity)
    {
        // PDFsharp appends the machine's local UTC offset to any DateTime; we give it the UTC
        // wall time and fix the offset to +00'00' when patching (below).
        var utc = DateTime.SpecifyKind(timestamp.UtcDateTime, DateTimeKind.Unspecified);
        document.Info.CreationDate = utc;
        document.Info.ModificationDate = utc;

        var info = document.Info;
        var seed = string.Join("\u001f", identity, info.Title, info.Author, info.Subject, info.Keywords,
            utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture), document.PageCount);
        // The setter takes the raw bytes of the PDF string, one char per byte.
        var id = new string(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).ToArray().Select(b => (char)b).ToArray());
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        PinFontSubsetTags(document);
        return seed;
    }

    // Written by PDFsharp while saving, after any API could change them: an annotation's /NM
    // (random GUID) and /M (now), the XMP packet's xmpMM:DocumentID/InstanceID (random GUIDs),
    // and the local time-zone offset of every date. Last resort: patch them in the saved bytes with values of the same length, so
    // that every xref offset stays valid. They sit in uncompressed dictionaries and the
    // uncompressed XMP stream; the patterns are specific enough not to occur by chance in
    // compressed streams. Each pattern's value has a fixed length and sits at a fixed distance
    // from the start or end of the match (ValueStart), so that matching needs no Match objects.
    [GeneratedRegex(@"/NM\([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\)", RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationName();
    [GeneratedRegex(@"/(?:M|CreationDate|ModDate)\(D:\d{14}[-+]\d{2}'\d{2}'\)", RegexOptions.CultureInvariant)]
    private static partial Regex PdfDate();
    [GeneratedRegex(@"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}</", RegexOptions.CultureInvariant)]
    private static partial Regex XmpDate();
    [GeneratedRegex(@"<xmpMM:(?:DocumentID|InstanceID)>uuid:[0-9a-fA-F-]{36}</xmpMM:", RegexOptions.CultureInvariant)]
    private static partial Regex XmpId();

    private static void PatchSaveTimeValues(Span<byte> bytes, string seed, DateTimeOffset timestamp)
    {
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var text = chars.AsSpan(0, Encoding.Latin1.GetChars(bytes, chars));
            var utc = timestamp.UtcDateTime;
            var date = $"D:{utc:yyyyMMddHHmmss}+00'00'";
            var xmpDate = $"{utc:yyyy-MM-ddTHH:mm:ss}+00:00";
            var n = 0;
            string NextGuid() => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "#" + n++)).AsSpan(0, 16)).ToString("D");
            Replace(AnnotationName(), text, bytes, "/NM(".Length, 0, 36, NextGuid);
            Replace(PdfDate(), text, bytes, -1, ")".Length, "D:yyyyMMddHHmmss+00'00'".Length, () => date);
            Replace(XmpDate(), text, bytes, -1, "</".Length, "yyyy-MM-ddTHH:mm:ss+00:00".Length, () => xmpDate);
            Replace(XmpId(), text, bytes, -1, "</xmpMM:".Length, 36, NextGuid);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Overwrites the value of every match: it starts <paramref name="fromStart"/> chars
    /// after the match's start, or (when that is negative) ends <paramref name="fromEnd"/> chars
    /// before the match's end.</summary>
    private static void Replace(Regex regex, ReadOnlySpan<char> text, Span<byte> bytes, int fromStart, int fromEnd, int length, Func<string> value)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            var start = fromStart >= 0 ? m.Index + fromStart : m.Index + m.Length - fromEnd - length;
            var v = value();
            if (v.Length != length) throw new InvalidOperationException("Pinned value would change the file length");
            Encoding.Latin1.GetBytes(v, bytes.Slice(start, length));
        }
    }

    private static readonly Regex SubsetTag = new(@"^/[A-Z]{6}\+(.+)$", RegexOptions.CultureInvariant);

    /// <summary>PDFsharp prefixes embedded font subsets with a random six-letter tag. Replace it
    /// by one derived from the font name, numbered in object order when a font is subset twice.
    /// The Type0 font, its CID font and its descriptor share one tag, so map name to name.</summary>
    private static void PinFontSubsetTags(PdfDocument document)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var perBase = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var obj in document.Internals.GetAllObjects().OrderBy(PdfSharp.Pdf.Advanced.PdfInternals.GetObjectNumber))
        {
            if (obj is not PdfDictionary dict) continue;
            foreach (var key in new[] { "/BaseFont", "/FontName" })
            {
                if (dict.Elements[key] is not PdfName name) continue;
                var m = SubsetTag.Match(name.Value);
                if (!m.Success) continue;
                if (!renamed.TryGetValue(name.Value, out var fixedName))
                {
                    var baseName = m.Groups[1].Value;
                    var n = perBase[baseName] = perBase.GetValueOrDefault(baseName) + 1;
                    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(baseName + "#" + n));
                    fixedName = "/" + new string(hash.Take(6).Select(b => (char)('A' + b % 26)).ToArray()) + "+" + baseName;
                    renamed[name.Value] = fixedName;
                }
                dict.Elements[key] = new PdfName(fixedName);
            }
        }
    }
}
