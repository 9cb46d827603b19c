using System.Globalization;
using System.Text;
using KbGen.Model;

namespace KbGen.Publishing;

/// <summary>Writes a topic and its references as YAML in one canonical form: keys in the order of
/// the content format (DESIGN.md), every text value double-quoted on one line, ids, enums and dates
/// plain, two-space indentation, '\n' line ends. The form depends only on the model, never on how
/// the author laid out the working copy, so equal content gives equal text and any change to what
/// the topic says changes the text (and so the archive hash).</summary>
public static class CanonicalYaml
{
    /// <summary>The topic mapping (as under `content:`), indented by <paramref name="indent"/> spaces.</summary>
    public static string Topic(Topic t, int indent = 0, bool includeReview = true)
    {
        var w = new Writer(indent);
        w.Plain("id", t.Id);
        w.Str("title", t.Title);
        w.Str("question", t.Question);
        if (t.Tags.Count > 0) w.Line($"tags: [{string.Join(", ", t.Tags)}]");
        if (includeReview)
        {
            w.Line("review:");
            w.Push();
            w.Plain("status", t.Review.Status.ToName());
            if (t.Review.History.Count == 0) w.Line("history: []");
            else
            {
                w.Line("history:");
                w.Push();
                foreach (var s in t.Review.History)
                {
                    var note = s.Note is null ? "" : $", note: {YamlText.Quoted(s.Note)}";
                    w.Line($"- {{ status: {s.Status.ToName()}, date: {YamlText.Date(s.Date)}, by: {YamlText.Quoted(s.By)}{note} }}");
                }
                w.Pop();
            }
            w.Pop();
            w.Plain("updated", YamlText.Date(t.Updated));
        }
        if (!t.Summary.IsEmpty) w.Str("summary", t.Summary.Source);
        Audience(w, "clinician", t.Clinician);
        Audience(w, "patient", t.Patient);
        if (t.Algorithm is { } a) Algorithm(w, a);
        Claims(w, "pitfalls", t.Pitfalls);
        return w.ToString();
    }

    /// <summary>A list of references (as under `references:`), sorted by id.</summary>
    public static string References(IEnumerable<Reference> refs, int indent = 0)
    {
        var w = new Writer(indent);
        foreach (var r in refs.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            w.Item();
            w.Plain("id", r.Id);
            w.Plain("type", r.Type);
            w.Str("title", r.Title);
            if (r.Authors.Count > 0) w.Line($"authors: [{string.Join(", ", r.Authors.Select(YamlText.Quoted))}]");
            w.Str("organization", r.Organization);
            w.Str("journal", r.Journal);
            w.Plain("year", r.Year.ToString(CultureInfo.InvariantCulture));
            w.Str("month", r.Month);
            w.Str("volume", r.Volume);
            w.Str("issue", r.Issue);
            w.Str("pages", r.Pages);
            w.Str("doi", r.Doi);
            w.Str("pmid", r.Pmid);
            if (r.Epub is { } e) w.Plain("epub", YamlText.Date(e));
            w.Str("url", r.Url);
            w.Str("abstract", r.Abstract);
            w.EndItem();
        }
        return w.ToString();
    }

    /// <summary>What a revision says: the topic without its review state and `updated` date, plus
    /// the references it cites. Two revisions with equal substance are the same publication.</summary>
    public static string Substance(Topic t, IEnumerable<Reference> refs) =>
        Topic(t, includeReview: false) + "references:\n" + References(refs, 2);

    private static void Audience(Writer w, string key, AudienceText a)
    {
        if ((a.Summary is null || a.Summary.IsEmpty) && a.Sections.Count == 0 && a.RedFlags.Count == 0) return;
        w.Line(key + ":");
        w.Push();
        if (a.Summary is { IsEmpty: false } s) w.Str("summary", s.Source);
        if (a.Sections.Count > 0)
        {
            w.Line("sections:");
            w.Push();
            foreach (var sec in a.Sections)
            {
                w.Item();
                w.Str("title", sec.Title);
                Claims(w, "items", sec.Items);
                w.EndItem();
            }
            w.Pop();
        }
        Claims(w, "red-flags", a.RedFlags);
        w.Pop();
    }

    private static void Claims(Writer w, string key, IReadOnlyList<Claim> claims)
    {
        if (claims.Count == 0) return;
        w.Line(key + ":");
        w.Push();
        foreach (var c in claims)
        {
            w.Item();
            w.Str("text", c.Text.Source);
            if (c.Strength is not null) w.Plain("strength", c.Strength);
            if (c.Certainty is not null) w.Plain("certainty", c.Certainty);
            Claims(w, "items", c.Items);
            w.EndItem();
        }
        w.Pop();
    }

    private static void Algorithm(Writer w, Algorithm a)
    {
        w.Line("algorithm:");
        w.Push();
        w.Str("title", a.Title);
        if (a.Phases.Count > 0)
        {
            w.Line("phases:");
            w.Push();
            foreach (var p in a.Phases)
            {
                var window = p.Window is null ? "" : $", window: {YamlText.Quoted(p.Window)}";
                w.Line($"- {{ id: {p.Id}, label: {YamlText.Quoted(p.Label)}{window} }}");
            }
            w.Pop();
        }
        w.Plain("start", a.Start);
        w.Line("nodes:");
        w.Push();
        foreach (var n in a.Nodes)
        {
            w.Item();
            w.Plain("id", n.Id);
            w.Plain("kind", n.Kind.ToString().ToLowerInvariant());
            if (n.Phase is not null) w.Plain("phase", n.Phase);
            w.Str("text", n.Text.Source);
            if (n.Next is not null) w.Plain("next", n.Next);
            if (n.Branches.Count > 0)
            {
                w.Line("branches:");
                w.Push();
                foreach (var b in n.Branches) w.Line($"- {{ label: {YamlText.Quoted(b.Label)}, next: {b.Next} }}");
                w.Pop();
            }
            w.EndItem();
        }
        w.Pop();
        w.Pop();
    }

    /// <summary>Block YAML; a list item's first key follows its "- ".</summary>
    private sealed class Writer(int indent)
    {
        private readonly StringBuilder _sb = new();
        private int _indent = indent;
        private bool _pendingDash;

        public void Push() => _indent += 2;
        public void Pop() => _indent -= 2;
        public void Item() { _pendingDash = true; _indent += 2; }

        public void EndItem()
        {
            if (_pendingDash) Line("{}");
            _indent -= 2;
        }

        public void Line(string text)
        {
            if (_pendingDash)
            {
                _sb.Append(' ', _indent - 2).Append("- ");
                _pendingDash = false;
            }
            else _sb.Append(' ', _indent);
            _sb.Append(text).Append('\n');
        }

        public void Plain(string key, string value) => Line($"{key}: {value}");
        public void Str(string key, string? value) { if (value is not null) Line($"{key}: {YamlText.Quoted(value)}"); }

        public override string ToString() => _sb.ToString();
    }
}
