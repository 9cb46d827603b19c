using FsCheck;
using FsCheck.Fluent;

namespace KbGen.Tests.Support;

/// <summary>Random YAML-ish documents from a grammar of the forms content files use (block mappings
/// and sequences, flow collections, plain, quoted and block scalars), filled with awkward values
/// (colons, hashes, quotes, escapes, unicode, empty values, trailing spaces), sometimes with CRLF
/// line ends and sometimes damaged by one inserted fragment.</summary>
public static class RandomYaml
{
    private static readonly string[] Keys = ["id", "title", "text", "items", "a b", "k-1", "x.y", "über", "note", "by"];

    private static readonly string[] Plains =
    [
        "plain", "two words", "Medical care comes first [@ref-00020] [@ref-00030]", "0–6 weeks", "é ü 😀", "a#b", "x # note",
        "http://x.org/a?b=c", "1:2", "-1", "~", "null", "yes", "2025-01-10", "trailing   ", "a ,b", "a [b] {c}", "it's", "say \"hi\"", "x:y",
    ];

    /// <summary>Values that are errors or other YAML constructs where a plain scalar is expected.</summary>
    private static readonly string[] NastyPlains = ["a: b", "x:", "- x", "@at", "%pct", "!tag", "&anchor", "*alias", "?q", ":c", "|x", ">y", "a\tb", "#c", "'q", "[x", "{y"];

    private static readonly string[] FlowPlains = ["a", "b c", "http://x", "a:b", "é", "Board chair", "1", "a#b", "x y ", "-1", "a: b", "[@r]", "?", "a:]", "x #y"];

    private static readonly string[] Quoted =
    [
        "plain", "it's", "say \\\"hi\\\"", "a\\nb", "\\u00e9", "\\t", "\\/", "", " lead", "trail ", "# not a comment", "a: b", "[x]", "😀",
        "\\N\\L\\P", "\\\\", "> 3 months", "Yes", "\\0", "\\r\\n", "\\u2028",
    ];

    /// <summary>Escapes the fast reader leaves to YamlDotNet, valid or not.</summary>
    private static readonly string[] NastyQuoted = ["\\x41", "\\q", "\\uD800", "\\U0001F600", "\\e", "\\ ", "\\"];

    private static readonly string[] Comments = ["", "", "", "", "", " # note", "  #: odd", "#x"];

    private static readonly string[] Damage = ["\t", ":", ": ", "[", "]", "{", "}", "\"", "'", "- ", "&a ", "*a", "? ", "|", ">-", "#", " #", "---", "\\", "\r", "é", "😀", "!!str ", "\n", "  ", ",", "\u00a0"];

    public static Gen<string> Document =>
        from body in Mapping(0, 3)
        from lead in Gen.Elements("", "", "# header\n", "\n\n", "  # indented\n")
        from ending in Gen.Elements(0, 0, 1, 2)
        from crlf in Gen.Elements(false, false, false, true)
        from damage in Gen.Elements(false, false, false, true)
        from at in Gen.Choose(0, 100_000)
        from fragment in Gen.Elements(Damage)
        select Finish(lead + body, ending, crlf, damage ? (at, fragment) : null);

    /// <summary>A real file with one to four lines damaged: a fragment inserted, a character removed,
    /// a line duplicated, dropped or re-indented.</summary>
    public static Gen<string> Damaged(string text) =>
        from n in Gen.Choose(1, 4)
        from edits in (from kind in Gen.Choose(0, 4) from at in Gen.Choose(0, 100_000) from fragment in Gen.Elements(Damage) select (kind, at, fragment)).ListOf(n)
        select edits.Aggregate(text, (t, e) => Damage1(t, e.kind, e.at, e.fragment));

    private static string Damage1(string text, int kind, int at, string fragment)
    {
        var lines = text.Split('\n').ToList();
        var i = at % lines.Count;
        var line = lines[i];
        var col = at % (line.Length + 1);
        switch (kind)
        {
            case 0: lines[i] = line.Insert(col, fragment); break;
            case 1: if (col < line.Length) lines[i] = line.Remove(col, 1); break;
            case 2: lines.Insert(i, line); break;
            case 3: lines.RemoveAt(i); break;
            default: lines[i] = new string(' ', at % 7) + line.TrimStart(' '); break;
        }
        return string.Join('\n', lines);
    }

    private static string Finish(string text, int ending, bool crlf, (int Where, string Fragment)? damage)
    {
        if (ending == 1) text = text.TrimEnd('\n');
        if (ending == 2) text += "\n  \n# trailing comment";
        if (damage is var (where, fragment)) text = text.Insert(where % (text.Length + 1), fragment);
        return crlf ? text.Replace("\r", "").Replace("\n", "\r\n") : text;
    }

    private static Gen<string> Plain => Gen.Frequency((30, Gen.Elements(Plains)), (1, Gen.Elements(NastyPlains)));

    private static Gen<string> QuotedText => Gen.Frequency((30, Gen.Elements(Quoted)), (1, Gen.Elements(NastyQuoted)));

    private static Gen<string> Concat(Gen<string> part, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => part.ListOf(n)).Select(parts => string.Concat(parts));

    private static Gen<string> Separator => Gen.Elements("", "", "", "", "\n", "   \n", "# comment\n", "  # indented comment\n");

    /// <summary>A block mapping; in a sequence item its first key follows the '-' on the same line.</summary>
    private static Gen<string> Mapping(int indent, int depth, bool inItem = false) =>
        from head in Entry(indent, depth, inItem)
        from rest in Concat(Entry(indent, depth, false), 0, 3)
        select head + rest;

