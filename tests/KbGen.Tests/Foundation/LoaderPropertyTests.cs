using System.Text;
using FsCheck;
using FsCheck.Fluent;
using KbGen.Loading;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Foundation;

/// <summary>Random YAML-ish damage to the sample topic never makes loading or validation throw:
/// the loader returns a model or diagnostics, nothing else.</summary>
public sealed class LoaderPropertyTests
{
    private static readonly string Sample = File.ReadAllText(RepoRoot.Combine("content", "topics", "lumbar-compression-fracture-pain.yaml"));

    private static readonly string[] Inserts =
        ["\t", ":", ": ", "[", "]", "{", "}", "\"", "'", "- ", "&a ", "*a", "? ", "|", ">-", "#", "---", "\\", "[@", "[@]", "<b>", "\u202E", "\uFEFF", "\r", "\0", "é", "😀", "%YAML 1.2", "!!str ", "\u2028"];

    /// <summary>One mutation: kind, two positions and an insert index; applied deterministically.</summary>
    public sealed record Mutation(int Kind, int A, int B, int Insert, char Random);

    private static string Apply(string text, IEnumerable<Mutation> mutations)
    {
        var lines = text.Split('\n').ToList();
        foreach (var m in mutations)
        {
            if (lines.Count == 0) lines.Add("");
            var i = m.A % lines.Count;
            var j = m.B % lines.Count;
            var line = lines[i];
            var at = line.Length == 0 ? 0 : m.B % (line.Length + 1);
            switch (m.Kind)
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, line); break;
                case 2: (lines[i], lines[j]) = (lines[j], lines[i]); break;
                case 3: lines[i] = line.Insert(at, Inserts[m.Insert % Inserts.Length]); break;
                case 4: lines[i] = line.Insert(at, m.Random.ToString()); break;
                case 5: lines[i] = "\t" + line; break;
                case 6: lines = lines.Take(i).Append(line[..at]).ToList(); break; // truncate
                case 7: lines[i] = line.Length > 0 ? line.Remove(at == line.Length ? at - 1 : at, 1) : line; break;
                default: lines[i] = new string(' ', m.B % 7) + line.TrimStart(); break; // re-indent
            }
        }
        return string.Join("\n", lines);
    }

    private static Gen<Mutation> MutationGen =>
        from kind in Gen.Choose(0, 8)
        from a in Gen.Choose(0, 10_000)
        from b in Gen.Choose(0, 10_000)
        from ins in Gen.Choose(0, Inserts.Length - 1)
        from c in Gen.Choose(0, 0xFFFF)
        select new Mutation(kind, a, b, ins, (char)c);

    [Fact]
    public void Mutated_topic_never_crashes_the_loader()
    {
        using var tree = ContentTree.Valid();
        var path = tree.PathOf("topics/lumbar-compression-fracture-pain.yaml");
        var gen = Gen.Choose(1, 6).SelectMany(n => Gen.ListOf(MutationGen, n));
        var property = Prop.ForAll(Arb.From(gen), mutations =>
        {
            var text = Apply(Sample, mutations);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            try
            {
                var result = KbLoad.LoadAndValidate(tree.Content, new ValidationContext(ContentTree.Today));
                return result.KnowledgeBase is not null || result.Diagnostics.Count > 0;
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"loader threw {ex.GetType().Name}: {ex.Message}\n--- text ---\n{text}", ex);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
