using System.Security.Cryptography;
using System.Text;
using KbGen.Output;

namespace KbGen.Loading.Cache;

/// <summary>`.kbgen-cache/&lt;output&gt;.hashes`: the <see cref="KnownHash"/> of every content file
/// of the last `kbgen build`, so that the next one reads only the files whose stamps changed.
/// Checksummed; a file that is missing, damaged or of another format is ignored (every content
/// file is then read and hashed, as without it). Writing it never fails a build.</summary>
internal static class HashStore
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("kbgen-hashes 1\n");

    public static Dictionary<string, KnownHash> Read(string path)
    {
        var result = new Dictionary<string, KnownHash>(StringComparer.Ordinal);
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < Header.Length + 32 || !bytes.AsSpan().StartsWith(Header)) return result;
            var body = bytes.AsSpan(0, bytes.Length - 32);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32))) return result;
            using var ms = new MemoryStream(bytes, Header.Length, body.Length - Header.Length, writable: false);
            using var r = new CacheReader(ms);
            var n = r.ReadInt32();
            if (n < 0 || n > 10_000_000) return result;
            for (var i = 0; i < n; i++)
            {
                var file = r.ReadString();
                var stamp = new Posix.StatxInfo(r.ReadUInt16(), r.ReadUInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadUInt64());
                var hash = r.ReadBytes(32);
                if (hash.Length != 32) return [];
                result[file] = new KnownHash(stamp, hash, r.ReadInt64());
            }
            return ms.Position == ms.Length ? result : [];
        }
        // (The checksum has already passed: anything else is a file this version did not write.)
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException) { return []; }
    }

    public static void Write(string path, IEnumerable<KeyValuePair<string, KnownHash>> entries)
    {
        var tmp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            var list = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            using var ms = new MemoryStream();
            ms.Write(Header);
            using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(list.Count);
                foreach (var (file, known) in list)
                {
                    w.Write(file);
                    var s = known.Stamp;
                    w.Write(s.Mode); w.Write(s.Inode); w.Write(s.Size); w.Write(s.ChangedNs); w.Write(s.ModifiedNs); w.Write(s.Device);
                    w.Write(known.Hash);
                    w.Write(known.ReadAtNs);
                }
            }
            ms.Write(SHA256.HashData(ms.GetBuffer().AsSpan(0, (int)ms.Length)));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(tmp, ms.GetBuffer().AsSpan(0, (int)ms.Length));
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