    private static Gen<string> Entry(int indent, int depth, bool first) =>
        from sep in first ? Gen.Constant("") : Separator
        from key in Gen.Elements(Keys)
        from space in Gen.Elements("", "", " ")
        from value in ValueAfterColon(indent, depth)
        select sep + (first ? "" : new string(' ', indent)) + key + space + ":" + value;

    private static Gen<string> ValueAfterColon(int indent, int depth)
    {
        var inline = from s in Inline(indent, depth) from c in Gen.Elements(Comments) select " " + s + c + "\n";
        var empty = Gen.Elements(Comments).Select(c => c + "\n");
        if (depth == 0) return Gen.Frequency((6, inline), (1, empty));
        return Gen.Frequency(
            (6, inline), (1, empty),
            (2, from step in Gen.Elements(1, 2, 4) from m in Mapping(indent + step, depth - 1) select "\n" + m),
            (2, from step in Gen.Elements(0, 2, 2, 3) from s in Sequence(indent + step, depth - 1) select "\n" + s));
    }

    private static Gen<string> Sequence(int indent, int depth) =>
        Concat(
            from sep in Separator
            from item in Gen.Frequency(
                (5, from s in Inline(indent, depth) from c in Gen.Elements(Comments) select " " + s + c + "\n"),
                (3, Mapping(indent + 2, Math.Max(0, depth - 1), inItem: true).Select(m => " " + m)),
                (1, Gen.Elements("\n", " \n", "\n" + new string(' ', indent + 2) + "a: 1\n", " - x\n")))
            select sep + new string(' ', indent) + "-" + item,
            1, 3);

    /// <summary>A value on the line of its key or '-' (possibly going on over more lines).</summary>
    private static Gen<string> Inline(int indent, int depth) => Gen.Frequency(
        (6, Plain),
        (2, MultiLinePlain(indent)),
        (2, SingleQuoted(indent)),
        (2, DoubleQuoted(indent)),
        (3, BlockScalar(indent)),
        (2, FlowSequence(depth)),
        (2, FlowMapping(depth)));

    private static Gen<string> Continuation(int indent) =>
        from blank in Gen.Elements("", "", "\n", "\n   \n")
        from step in Gen.Elements(0, 1, 2, 2, 2, 5)
        select blank + "\n" + new string(' ', indent + step);

    private static Gen<string> MultiLinePlain(int indent) =>
        from first in Plain
        from rest in Concat(from c in Continuation(indent) from p in Plain select c + p, 1, 3)
        select first + rest;

    private static Gen<string> SingleQuoted(int indent) =>
        from n in Gen.Choose(1, 3)
        from parts in Plain.ListOf(n)
        from joins in Continuation(indent).ListOf(n)
        from flat in Gen.Elements(true, true, false)
        select "'" + string.Concat(parts.Select((p, i) => (i == 0 ? "" : flat ? " " : joins[i]) + p.Replace("'", "''"))) + "'";

    private static Gen<string> DoubleQuoted(int indent) =>
        from parts in QuotedText.ListOf(2)
        from joiner in Gen.Elements(" ", "", " ", "\\t ")
        from breakLine in Gen.Elements(false, false, true)
        from c in Continuation(indent)
        select "\"" + parts[0] + (breakLine ? joiner + c : joiner) + parts[1] + "\"";

    private static Gen<string> BlockScalar(int indent) =>
        from style in Gen.Elements("|", ">")
        from chomp in Gen.Elements("", "-", "+")
        from indicator in Gen.Elements("", "", "", "2", "1")
        from swap in Gen.Elements(false, true)
        from comment in Gen.Elements("", "", " # c")
        from lines in Concat(
            from blank in Gen.Elements("", "", "", "\n", "\n\n", "\n" + new string(' ', indent + 2) + "\n", "\n" + new string(' ', indent + 5) + "\n")
            from extra in Gen.Elements("", "", "", " ", "   ")
            from p in Plain
            select blank + "\n" + new string(' ', indent + 2) + extra + p,
            1, 4)
        from tail in Gen.Elements("", "", "\n", "\n\n")
        select style + (swap ? indicator + chomp : chomp + indicator) + comment + lines + tail;

    private static Gen<string> FlowNode(int depth) => depth == 0
        ? Gen.Elements(FlowPlains)
        : Gen.Frequency(
            (5, Gen.Elements(FlowPlains)),
            (2, QuotedText.Select(q => "\"" + q + "\"")),
            (1, Gen.Elements(FlowPlains).Select(q => "'" + q.Replace("'", "''") + "'")),
            (1, FlowSequence(depth - 1)),
            (1, FlowMapping(depth - 1)));

    private static Gen<string> FlowSeparator => Gen.Elements(", ", ", ", ",", " , ", ",  ");

    private static Gen<string> FlowSequence(int depth) =>
        from n in Gen.Choose(0, 3)
        from items in FlowNode(depth).ListOf(n)
        from sep in FlowSeparator
        from pad in Gen.Elements("", "", " ")
        select "[" + pad + string.Join(sep, items) + pad + "]";

    private static Gen<string> FlowMapping(int depth) =>
        from n in Gen.Choose(0, 3)
        from keys in Gen.Elements(Keys.Concat(["\"q\"", "'s'"]).ToArray()).ListOf(n)
        from values in FlowNode(depth).ListOf(n)
        from sep in FlowSeparator
        from pad in Gen.Elements("", " ", " ")
        select "{" + pad + string.Join(sep, keys.Zip(values, (k, v) => k + ": " + v)) + pad + "}";
}
