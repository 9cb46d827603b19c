using System.Globalization;
using System.Text;

namespace KbGen.Authoring;

/// <summary>Writes a synthetic knowledge base shaped like the seed topic, for benchmarks:
/// N topics of about 40 cited claims over 6 sections, a patient version, a 12-node algorithm
/// in 3 phases, and 8 references each from a shared pool. Deterministic for a given N.</summary>
public static class CorpusGenerator
{
    private static readonly string[] Drugs = ["NSAIDs", "paracetamol", "calcitonin", "gabapentin", "pregabalin", "duloxetine", "a muscle relaxant", "a short opioid course", "topical lidocaine", "a bisphosphonate"];
    private static readonly string[] Effects = ["relieve pain", "improve function", "shorten recovery", "reduce night pain", "help sleep", "lower the need for rescue doses"];
    private static readonly string[] Periods = ["2 to 12 weeks", "4 weeks", "6 to 12 months", "the first 3 months", "5 to 12 weeks", "2 to 18 weeks"];
    private static readonly string[] Sections = ["First-line medications", "Adjunctive medications", "Interventional options", "Non-pharmacological approaches", "Monitoring and follow-up", "Special considerations"];
    private static readonly string[] PatientWords = ["Rest a little, but keep moving.", "Take your pills as your doctor says.", "Ice or heat can ease the pain.", "Call us if the pain gets worse.", "Walk a bit more each day.", "Ask before you stop a medicine."];
    private static readonly string[] Tags = ["spine", "pain", "osteoporosis", "geriatrics", "rehabilitation", "primary-care", "emergency", "orthopedics"];

    public static void Write(string dir, int topics)
    {
        var pool = Math.Max(16, topics / 2);
        Directory.CreateDirectory(Path.Combine(dir, "topics"));
        Directory.CreateDirectory(Path.Combine(dir, "references"));
        Directory.CreateDirectory(Path.Combine(dir, "pages"));
        Directory.CreateDirectory(Path.Combine(dir, "clinics"));
        File.WriteAllText(Path.Combine(dir, "kb.yaml"), """
            title: Generated Knowledge Base
            publisher: Benchmark Editorial Board
            base-url: https://bench.example.org/
            language: en
            review-interval-months: 120
            citation-style: vancouver
            pages: [editorial-policy, disclaimer]

            """);
        File.WriteAllText(Path.Combine(dir, "pages", "editorial-policy.md"), "---\ntitle: Editorial policy\n---\nEvery topic is cited and reviewed.\n");
        File.WriteAllText(Path.Combine(dir, "pages", "disclaimer.md"), "---\ntitle: Disclaimer\n---\nFor education only. Not medical advice.\n");
        File.WriteAllText(Path.Combine(dir, "clinics", "bench.yaml"), "id: bench\nname: Benchmark Clinic\naddress: 1 Test Road\nphone: \"+1 555 0199\"\npaper: a4\n");
        var cited = new bool[pool];
        for (var t = 0; t < topics; t++)
        {
            var rng = new Random(t * 7919 + 17);
            var refs = Enumerable.Range(0, 8).Select(i => (t * 3 + i * 5) % pool).Distinct().ToArray();
            foreach (var r in refs) cited[r] = true;
            File.WriteAllText(Path.Combine(dir, "topics", TopicId(t) + ".yaml"), Topic(t, refs, rng));
        }
        for (var r = 0; r < pool; r++)
            if (cited[r]) File.WriteAllText(Path.Combine(dir, "references", RefId(r) + ".yaml"), Reference(r));
    }

    private static string TopicId(int t) => $"topic-{t:D5}";
    private static string RefId(int r) => $"ref-{r:D5}";

    private static string Reference(int r) => string.Create(CultureInfo.InvariantCulture, $"""
        id: {RefId(r)}
        type: {(r % 5 == 0 ? "systematic-review" : r % 3 == 0 ? "rct" : "cohort")}
        title: Outcomes of treatment strategy {r} for vertebral fracture pain
        authors: [Author{r} AB, Second CD, Third EF]
        journal: J Spine Res
        year: {1995 + r % 30}
        volume: "{1 + r % 40}"
        issue: "{1 + r % 12}"
        pages: {100 + r % 900}-{110 + r % 900}
        doi: 10.5555/bench.{r}

        """);

