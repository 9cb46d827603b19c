using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KbGen.Authoring;
using KbGen.Building;
using KbGen.Output;
using KbGen.Publishing;
using KbGen.Tests.Site;
using KbGen.Tests.Support;

namespace KbGen.Tests.Building;

/// <summary>Parallel and incremental builds give exactly the bytes of a single-threaded full build;
/// the cache beside the output is never trusted when it is corrupt or stale.</summary>
public class IncrementalBuildTests
{
    private static readonly DateTimeOffset Stamp = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class Kb : IDisposable
    {
        private readonly TempDir _tmp = new("incr");
        public Kb(int topics = 6)
        {
            CorpusGenerator.Write(Content, topics);
        }
        public string Content => _tmp.Combine("content");
        public string Out => _tmp.Combine("output");
        public string Root => _tmp.Path;
        public string Manifest => BuildCache.ManifestPath(Out);
        public string? Templates { get; set; }
        /// <summary>Parsed files kept from build to build, as serve keeps them.</summary>
        public KbGen.Loading.ParseCache? Parsed { get; set; }

        public BuildReport Build(string? outDir = null, bool incremental = true, int parallelism = 0, bool verify = false, bool inPlace = false)
        {
            var report = TryBuild(outDir, incremental, parallelism, verify, inPlace);
            Assert.True(report.Succeeded, TestBuild.Describe(report));
            return report;
        }

        public BuildReport TryBuild(string? outDir = null, bool incremental = true, int parallelism = 0, bool verify = false, bool inPlace = false)
        {
            return SiteBuild.Run(new BuildOptions
            {
                ContentDir = Content,
                OutDir = outDir ?? Out,
                TemplatesDir = Templates,
                Channel = Channel.Preview,
                Today = TestBuild.Today,
                Timestamp = Stamp,
                Incremental = incremental,
                VerifyCache = verify,
                InPlace = inPlace,
                ParseCache = Parsed,
                MaxParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount,
            });
        }

        /// <summary>A full, single-threaded build without cache of the same content, elsewhere.</summary>
        public Dictionary<string, string> Reference()
        {
            var dir = _tmp.Combine("reference-" + Guid.NewGuid().ToString("N")[..8]);
            Build(dir, incremental: false, parallelism: 1);
            return Files(dir);
        }

        public void Edit(string relative, Func<string, string> change)
        {
            var path = Path.Combine(Content, relative);
            var before = File.ReadAllText(path);
            var after = change(before);
            Assert.NotEqual(before, after);
            File.WriteAllText(path, after);
        }

        /// <summary>Renames generated topic <paramref name="n"/> ("Generated topic 3" → "… three").</summary>
        public void Retitle(int n) =>
            Edit($"topics/topic-{n:D5}.yaml", s => s.Replace($"title: Generated topic {n}", $"title: Generated topic {Words[n]}"));

        private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five"];

        public void Dispose() => _tmp.Dispose();
    }

    private static Dictionary<string, string> Files(string outDir)
    {
        var root = new DirectoryInfo(outDir).ResolveLinkTarget(true)?.FullName ?? outDir;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
    }

