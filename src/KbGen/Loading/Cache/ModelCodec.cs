using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Model;

namespace KbGen.Loading.Cache;

/// <summary>A compact binary form of what a topic or reference file reads into: the model, its
/// Markdown fields with their citations and plain text, where each field sits in the file (so
/// positions are exact when a later diagnostic asks), and the file's own diagnostics. Reading it
/// back is an order of magnitude cheaper than YAML and Markdown parsing.
/// Every model property is written; <c>ModelCodecTests</c> lists them, so a property added to the
/// model without being added here fails a test (and <see cref="FormatVersion"/> must then change).</summary>
internal static class ModelCodec
{
    public const int FormatVersion = 3;

    private const byte KindTopic = 1, KindReference = 2;

    public static bool CanWrite(object? result) => result is Topic or Reference;

    public static void Write(BinaryWriter w, object result, IReadOnlyList<Diagnostic> diagnostics)
    {
        var x = new Writer(w);
        switch (result)
        {
            case Topic t: w.Write(KindTopic); x.Topic(t); break;
            case Reference r: w.Write(KindReference); x.Reference(r); break;
            default: throw new ArgumentException("not a cacheable model: " + result.GetType().Name, nameof(result));
        }
        w.Write(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            w.Write((byte)d.Severity);
            w.Write(d.Code);
            x.Span(d.Span);
            w.Write(d.Message);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote. <paramref name="source"/> gives positions
    /// their file text when one is first needed. Throws on malformed input (the caller ignores the
    /// entry then).</summary>
    public static (object Result, IReadOnlyList<Diagnostic> Diagnostics) Read(BinaryReader r, SourceText source)
    {
        var x = new Reader(r, source);
        object result = r.ReadByte() switch
        {
            KindTopic => x.Topic(),
            KindReference => x.Reference(),
            var k => throw new InvalidDataException($"unknown entry kind {k}"),
        };
        var n = x.Count();
        var list = new List<Diagnostic>(n);
        for (var i = 0; i < n; i++)
        {
            var sev = r.ReadByte() switch { 0 => Severity.Warning, 1 => Severity.Error, var s => throw new InvalidDataException($"bad severity {s}") };
            list.Add(new Diagnostic(sev, r.ReadString(), x.Span(), r.ReadString()));
        }
        return (result, list);
    }

    private sealed class Writer(BinaryWriter w)
    {
        // File paths repeat in every span: each is written once, then by number.
        private readonly Dictionary<string, int> _files = new(StringComparer.Ordinal);

        public void Topic(Topic t)
        {
            w.Write(t.Id); w.Write(t.Title); w.Write(t.Question);
            Strings(t.Tags);
            w.Write((byte)t.Review.Status);
            List(t.Review.History, h => { w.Write((byte)h.Status); Date(h.Date); w.Write(h.By); Opt(h.Note); Span(h.Span); });
            Span(t.Review.Span);
            Date(t.Updated); Span(t.UpdatedSpan);
            Text(t.Summary);
            Span(t.Span);
            w.Write(t.FilePath);
            // The body as a block of its own (its own table of file names), which a reader can
            // keep undecoded until the body is first used; whether it holds an algorithm, before it.
            using var ms = new MemoryStream();
            using (var bw = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true)) new Writer(bw).Body(t);
            w.Write(t.Algorithm is not null);
            w.Write((int)ms.Length);
            w.Write(ms.GetBuffer(), 0, (int)ms.Length);
        }

        private void Body(Topic t)
        {
            Audience(t.Clinician); Audience(t.Patient);
            if (t.Algorithm is { } a)
            {
                w.Write(a.Title);
                List(a.Phases, p => { w.Write(p.Id); w.Write(p.Label); Opt(p.Window); Span(p.Span); });
                w.Write(a.Start);
                List(a.Nodes, n =>
                {
                    w.Write(n.Id); w.Write((byte)n.Kind); Text(n.Text); Opt(n.Phase); Opt(n.Next);
                    List(n.Branches, b => { w.Write(b.Label); w.Write(b.Next); Span(b.Span); });
                    Span(n.Span);
                });
                Span(a.Span); Span(a.StartSpan);
            }
            Claims(t.Pitfalls);
        }

        public void Reference(Reference r)
        {
            w.Write(r.Id); w.Write(r.Type); w.Write(r.Title);
            Strings(r.Authors);
            Opt(r.Organization); Opt(r.Journal); w.Write(r.Year); Opt(r.Month); Opt(r.Volume); Opt(r.Issue); Opt(r.Pages);
            Opt(r.Doi); Opt(r.Pmid);
            w.Write(r.Epub is not null);
            if (r.Epub is { } e) Date(e);
            Opt(r.Url); Opt(r.Abstract);
            Span(r.Span); Span(r.YearSpan); Span(r.EpubSpan);
        }

        private void Audience(AudienceText a)
        {
            // The shared empty value stays shared.
            w.Write(ReferenceEquals(a, AudienceText.Empty));
            if (ReferenceEquals(a, AudienceText.Empty)) return;
            w.Write(a.Summary is not null);
            if (a.Summary is not null) Text(a.Summary);
            List(a.Sections, s => { w.Write(s.Title); Claims(s.Items); Span(s.Span); });
            Claims(a.RedFlags);
            Span(a.Span);
        }

        private void Claims(IReadOnlyList<Claim> claims) =>
            List(claims, c => { Text(c.Text); Opt(c.Strength); Opt(c.Certainty); Claims(c.Items); Span(c.Span); });

        private void Text(MarkdownText m)
        {
            w.Write(m.Source);
            Span(m.Span);
            List(m.Citations, c => { w.Write(c.ReferenceId); w.Write(c.Offset); });
            // Plain text is what search, feeds and reading level need of every field: keep it.
            w.Write(PlainText.Of(m));
            switch (m.Map)
            {
                case SourceText: w.Write((byte)1); w.Write(m.MapStart); w.Write(m.MapEnd); break;
                case null: w.Write((byte)0); break;
                default: throw new ArgumentException("a topic field with an unexpected position map");
            }
        }

        public void Span(SourceSpan s)
        {
            if (_files.TryGetValue(s.File, out var i)) w.Write(i);
            else
            {
                w.Write(-1);
                w.Write(s.File);
                _files[s.File] = _files.Count;
            }
            w.Write(s.Line); w.Write(s.Column);
        }

        private void Date(DateOnly d) => w.Write(d.DayNumber);

        private void Opt(string? s)
        {
            w.Write(s is not null);
            if (s is not null) w.Write(s);
        }

        private void Strings(IReadOnlyList<string> list) => List(list, w.Write);

        private void List<T>(IReadOnlyList<T> list, Action<T> item)
        {
            w.Write(list.Count);
            foreach (var x in list) item(x);
        }
    }

    private sealed class Reader
    {
        private readonly BinaryReader r;
        private readonly SourceText source;
        private readonly List<string> _files = [];
        // Made once: a lambda per list read was a delegate per claim (each claim reads its items).
        private readonly Func<Claim> _claim;
        private readonly Func<string> _string;

        public Reader(BinaryReader reader, SourceText source)
        {
            r = reader;
            this.source = source;
            _claim = Claim;
            _string = r.ReadString;
        }

        public Topic Topic()
        {
            var id = r.ReadString(); var title = r.ReadString(); var question = r.ReadString();
            var tags = Strings();
            var status = Status();
            var history = List(() => new ReviewStep(Status(), Date(), r.ReadString(), Opt(), Span()));
            var review = new Review(status, history, Span());
            var updated = Date(); var updatedSpan = Span();
            var summary = Text();
            var span = Span();
            var filePath = r.ReadString();
            var hasAlgorithm = r.ReadBoolean();
            var length = Count();
            // The body stays undecoded in the entry's bytes (already checksummed) until first used.
            if (r.BaseStream is not MemoryStream ms || !ms.TryGetBuffer(out var buffer) || length > ms.Length - ms.Position)
                throw new InvalidDataException("bad topic body");
            var (bytes, offset) = (buffer.Array!, buffer.Offset + (int)ms.Position);
            ms.Position += length;
            var text = source;
            return new Topic
            {
                Id = id, Title = title, Question = question, Tags = tags, Review = review, Updated = updated, UpdatedSpan = updatedSpan,
                Summary = summary, Span = span, FilePath = filePath,
                Later = new TopicBody.Deferred(() =>
                {
                    using var body = new MemoryStream(bytes, offset, length, writable: false, publiclyVisible: true);
                    using var reader = new CacheReader(body);
                    var decoded = new Reader(reader, text).Body(hasAlgorithm);
                    if (body.Position != body.Length) throw new InvalidDataException("trailing bytes in a topic body");
                    return decoded;
                }, hasAlgorithm),
            };
        }

        private TopicBody Body(bool hasAlgorithm)
        {
            var clinician = Audience(); var patient = Audience();
            Algorithm? algorithm = null;
            if (hasAlgorithm)
            {
                var aTitle = r.ReadString();
                var phases = List(() => new Phase(r.ReadString(), r.ReadString(), Opt(), Span()));
                var start = r.ReadString();
                var nodes = List(() =>
                {
                    var nid = r.ReadString();
                    var kind = r.ReadByte() is var k && k <= (byte)NodeKind.End ? (NodeKind)k : throw new InvalidDataException("bad node kind");
                    var text = Text(); var phase = Opt(); var next = Opt();
                    var branches = List(() => new Branch(r.ReadString(), r.ReadString(), Span()));
                    return new AlgorithmNode(nid, kind, text, phase, next, branches, Span());
                });
                algorithm = new Algorithm(aTitle, phases, start, nodes, Span()) { StartSpan = Span() };
            }
            return new TopicBody(clinician, patient, algorithm, Claims());
        }

        public Reference Reference() => new()
        {
            Id = r.ReadString(), Type = r.ReadString(), Title = r.ReadString(), Authors = Strings(),
            Organization = Opt(), Journal = Opt(), Year = r.ReadInt32(), Month = Opt(), Volume = Opt(), Issue = Opt(), Pages = Opt(),
            Doi = Opt(), Pmid = Opt(), Epub = r.ReadBoolean() ? Date() : null, Url = Opt(), Abstract = Opt(),
            Span = Span(), YearSpan = Span(), EpubSpan = Span(),
        };

        private AudienceText Audience()
        {
            if (r.ReadBoolean()) return AudienceText.Empty;
            var summary = r.ReadBoolean() ? Text() : null;
            var sections = List(() => new Section(r.ReadString(), Claims(), Span()));
            return new AudienceText(summary, sections, Claims(), Span());
        }

        private IReadOnlyList<Claim> Claims() => List(_claim);

        private Claim Claim() => new(Text(), Opt(), Opt(), Claims(), Span());

        private MarkdownText Text()
        {
            var value = r.ReadString();
            var span = Span();
            var n = Count();
            var citations = new (string Id, int Offset)[n];
            for (var i = 0; i < n; i++) { var id = r.ReadString(); citations[i] = (ShortStrings.Of(id, 0, id.Length), r.ReadInt32()); } // one string per id, as when loaded
            var plain = r.ReadString();
            var text = r.ReadByte() switch
            {
                0 => new MarkdownText(value, span) { PlainCache = plain },
                1 => new MarkdownText(value, span, source, r.ReadInt32(), r.ReadInt32()) { PlainCache = plain },
                var k => throw new InvalidDataException($"bad position map kind {k}"),
            };
            if (n == 0) return text;
            var list = new Citation[n];
            for (var i = 0; i < n; i++) list[i] = new Citation(citations[i].Id, text, citations[i].Offset);
            text.Citations = list;
            return text;
        }

        public SourceSpan Span()
        {
            var i = r.ReadInt32();
            string file;
            if (i == -1) { file = r.ReadString(); _files.Add(file); }
            else if (i >= 0 && i < _files.Count) file = _files[i];
            else throw new InvalidDataException("bad file number");
            return new SourceSpan(file, r.ReadInt32(), r.ReadInt32());
        }

        private ReviewStatus Status() =>
            r.ReadByte() is var b && b <= (byte)ReviewStatus.Approved ? (ReviewStatus)b : throw new InvalidDataException("bad review status");

        private DateOnly Date() => DateOnly.FromDayNumber(r.ReadInt32());

        private string? Opt() => r.ReadBoolean() ? r.ReadString() : null;

        private IReadOnlyList<string> Strings() => List(_string);

        public int Count()
        {
            var n = r.ReadInt32();
            // Far more than any file holds: a corrupt count must not allocate gigabytes.
            if (n < 0 || n > 1_000_000) throw new InvalidDataException("bad count");
            return n;
        }

        private IReadOnlyList<T> List<T>(Func<T> item)
        {
            var n = Count();
            if (n == 0) return [];
            var list = new T[n];
            for (var i = 0; i < n; i++) list[i] = item();
            return list;
        }
    }
}
