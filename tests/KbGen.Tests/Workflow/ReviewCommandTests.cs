using System.Text.RegularExpressions;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Readers;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Tests.Workflow;

public class ReviewCommandTests
{
    private static readonly string[] States = ["draft", "submitted", "under-review", "approved"];

    /// <summary>A review block for the osteoporosis topic whose legal history ends at <paramref name="state"/>.</summary>
    private static string ReviewBlock(string state)
    {
        string[] walk = state switch
        {
            "draft" => [],
            "submitted" => ["submitted"],
            "under-review" => ["submitted", "under-review"],
            _ => ["submitted", "under-review", "approved"],
        };
        if (walk.Length == 0) return "review:\n  status: draft\n  history: []\n";
        var lines = walk.Select((s, i) => $"    - {{ status: {s}, date: 2025-11-{i + 3:00}, by: Someone }}\n");
        return $"review:\n  status: {state}\n  history:\n{string.Concat(lines)}";
    }

    private static void SetState(TempContent kb, string state)
    {
        var text = kb.Read(TempContent.Osteo);
        text = Regex.Replace(text, @"review:\n(  .*\n)+", ReviewBlock(state));
        kb.Write(TempContent.Osteo, text);
    }

    public static IEnumerable<object[]> AllPairs() =>
        from f in States from t in States select new object[] { f, t };

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_allowed_exactly_when_legal(string from, string to)
    {
        using var kb = new TempContent();
        SetState(kb, from);
        var before = kb.Read(TempContent.Osteo);
        ReviewStatusNames.TryParse(from, out var f);
        ReviewStatusNames.TryParse(to, out var t);
        var legal = ReviewHistoryRule.IsLegal(f, t);

        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", to, "--by", "Tester", "--date", "2025-12-01");

        if (legal)
        {
            Assert.True(code == 0, err);
            var topic = Load(kb).KnowledgeBase!.Topics.Single(x => x.Id == TempContent.Osteo);
            Assert.Equal(t, topic.Review.Status);
            Assert.Equal(new DateOnly(2025, 12, 1), topic.Review.History[^1].Date);
            Assert.Equal("Tester", topic.Review.History[^1].By);
        }
        else
        {
            Assert.Equal(1, code);
            Assert.Equal(before, kb.Read(TempContent.Osteo));
            foreach (var n in ReviewHistoryRule.LegalNext(f)) Assert.Contains(n.ToName(), err);
            Assert.Contains("Legal next", err);
        }
    }

    [Fact]
    public void Editing_changes_only_the_status_line_and_appends_one_flow_step()
    {
        using var kb = new TempContent();
        var before = kb.Read(TempContent.Osteo);
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "approved", "--by", "Dr. O'Neil, chair",
            "--note", "Second look: ok # really", "--date", "2025-12-01");
        Assert.True(code == 0, err);
        var after = kb.Read(TempContent.Osteo);
        var (oldLines, newLines) = (before.Split('\n'), after.Split('\n'));
        Assert.Equal(oldLines.Length + 1, newLines.Length);
        var statusLine = Array.FindIndex(oldLines, l => l == "  status: under-review");
        var inserted = Array.FindIndex(newLines, l => l.Contains("2025-12-01"));
        Assert.Equal("  status: approved", newLines[statusLine]);
        Assert.Equal("    - { status: approved, date: 2025-12-01, by: \"Dr. O'Neil, chair\", note: \"Second look: ok # really\" }", newLines[inserted]);
        Assert.Equal(oldLines.Where((_, i) => i != statusLine), newLines.Where((_, i) => i != statusLine && i != inserted));