    private static void AssertSame(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var differing = expected.Where(kv => actual[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        Assert.Empty(differing);
    }

    private static string Live(string outDir) => new DirectoryInfo(outDir).ResolveLinkTarget(true)!.FullName;

    [Fact]
    public void A_parallel_build_writes_the_same_bytes_as_a_single_threaded_one()
    {
        using var kb = new Kb(topics: 12);
        kb.Build(kb.Root + "/parallel", incremental: false, parallelism: 8);
        AssertSame(kb.Reference(), Files(kb.Root + "/parallel"));
    }

    [Fact]
    public void A_second_build_of_unchanged_content_reuses_every_topic_and_writes_the_same_bytes()
    {
        using var kb = new Kb();
        var first = kb.Build();
        Assert.Empty(first.ReusedTopics);
        var before = Files(kb.Out);
        var second = kb.Build();
        Assert.Equal(6, second.ReusedTopics.Count);
        Assert.Null(second.CacheRejected);
        Assert.Equal(first.Pages, second.Pages);
        Assert.Equal(first.Pdfs, second.Pdfs);
        Assert.Equal(first.Charts, second.Charts);
        AssertSame(before, Files(kb.Out));
        // The cache lives beside the output, not inside what is switched.
        Assert.True(File.Exists(kb.Manifest));
        Assert.StartsWith(Path.Combine(kb.Root, ".kbgen-cache"), kb.Manifest);
        Assert.DoesNotContain(Files(kb.Out).Keys, k => k.Contains("kbgen-cache"));
    }

    public static TheoryData<string, bool> EditsAndProcesses()
    {
        var data = new TheoryData<string, bool>();
        foreach (var what in new[] { "topic", "reference", "template", "kb.yaml", "page" })
        {
            data.Add(what, false);
            data.Add(what, true);
        }
        return data;
    }

    /// <param name="asServe">Builds in one process that keeps parsed files (and with them topic and
    /// reference objects, and the keys worked out from them) from build to build, as serve does.</param>
    [Theory]
    [MemberData(nameof(EditsAndProcesses))]
    public void After_an_edit_the_incremental_build_equals_a_full_build(string what, bool asServe)
    {
        using var kb = new Kb();
        if (asServe) kb.Parsed = new KbGen.Loading.ParseCache();
        var templates = Path.Combine(kb.Root, "templates");
        Directory.CreateDirectory(templates);
        File.Copy(Path.Combine(TestPaths.Templates, "layout.hbs"), Path.Combine(templates, "layout.hbs"));
        kb.Templates = templates;
        kb.Build();

        int expectReused;
        switch (what)
        {
            case "topic":
                kb.Edit("topics/topic-00002.yaml", s => s.Replace("question: How should condition 2 be managed?", "question: How is condition 2 best managed?"));
                expectReused = 5;
                break;
            case "reference":
                kb.Edit("references/ref-00005.yaml", s => Regex.Replace(s, "title: .*", "title: A corrected title"));
                // Topics 0..5 cite (3t + 5i) mod 16 for i in 0..7: ref 5 is cited by topics 0, 5 and those t with 3t ≡ 5 - 5i.
                expectReused = -1;
                break;
            case "template":
                kb.Edit(Path.Combine(templates, "layout.hbs"), s => s.Replace("</body>", "<!-- edited --></body>"));
                expectReused = 0;
                break;
            case "kb.yaml":
                kb.Edit("kb.yaml", s => s.Replace("title: Generated Knowledge Base", "title: Renamed Knowledge Base"));
                expectReused = 0;
                break;
            default:
                kb.Edit("pages/disclaimer.md", s => s.Replace("Not medical advice.", "This is not medical advice."));
                expectReused = 0;
                break;
        }
        var report = kb.Build();
        if (expectReused >= 0) Assert.Equal(expectReused, report.ReusedTopics.Count);
        else Assert.InRange(report.ReusedTopics.Count, 1, 5);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void Editing_one_topic_rewrites_only_its_files_and_the_pages_that_list_it()
    {
        using var kb = new Kb();
        kb.Build();
        // Age every file: reused files keep this time (they are links to the same files), rewritten
        // ones get a new one. (The cache then also has to confirm each reused file by its hash.)
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var live = Live(kb.Out);
        foreach (var f in Directory.EnumerateFiles(live, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, old);

        kb.Retitle(3);
        var report = kb.Build();
        Assert.Equal(["topic-00000", "topic-00001", "topic-00002", "topic-00004", "topic-00005"], report.ReusedTopics.Order());
        // The one topic's handouts were made beside its page; the report counts every topic's, as a full build's does.
        Assert.Equal(12, report.Pdfs);
        Assert.Single(report.Stages, s => s.Stage == "pdf");

        live = Live(kb.Out);
        var rewritten = Directory.EnumerateFiles(live, "*", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) != old).Select(f => Path.GetRelativePath(live, f)).Order(StringComparer.Ordinal).ToList();
        string[] expected =
        [
            "charts/topic-00003-algorithm.pdf",
            "pdf/topic-00003-clinician.pdf",
            "pdf/topic-00003-patient.pdf",
            "site/404.html",
            "site/assets/search-index.js",
            "site/assets/search-index.json",
            "site/assets/site.css",
            "site/assets/site.js",
            "site/feed.xml",
            "site/index.html",
            "site/pages/disclaimer/index.html",
            "site/pages/editorial-policy/index.html",
            "site/references/index.html",
            "site/sitemap.xml",
            "site/topics/topic-00003/index.html",
            "site/whats-new/index.html",
        ];
        Assert.Equal(expected, rewritten);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    // ---- a corrupt or stale cache is detected and ignored ----

    private static void Rewrite(string manifest, Func<string, string> changeBody)
    {
        var text = File.ReadAllText(manifest);
        var nl = text.IndexOf('\n');
        var body = changeBody(text[(nl + 1)..]);
        var header = text[..nl].Split(' ');
        File.WriteAllText(manifest, $"{header[0]} {header[1]} {BuildCache.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}\n{body}");
    }

    public static TheoryData<string> Corruptions => new()
    {
        "not-json", "truncated", "empty", "checksum", "other-format", "other-version", "other-output", "other-topic-key",
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_or_stale_manifest_is_ignored(string kind)
    {
        using var kb = new Kb();
        kb.Build();
        var m = kb.Manifest;
        var text = File.ReadAllText(m);
        switch (kind)
        {
            case "not-json": File.WriteAllText(m, "{ this is : not json"); break;
            case "truncated": File.WriteAllText(m, text[..(text.Length / 2)]); break;
            case "empty": File.WriteAllText(m, ""); break;
            // A file hash changed inside the body without the checksum: the manifest is not believed.
            case "checksum": File.WriteAllText(m, Regex.Replace(text, "\"sha256\":\"[0-9a-f]", "\"sha256\":\"x")); break;
            case "other-format": File.WriteAllText(m, text.Replace($"kbgen-cache {BuildCache.FormatVersion} ", "kbgen-cache 999 ")); break;
            case "other-version": Rewrite(m, b => b.Replace(BuildCache.ProgramVersion.Replace("+", "\\u002B"), "0.0.1/cache-1")); break;
            case "other-output": Rewrite(m, b => Regex.Replace(b, "\"output\":\"[^\"]*\"", "\"output\":\".output-elsewhere\"")); break;
            case "other-topic-key": Rewrite(m, b => Regex.Replace(b, "\"key\":\"[0-9a-f]{8}", "\"key\":\"00000000")); break;
        }
        Assert.NotEqual(text, File.ReadAllText(m));
        var report = kb.Build();
        Assert.Empty(report.ReusedTopics);
        if (kind != "other-topic-key") Assert.NotNull(report.CacheRejected);
        AssertSame(kb.Reference(), Files(kb.Out));
        // The build wrote a good manifest again: the next build reuses everything.
        Assert.Equal(6, kb.Build().ReusedTopics.Count);
    }

    [Fact]
    public void A_manifest_describing_an_output_built_without_the_cache_is_ignored()
    {
        using var kb = new Kb();
        kb.Build();
        kb.Build(incremental: false); // switches the output to a folder the manifest does not describe
        var report = kb.Build();
        Assert.Empty(report.ReusedTopics);
        Assert.Equal("describes another output", report.CacheRejected);
    }

    [Fact]
    public void A_missing_output_file_makes_its_topic_render_again()
    {
        using var kb = new Kb();
        kb.Build();
        File.Delete(Path.Combine(Live(kb.Out), "pdf", "topic-00001-patient.pdf"));
        var report = kb.Build();
        Assert.DoesNotContain("topic-00001", report.ReusedTopics);
        Assert.Equal(5, report.ReusedTopics.Count);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void An_output_file_whose_hash_does_not_match_makes_its_topic_render_again()
    {
        using var kb = new Kb();
        kb.Build();
        var chart = Path.Combine(Live(kb.Out), "charts", "topic-00004-algorithm.pdf");
        var page = Path.Combine(Live(kb.Out), "site", "topics", "topic-00002", "index.html");
        // Same length, other bytes; the page even gets its modification time back.
        File.WriteAllBytes(chart, new byte[new FileInfo(chart).Length]);
        var time = File.GetLastWriteTimeUtc(page);
        var bytes = File.ReadAllBytes(page);
        bytes[^2] ^= 0x20;
        File.WriteAllBytes(page, bytes);
        File.SetLastWriteTimeUtc(page, time);

        var report = kb.Build(verify: true);
        Assert.DoesNotContain("topic-00004", report.ReusedTopics);
        Assert.DoesNotContain("topic-00002", report.ReusedTopics);
        Assert.Equal(4, report.ReusedTopics.Count);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void A_changed_output_file_is_caught_by_size_and_time_then_hash_without_full_verification()
    {
        using var kb = new Kb();
        kb.Build();
        var pdf = Path.Combine(Live(kb.Out), "pdf", "topic-00005-clinician.pdf");
        File.WriteAllBytes(pdf, new byte[new FileInfo(pdf).Length]);
        var report = kb.Build();
        Assert.DoesNotContain("topic-00005", report.ReusedTopics);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void A_new_and_a_removed_topic_are_handled()
    {
        using var kb = new Kb();
        kb.Build();
        File.Copy(Path.Combine(kb.Content, "topics", "topic-00001.yaml"), Path.Combine(kb.Content, "topics", "topic-00099.yaml"));
        kb.Edit("topics/topic-00099.yaml", s => s.Replace("id: topic-00001", "id: topic-00099"));
        File.Delete(Path.Combine(kb.Content, "topics", "topic-00004.yaml"));
        var report = kb.Build();
        Assert.Equal(5, report.ReusedTopics.Count);
        Assert.DoesNotContain("topic-00099", report.ReusedTopics);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    // ---- serve's update in place ----

    [Fact]
    public void An_update_in_place_rewrites_only_what_changed_and_equals_a_full_build()
    {
        using var kb = new Kb();
        kb.Build(inPlace: true); // nothing to update yet: a staged build
        var folder = Live(kb.Out);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, old);

        kb.Retitle(3);
        var report = kb.Build(inPlace: true);
        Assert.Equal(5, report.ReusedTopics.Count);
        Assert.Equal(folder, Live(kb.Out)); // the same folder, updated
        var rewritten = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) != old).Select(f => Path.GetRelativePath(folder, f)).ToList();
        Assert.Contains("site/topics/topic-00003/index.html", rewritten);
        Assert.Contains("pdf/topic-00003-patient.pdf", rewritten);
        Assert.DoesNotContain(rewritten, f => f.Contains("topic-00002"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(kb.Root), e => e.Contains(".update-"));
        AssertSame(kb.Reference(), Files(kb.Out));
        // And the next build trusts the manifest written after the update.
        Assert.Equal(6, kb.Build(inPlace: true).ReusedTopics.Count);
    }

    [Fact]
    public void An_update_in_place_removes_the_files_of_a_removed_topic_and_page()
    {
        using var kb = new Kb();
        kb.Build(inPlace: true);
        File.Delete(Path.Combine(kb.Content, "topics", "topic-00004.yaml"));
        kb.Edit("kb.yaml", s => s.Replace("pages: [editorial-policy, disclaimer]", "pages: [editorial-policy]"));
        File.Delete(Path.Combine(kb.Content, "pages", "disclaimer.md"));
        kb.Build(inPlace: true);
        var files = Files(kb.Out);
        Assert.DoesNotContain(files.Keys, f => f.Contains("topic-00004") || f.Contains("disclaimer"));
        Assert.False(Directory.Exists(Path.Combine(Live(kb.Out), "site", "topics", "topic-00004")));
        AssertSame(kb.Reference(), files);
    }

    [Fact]
    public void A_failed_update_in_place_leaves_the_output_and_its_manifest_as_they_were()
    {
        using var kb = new Kb();
        var templates = Path.Combine(kb.Root, "templates");
        Directory.CreateDirectory(templates);
        File.Copy(Path.Combine(TestPaths.Templates, "topic.hbs"), Path.Combine(templates, "topic.hbs"));
        kb.Templates = templates;
        kb.Build(inPlace: true);
        var before = Files(kb.Out);
        var manifest = File.ReadAllText(kb.Manifest);

        // The topic renders again (its page fails), while home and search index were already written.
        kb.Retitle(1);
        File.AppendAllText(Path.Combine(templates, "topic.hbs"), "{{no-such-field}}");
        var report = kb.TryBuild(inPlace: true);
        Assert.False(report.Succeeded);
        AssertSame(before, Files(kb.Out));
        Assert.Equal(manifest, File.ReadAllText(kb.Manifest));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(kb.Root), e => e.Contains(".update-"));
    }

    [Fact]
    public void Without_a_manifest_to_vouch_for_the_output_an_update_in_place_is_a_staged_build()
    {
        using var kb = new Kb();
        kb.Build(inPlace: true);
        var folder = Live(kb.Out);
        File.Delete(kb.Manifest); // as after an interrupted update
        var report = kb.Build(inPlace: true);
        Assert.Empty(report.ReusedTopics);
        Assert.NotEqual(folder, Live(kb.Out));
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    // ---- the double-buffered output: builds bring the spare folder up to date, then switch ----

    [Fact]
    public void Builds_alternate_between_two_folders_and_the_spare_shares_unchanged_files_with_the_live_one()
    {
        using var kb = new Kb();
        kb.Build();
        Assert.Equal(".output-a", OutputFolders.Current(kb.Out));
        kb.Retitle(3);
        kb.Build();
        Assert.Equal(".output-b", OutputFolders.Current(kb.Out));
        kb.Retitle(4);
        var report = kb.Build();
        Assert.Equal(".output-a", OutputFolders.Current(kb.Out));
        Assert.Equal(5, report.ReusedTopics.Count);
        Assert.Empty(OutputFolders.Leftovers(kb.Out));

        var live = Path.Combine(kb.Root, ".output-a");
        var spare = Path.Combine(kb.Root, ".output-b");
        // An untouched topic's files are one file under both names; an edited one's are not.
        Assert.True(Posix.SameFile(Path.Combine(live, "site/topics/topic-00001/index.html"), Path.Combine(spare, "site/topics/topic-00001/index.html")));
        Assert.True(Posix.SameFile(Path.Combine(live, "pdf/topic-00001-patient.pdf"), Path.Combine(spare, "pdf/topic-00001-patient.pdf")));
        Assert.False(Posix.SameFile(Path.Combine(live, "site/topics/topic-00004/index.html"), Path.Combine(spare, "site/topics/topic-00004/index.html")));
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void A_spare_folder_with_foreign_entries_is_set_right_and_nothing_is_written_through_a_link()
    {
        using var kb = new Kb();
        kb.Build();
        kb.Retitle(3);
        kb.Build();
        var spare = Path.Combine(kb.Root, OutputFolders.Spare(kb.Out));
        var liveBefore = Files(kb.Out);

        // What a person or another tool might leave in the spare.
        var outside = kb.Root + "/outside";
        Directory.CreateDirectory(outside);
        File.WriteAllText(outside + "/keep.txt", "not kbgen's");
        File.WriteAllText(Path.Combine(spare, "site/stray.html"), "stray");
        Directory.CreateDirectory(Path.Combine(spare, "site/stray-folder/deeper"));
        Directory.Delete(Path.Combine(spare, "site/topics/topic-00002"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(spare, "site/topics/topic-00002"), outside);   // a folder that is a link
        var patient = Path.Combine(spare, "pdf/topic-00001-patient.pdf");
        File.Delete(patient);
        File.WriteAllText(patient, "a different file under a carried file's name");                  // not the live file
        Directory.Delete(Path.Combine(spare, "site/pages"), recursive: true);
        File.WriteAllText(Path.Combine(spare, "site/pages"), "a file where a folder belongs");
        File.WriteAllText(Path.Combine(spare, "site/index.html.tmp"), "junk");

        kb.Retitle(4);
        kb.Build();

        Assert.Equal(Path.GetFileName(spare), OutputFolders.Current(kb.Out));
        AssertSame(kb.Reference(), Files(kb.Out));
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.Equal("not kbgen's", File.ReadAllText(outside + "/keep.txt"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(spare, "*", SearchOption.AllDirectories),
            e => new FileInfo(e).LinkTarget is not null);
        // The folder that was live during that build is untouched by it.
        AssertSame(liveBefore, Files(Path.Combine(kb.Root, OutputFolders.Spare(kb.Out))));
    }

    [Fact]
    public void A_build_that_rewrote_most_files_removes_the_folder_it_replaced_instead_of_keeping_it_as_spare()
    {
        using var kb = new Kb();
        kb.Build();
        kb.Retitle(3);
        kb.Build();
        Assert.True(Directory.Exists(Path.Combine(kb.Root, OutputFolders.Spare(kb.Out)))); // mostly the same files: kept
        kb.Edit("kb.yaml", s => s.Replace("title: Generated Knowledge Base", "title: Renamed Knowledge Base"));
        Assert.Empty(kb.Build().ReusedTopics);
        Assert.False(Directory.Exists(Path.Combine(kb.Root, OutputFolders.Spare(kb.Out)))); // all stale: removed
        kb.Retitle(4);
        Assert.Equal(5, kb.Build().ReusedTopics.Count);
        AssertSame(kb.Reference(), Files(kb.Out));
    }

    [Fact]
    public void A_build_waits_while_another_build_of_the_same_output_holds_its_lock()
    {
        using var kb = new Kb();
        kb.Build();
        var before = OutputFolders.Current(kb.Out);
        var waiting = new ManualResetEventSlim();
        Task<BuildReport> second;
        using (BuildLock.Acquire(kb.Out))
        {
            second = Task.Run(() => SiteBuild.Run(new BuildOptions
            {
                ContentDir = kb.Content, OutDir = kb.Out, Channel = Channel.Preview, Today = TestBuild.Today, Timestamp = Stamp,
            }, line => { if (line.StartsWith("waiting for another build", StringComparison.Ordinal)) waiting.Set(); }));
            Assert.True(waiting.Wait(TimeSpan.FromSeconds(30)), "the second build did not report that it waits");
            Assert.False(second.IsCompleted);
            Assert.Equal(before, OutputFolders.Current(kb.Out));
        }
        Assert.True(second.Result.Succeeded, TestBuild.Describe(second.Result));
        Assert.NotEqual(before, OutputFolders.Current(kb.Out));
    }
}