    private static string Topic(int t, int[] refs, Random rng)
    {
        string Cite() => $"[@{RefId(refs[rng.Next(refs.Length)])}]";
        string Claim() => $"{Drugs[rng.Next(Drugs.Length)]} may {Effects[rng.Next(Effects.Length)]} over {Periods[rng.Next(Periods.Length)]} in topic {t} {Cite()}";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"id: {TopicId(t)}\ntitle: Generated topic {t}\nquestion: How should condition {t} be managed?\n");
        sb.Append(CultureInfo.InvariantCulture, $"tags: [{Tags[t % Tags.Length]}, {Tags[(t / 3 + 1) % Tags.Length]}]\n");
        sb.Append("review:\n  status: approved\n  history:\n");
        sb.Append("    - { status: submitted, date: 2025-01-10, by: Author }\n    - { status: under-review, date: 2025-01-20, by: Board }\n    - { status: approved, date: 2025-02-01, by: Chair, note: First edition }\n");
        sb.Append("updated: 2025-02-01\n");
        sb.Append($"summary: Medical care comes first for condition {t}; procedures are for pain that persists {Cite()} {Cite()}\n");
        sb.Append("clinician:\n  sections:\n");
        var claims = 0;
        foreach (var s in Sections)
        {
            sb.Append($"    - title: {s}\n      items:\n");
            for (var i = 0; i < 5; i++)
            {
                sb.Append($"        - text: {Claim()}\n");
                claims++;
                if (i % 2 == 0)
                {
                    sb.Append(i == 0 ? "          strength: strong\n          certainty: moderate\n" : "");
                    sb.Append($"          items:\n            - text: {Claim()}\n");
                    claims++;
                }
            }
        }
        sb.Append($"  red-flags:\n    - text: New leg weakness needs urgent surgical review {Cite()}\n");
        sb.Append("patient:\n  summary: Most back pain from this gets better with time and care.\n  sections:\n");
        for (var s = 0; s < 3; s++)
        {
            sb.Append($"    - title: Step {s + 1}\n      items:\n");
            for (var i = 0; i < 3; i++) sb.Append($"        - text: {PatientWords[(s + i) % PatientWords.Length]}\n");
        }
        sb.Append("  red-flags:\n    - text: Go to the emergency room if your legs feel weak or numb.\n");
        sb.Append("algorithm:\n  title: Treatment algorithm\n  phases:\n");
        sb.Append("    - { id: acute, label: Acute phase, window: 0–6 weeks }\n    - { id: subacute, label: Subacute phase, window: 6 weeks–3 months }\n    - { id: chronic, label: Chronic phase, window: \"> 3 months\" }\n");
        sb.Append("  start: start\n  nodes:\n");
        sb.Append("    - { id: start, kind: start, phase: acute, text: Suspected fracture, next: neuro }\n");
        sb.Append("    - id: neuro\n      kind: decision\n      phase: acute\n      text: Neurological deficit?\n      branches:\n        - { label: \"Yes\", next: surgery }\n        - { label: \"No\", next: early }\n");
        sb.Append($"    - {{ id: surgery, kind: end, phase: acute, text: \"Urgent surgical consultation {Cite()}\" }}\n");
        sb.Append("    - id: early\n      kind: decision\n      phase: acute\n      text: Within 5 days of injury?\n      branches:\n        - { label: \"Yes\", next: calcitonin }\n        - { label: \"No\", next: nsaids }\n");
        sb.Append($"    - {{ id: calcitonin, kind: step, phase: acute, text: \"Calcitonin for 4 weeks {Cite()}\", next: nsaids }}\n");
        sb.Append($"    - {{ id: nsaids, kind: step, phase: acute, text: \"NSAIDs for pain {Cite()}\", next: activity }}\n");
        sb.Append("    - { id: activity, kind: step, phase: subacute, text: Increase activity gradually, next: worse }\n");
        sb.Append("    - id: worse\n      kind: decision\n      phase: subacute\n      text: Worse or new symptoms?\n      branches:\n        - { label: \"Yes\", next: neuro }\n        - { label: \"No\", next: persistent }\n");
        sb.Append("    - id: persistent\n      kind: decision\n      phase: chronic\n      text: Pain after 3 months?\n      branches:\n        - { label: \"Yes\", next: augment }\n        - { label: \"No\", next: maintain }\n");
        sb.Append($"    - {{ id: augment, kind: step, phase: chronic, text: \"Consider vertebral augmentation {Cite()}\", next: done }}\n");
        sb.Append("    - { id: maintain, kind: step, phase: chronic, text: Exercise and bone health, next: done }\n");
        sb.Append("    - { id: done, kind: end, phase: chronic, text: Follow up in primary care }\n");
        sb.Append($"pitfalls:\n  - text: Avoid prolonged bed rest {Cite()}\n  - text: Do not miss neuropathic pain {Cite()}\n");
        return sb.ToString();
    }
}
