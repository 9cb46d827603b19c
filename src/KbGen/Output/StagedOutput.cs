using System.Text;

namespace KbGen.Output;

/// <summary>The atomic output switch. A build writes a complete new folder `.output-&lt;id&gt;` beside
/// the output; <see cref="Commit"/> points the `output` symbolic link at it with one rename(2),
/// as deploy tools do with `current`. A reader, a failed build or a killed one sees the old
/// output or the new one, never a mix; the next build removes leftovers.</summary>
public sealed class StagedOutput : IBuildOutput
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _parent;
    private readonly string _name;
    private bool _done;
    private readonly OutputFolder _folder;

    private StagedOutput(string outDir, string id)
    {
        var full = Path.GetFullPath(outDir.TrimEnd('/', '\\'));
        _parent = Path.GetDirectoryName(full)!;
        _name = Path.GetFileName(full);
        Id = id;
        Root = Path.Combine(_parent, $".{_name}-{id}");
        _folder = new OutputFolder(Root);
    }

    public string Id { get; }
    /// <summary>The staging folder; becomes the output on commit.</summary>
    public string Root { get; }
    public string OutputPath => Path.Combine(_parent, _name);
    public string Target => Path.GetFileName(Root);

    /// <summary>A hard link to the current output's file (a copy where links are not possible).</summary>
    public void Keep(string relative, string currentPath)
    {
        var dst = PathOf(relative);
        if (!Posix.TryLink(currentPath, dst, out _)) File.Copy(currentPath, dst, overwrite: false);
    }

    public string Locate(string relative) => Path.Combine(Root, relative);

    public static StagedOutput Begin(string outDir)
    {
        var id = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Convert.ToHexString(Guid.NewGuid().ToByteArray()[..4]).ToLowerInvariant()}";
        var s = new StagedOutput(outDir, id);
        Directory.CreateDirectory(s._parent);
        s.RemoveLeftovers();
        Directory.CreateDirectory(s.Root);
        return s;
    }

    public string PathOf(string relative) => _folder.PathOf(relative);

    public void WriteText(string relative, string text) => File.WriteAllText(PathOf(relative), text, Utf8);
    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes) => File.WriteAllBytes(PathOf(relative), bytes);
    public Stream Create(string relative) => new FileStream(PathOf(relative), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Switches the output to this build in one atomic step.</summary>
    /// <param name="deferCleanup">Remove the replaced build on a background thread (serve, where
    /// the next save is what matters); a process that exits first leaves it for the next build.</param>
    public void Commit(bool deferCleanup = false)
    {
        var link = Path.Combine(_parent, $".{_name}-{Id}.link");
        File.CreateSymbolicLink(link, Path.GetFileName(Root));
        var outPath = OutputPath;
        var info = new DirectoryInfo(outPath);
        if (info.Exists && info.LinkTarget is null)
        {
            // A real folder from before (or from another tool): move it aside, then switch.
            Posix.Rename(outPath, Path.Combine(_parent, $".{_name}-replaced-{Id}"));
        }
        Posix.Rename(link, outPath);
        _done = true;
        if (deferCleanup) ThreadPool.QueueUserWorkItem(_ => RemoveLeftovers());
        else RemoveLeftovers();
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Removes staging folders and links of earlier (failed or killed) builds, keeping
    /// whatever `output` points to now and this build's own staging folder.</summary>
    private void RemoveLeftovers()
    {
        var current = new FileInfo(OutputPath).LinkTarget;
        var keep = current is null ? null : Path.GetFileName(current.TrimEnd('/'));
        foreach (var entry in Directory.EnumerateFileSystemEntries(_parent, $".{_name}-*"))
        {
            var n = Path.GetFileName(entry);
            if (n == keep || entry == Root) continue;
            try
            {
                var fi = new FileInfo(entry);
                if (fi.LinkTarget is not null || File.Exists(entry)) File.Delete(entry);
                else Directory.Delete(entry, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
