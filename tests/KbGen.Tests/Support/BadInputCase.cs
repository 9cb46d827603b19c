using System.Globalization;
using System.Text;

namespace KbGen.Tests.Support;

/// <summary>One case of tests/bad-input/: base/content copied first, then the case's content/
/// overlaid, then the steps of its generate.txt run (inputs too big, too odd or too unsafe to
/// commit). Steps, one a line, paths relative to the content folder:
/// <code>
/// delete PATH                 remove a file or folder of the base
/// dir PATH                    create a folder (e.g. where a file is expected)
/// symlink PATH TARGET         a symbolic link (TARGET as written; may dangle)
/// bigfile PATH BYTES          a file of BYTES bytes of valid YAML comment lines
/// replace PATH TEXT HEX       replace the first TEXT in the file with raw bytes (e.g. invalid UTF-8)
/// deep PATH N                 "id: deep\ntags: " then N '[' and N ']'
/// bom PATH                    prefix a UTF-8 byte order mark
/// crlf PATH | cr PATH         line ends CRLF | CR only
/// mixed PATH                  CRLF on odd lines, LF on even lines
/// png PATH WIDTH HEIGHT       a PNG signature and IHDR header with that size
/// </code></summary>
public static class BadInputCase
{
    public static string CorpusRoot => RepoRoot.Combine("tests", "bad-input");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateDirectories(CorpusRoot)
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => n != "base" && !n.StartsWith('.'))
            .OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>Builds the case's content folder under <paramref name="workDir"/> and returns it.</summary>
    public static string Materialise(string name, string workDir)
    {
        var caseDir = Path.Combine(CorpusRoot, name);
        var content = Path.Combine(workDir, "content");
        if (!File.Exists(Path.Combine(caseDir, "no-base")))
            RepoRoot.CopyTree(Path.Combine(CorpusRoot, "base", "content"), content);
        Directory.CreateDirectory(content);
        if (Directory.Exists(Path.Combine(caseDir, "content")))
            RepoRoot.CopyTree(Path.Combine(caseDir, "content"), content);
        var gen = Path.Combine(caseDir, "generate.txt");
        if (File.Exists(gen))
            foreach (var raw in File.ReadAllLines(gen))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                Run(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), content);
            }
        return content;
    }

    private static void Run(string[] a, string content)
    {
        string P(string rel) => Path.Combine(content, rel.Replace('/', Path.DirectorySeparatorChar));
        void Parent(string rel) => Directory.CreateDirectory(Path.GetDirectoryName(P(rel))!);
        switch (a[0])
        {
            case "delete":
                if (Directory.Exists(P(a[1]))) Directory.Delete(P(a[1]), true); else File.Delete(P(a[1]));
                break;
            case "dir":
                if (File.Exists(P(a[1]))) File.Delete(P(a[1]));
                Directory.CreateDirectory(P(a[1]));
                break;
            case "symlink":
                Parent(a[1]);
                if (File.Exists(P(a[1]))) File.Delete(P(a[1]));
                File.CreateSymbolicLink(P(a[1]), a[2]);
                break;
            case "bigfile":
            {
                Parent(a[1]);
                var size = long.Parse(a[2], CultureInfo.InvariantCulture);
                var line = Encoding.ASCII.GetBytes("# " + new string('x', 1021) + "\n"); // 1 KiB
                using var f = File.Create(P(a[1]));
                for (long written = 0; written < size; written += line.Length)
                    f.Write(line, 0, (int)Math.Min(line.Length, size - written));
                break;
            }
            case "replace":
            {
                var bytes = File.ReadAllBytes(P(a[1]));
                var find = Encoding.UTF8.GetBytes(a[2]);
                var at = bytes.AsSpan().IndexOf(find);
                if (at < 0) throw new InvalidOperationException($"'{a[2]}' not found in {a[1]}");
                var with = Convert.FromHexString(a[3]);
                File.WriteAllBytes(P(a[1]), [.. bytes[..at], .. with, .. bytes[(at + find.Length)..]]);
                break;
            }
            case "deep":
            {
                Parent(a[1]);
                var n = int.Parse(a[2], CultureInfo.InvariantCulture);
                File.WriteAllText(P(a[1]), "id: deep\ntags: " + new string('[', n) + new string(']', n) + "\n");
                break;
            }
            case "bom":
                File.WriteAllBytes(P(a[1]), [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(P(a[1]))]);
                break;
            case "crlf" or "cr" or "mixed":
            {
                var lines = File.ReadAllText(P(a[1])).Replace("\r\n", "\n").Split('\n');
                var sb = new StringBuilder();
                for (var i = 0; i < lines.Length; i++)
                {
                    sb.Append(lines[i]);
                    if (i == lines.Length - 1) break;
                    sb.Append(a[0] switch { "crlf" => "\r\n", "cr" => "\r", _ => i % 2 == 0 ? "\r\n" : "\n" });
                }
                File.WriteAllText(P(a[1]), sb.ToString());
                break;
            }
            case "png":
                Parent(a[1]);
                File.WriteAllBytes(P(a[1]), Png(int.Parse(a[2], CultureInfo.InvariantCulture), int.Parse(a[3], CultureInfo.InvariantCulture)));
                break;
            default:
                throw new InvalidOperationException($"unknown generate step '{a[0]}'");
        }
    }

    /// <summary>The first 33 bytes of a PNG: signature and an IHDR chunk of the given size.</summary>
    public static byte[] Png(int width, int height)
    {
        var b = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' };
        void Be(int v) { b.Add((byte)(v >> 24)); b.Add((byte)(v >> 16)); b.Add((byte)(v >> 8)); b.Add((byte)v); }
        Be(width); Be(height);
        b.AddRange(new byte[] { 8, 6, 0, 0, 0, 0, 0, 0, 0 });
        return [.. b];
    }

    /// <summary>expected.txt: the exit code on line 1, then one `path(line,col): severity CODE` a line.</summary>
    public static (int ExitCode, IReadOnlyList<string> Lines) Expected(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(CorpusRoot, name, "expected.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return (int.Parse(lines[0], CultureInfo.InvariantCulture), lines.Skip(1).ToList());
    }
}