        var step = Load(kb).KnowledgeBase!.Topics.Single(x => x.Id == TempContent.Osteo).Review.History[^1];
        Assert.Equal("Dr. O'Neil, chair", step.By);
        Assert.Equal("Second look: ok # really", step.Note);
    }

    [Fact]
    public void An_empty_history_gets_its_first_step_on_the_next_line_and_keeps_its_comment()
    {
        using var kb = new TempContent();
        var text = Regex.Replace(kb.Read(TempContent.Osteo), @"review:\n(  .*\n)+",
            "review:\n  status: draft     # a comment\n  history: []   # another\n");
        kb.Write(TempContent.Osteo, text);
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "submitted", "--by", "Author", "--date", "2025-12-01");
        Assert.True(code == 0, err);
        var expected = text.Replace("  status: draft     # a comment\n  history: []   # another\n",
            "  status: submitted     # a comment\n  history: # another\n    - { status: submitted, date: 2025-12-01, by: Author }\n");
        Assert.Equal(expected, kb.Read(TempContent.Osteo));
        Assert.False(Load(kb).HasErrorsIn(kb.TopicPath(TempContent.Osteo)));
    }

    [Fact]
    public void Block_style_steps_are_continued_in_block_style()
    {
        using var kb = new TempContent();
        var text = Regex.Replace(kb.Read(TempContent.Osteo), @"review:\n(  .*\n)+",
            "review:\n  status: submitted\n  history:\n    - status: submitted\n      date: 2025-11-03\n      by: Topic author\n\n");
        kb.Write(TempContent.Osteo, text);
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "under-review", "--by", "Board", "--date", "2025-12-01");
        Assert.True(code == 0, err);
        var expected = text.Replace("  status: submitted\n", "  status: under-review\n")
            .Replace("      by: Topic author\n", "      by: Topic author\n    - status: under-review\n      date: 2025-12-01\n      by: Board\n");
        Assert.Equal(expected, kb.Read(TempContent.Osteo));
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_a_missing_final_newline_are_kept()
    {
        using var kb = new TempContent();
        var text = "\uFEFF" + kb.Read(TempContent.Osteo).TrimEnd('\n').Replace("\n", "\r\n");
        File.WriteAllText(kb.TopicPath(TempContent.Osteo), text, new System.Text.UTF8Encoding(false));
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "draft", "--by", "Board", "--date", "2025-12-01");
        Assert.True(code == 0, err);
        var expected = text.Replace("  status: under-review\r\n", "  status: draft\r\n")
            .Replace("by: Medical Advisory Board }\r\n", "by: Medical Advisory Board }\r\n    - { status: draft, date: 2025-12-01, by: Board }\r\n");
        Assert.Equal(expected, new System.Text.UTF8Encoding(false).GetString(File.ReadAllBytes(kb.TopicPath(TempContent.Osteo))));
    }

    [Fact]
    public void Approval_needs_a_clean_check_of_the_topic()
    {
        using var kb = new TempContent();
        var text = kb.Read(TempContent.Osteo).Replace("            - text: Teriparatide [@francis-2008].", "            - text: Teriparatide.");
        kb.Write(TempContent.Osteo, text);
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "approved", "--by", "Chair", "--date", "2025-12-01");
        Assert.Equal(1, code);
        Assert.Contains("cannot be approved", err);
        Assert.Equal(text, kb.Read(TempContent.Osteo));
    }

    [Fact]
    public void Approval_records_approver_date_and_note()
    {
        using var kb = new TempContent();
        var (code, _, err) = kb.Run("review", TempContent.Osteo, "--status", "approved", "--by", "Board chair", "--note", "First edition", "--date", "2025-12-01");
        Assert.True(code == 0, err);
        var a = Load(kb).KnowledgeBase!.Topics.Single(x => x.Id == TempContent.Osteo).Review.LastApproval!;
        Assert.Equal(("Board chair", new DateOnly(2025, 12, 1), "First edition"), (a.By, a.Date, a.Note));
    }

    [Theory]
    [InlineData("--status", "published")]
    [InlineData("--date", "01/12/2025")]
    public void Bad_arguments_are_usage_errors(string option, string value)
    {
        using var kb = new TempContent();
        var args = new List<string> { "review", TempContent.Osteo, "--status", "draft", "--by", "X" };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else args.AddRange([option, value]);
        Assert.Equal(2, kb.Run([.. args]).Code);
    }

    [Fact]
    public void An_unknown_topic_is_a_usage_error()
    {
        using var kb = new TempContent();
        Assert.Equal(2, kb.Run("review", "no-such-topic", "--status", "submitted", "--by", "X").Code);
    }

    [Fact]
    public void A_step_dated_before_the_last_one_is_refused()
    {
        using var kb = new TempContent();
        var before = kb.Read(TempContent.Osteo);
        Assert.Equal(1, kb.Run("review", TempContent.Osteo, "--status", "draft", "--by", "X", "--date", "2025-11-01").Code);
        Assert.Equal(before, kb.Read(TempContent.Osteo));
    }

    [Fact]
    public void No_temporary_files_are_left_beside_the_topic()
    {
        using var kb = new TempContent();
        kb.Run("review", TempContent.Osteo, "--status", "draft", "--by", "X", "--date", "2025-12-01");
        kb.Run("review", TempContent.Osteo, "--status", "approved", "--by", "X", "--date", "2025-12-01");
        Assert.Equal(2, Directory.GetFileSystemEntries(Path.Combine(kb.Dir, "topics")).Length);
    }

    internal static LoadResult Load(TempContent kb) => KbLoad.LoadAndValidate(kb.Dir, new ValidationContext(new DateOnly(2025, 12, 15)));
}

internal static class LoadResultExtensions
{
    public static bool HasErrorsIn(this LoadResult r, string path) =>
        r.Diagnostics.Any(d => d.IsError && Path.GetFullPath(d.Span.File) == Path.GetFullPath(path));
}
