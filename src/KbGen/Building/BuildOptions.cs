using KbGen.Publishing;
using KbGen.Rendering.Handouts;
using KbGen.Rendering.Html;

namespace KbGen.Building;

public sealed record BuildOptions
{
    public string ContentDir { get; init; } = "content";
    public string OutDir { get; init; } = "output";
    public string? TemplatesDir { get; init; }
    public Channel Channel { get; init; } = Channel.Public;
    public bool WarningsAsErrors { get; init; }
    /// <summary>Time stamped into outputs (PDF dates, footers): SOURCE_DATE_EPOCH when set,
    /// else the newest date in the content, so that the same input gives the same bytes.</summary>
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>Today's date for "review due" labels and future-date checks.</summary>
    public DateOnly? Today { get; init; }
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Parsed files kept by a long-running caller (serve) between builds.</summary>
    public Loading.ParseCache? ParseCache { get; init; }
    /// <summary>With a cache that vouches for the current output, update it where it stands instead
    /// of switching to a new folder: a rebuild then touches only the files that change. Each file
    /// is replaced atomically, the set of files is not, so this is only for an output that no one
    /// else reads: serve's private preview folder, read under <see cref="OutputLock"/>.</summary>
    public bool InPlace { get; init; }
    /// <summary>Held for writing while the output is committed; a reader in the same process (serve)
    /// takes it for reading around opening a file, so it never sees a commit half done.</summary>
    public ReaderWriterLockSlim? OutputLock { get; init; }
    /// <summary>Compiled templates kept by a long-running caller (serve) between builds.</summary>
    public TemplateCache? Templates { get; init; }
    public bool Site { get; init; } = true;
    public bool Handouts { get; init; } = true;
    /// <summary>The handouts each topic gets. Only benchmarks (`--only patient-pdf`) leave out the
    /// clinician summary, to time the handout that a browser is timed printing.</summary>
    public IReadOnlyList<HandoutAudience> HandoutAudiences { get; init; } = [HandoutAudience.Patient, HandoutAudience.Clinician];
    public bool Charts { get; init; } = true;
    /// <summary>Reuse unchanged topics' files from the previous output (`.kbgen-cache/` beside the output).</summary>
    public bool Incremental { get; init; } = true;
    /// <summary>Check every reused file's SHA-256, not only its size and modification time.</summary>
    public bool VerifyCache { get; init; }
    /// <summary>Chart paper, preferred first, then larger sizes to fall back to (a3|a4|letter|tabloid).</summary>
    public IReadOnlyList<string> ChartPapers { get; init; } = ["a4", "a3"];

    public static DateTimeOffset? SourceDateEpoch()
    {
        var v = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        return long.TryParse(v, out var secs) ? DateTimeOffset.FromUnixTimeSeconds(secs) : null;
    }
}
