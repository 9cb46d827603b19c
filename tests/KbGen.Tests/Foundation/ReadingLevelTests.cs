using FsCheck;
using FsCheck.Fluent;
using KbGen.Validation;

namespace KbGen.Tests.Foundation;

/// <summary>The one-pass reading-level counter gives exactly the scores of the plain
/// split-and-count formulation it replaced (kept here as the oracle).</summary>
public sealed class ReadingLevelTests
{
    private static double Oracle(IEnumerable<string> items)
    {
        int words = 0, sentences = 0, syllables = 0;
        foreach (var item in items)
        {
            var text = item.Trim();
            if (text.Length == 0) continue;
            var parts = text.Split(['.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Any(char.IsLetter)).ToList();
            sentences += Math.Max(1, parts.Count);
            foreach (var w in text.Split([' ', '\n', '\t', '—', '–', '/'], StringSplitOptions.RemoveEmptyEntries))
            {
                var letters = new string(w.Where(char.IsLetter).ToArray());
                if (letters.Length == 0) continue;
                words++;
                syllables += ReadingLevel.Syllables(letters);
            }
        }
        if (words == 0 || sentences == 0) return 0;
        return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
    }

    [Theory]
    [InlineData("Rest for a day or two. Then walk a little more each day.")]
    [InlineData("Osteoporotic vertebral compression fractures: analgesia; early mobilisation!")]
    [InlineData("Le table. Cable-able co-operate   whole/part — maybe – yes\tno\nnext")]
    [InlineData("   ")]
    [InlineData("...;;;")]
    [InlineData("ÉLÉPHANT île. Straße!")]
    public void Scores_match_the_oracle(string text) =>
        Assert.Equal(Oracle([text]), ReadingLevel.Grade([text]));

    [Fact]
    public void Scores_match_the_oracle_on_random_text()
    {
        const string alphabet = "aeiouylebcstrAEÉ .!?;:,-—–/\t\n'\r0";
        var gen = Gen.ListOf(Gen.ListOf(Gen.Elements(alphabet.ToCharArray())).Select(cs => new string(cs.ToArray())))
            .Select(l => l.ToList());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(gen), items =>
            Oracle(items) == ReadingLevel.Grade(items)));
    }

    [Fact]
    public void A_plain_sentence_reads_at_a_low_grade() =>
        Assert.InRange(ReadingLevel.Grade(["The cat sat on the mat. It was warm."]), -5, 3);
}
