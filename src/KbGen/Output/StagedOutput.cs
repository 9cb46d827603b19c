using System.Collections.Concurrent;
using System.Text;

namespace KbGen.Output;

/// <summary>The atomic output switch, double-buffered. `output` is a symbolic link to one of two
/// folders beside it, `.output-a` or `.output-b`. A build brings the other one (the spare) up to
/// date and then points the link at it with one rename(2), as deploy tools do with `current`: a
/// reader, a failed build or a killed one sees the old output or the new one, never a mix.
///
/// The spare is whatever the build before the last one left, or what a failed or killed build
/// half wrote; it is never trusted. Its entries are listed when the build begins; every file the
/// build writes replaces the spare's (unlinked first: unchanged files are hard links shared with
/// the live output, which must not change), every file carried over is made a link to the live
/// one unless it already is that very file, and whatever the build did not produce is removed
/// before the switch. An incremental build after one edit thus touches a few dozen files instead
/// of creating and later removing a thousand folders and linking four thousand files. Anything
/// else named `.output-*` (builds of older versions, a link left by a kill) is removed.</summary>
public sealed class StagedOutput : IBuildOutput
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _parent;
    private readonly string _name;
    private readonly OutputFolder _folder;
    private readonly ConcurrentDictionary<string, bool> _produced = new(StringComparer.Ordinal);
    private readonly Task<SpareEntries> _entries;
    private bool _done;
    private int _written, _kept;

    private StagedOutput(string parent, string name, string target)
    {
        _parent = parent;
        _name = name;
        Target = target;
        Root = Path.Combine(parent, target);
        _folder = new OutputFolder(Root);
        // Listing the spare (a few thousand entries) overlaps with rendering; only Commit needs it.
        _entries = Task.Run(() => SpareEntries.Of(Root));
    }

    /// <summary>The folder being brought up to date; becomes the output on commit.</summary>
    public string Root { get; }
    public string OutputPath => Path.Combine(_parent, _name);
    public string Target { get; }

    public static StagedOutput Begin(string outDir)
    {
        var full = Path.GetFullPath(outDir.TrimEnd('/', '\\'));
        var parent = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        var current = CurrentTarget(full);
        var target = current == $".{name}-a" ? $".{name}-b" : $".{name}-a";
        RemoveLeftovers(parent, name, keep: [current, target]);
        var spare = Path.Combine(parent, target);
        // A spare that is not a plain folder (a link, a file) is not ours to write through.
        if (Posix.Entry(spare) == Posix.EntryKind.Other) Posix.Unlink(spare);
        Directory.CreateDirectory(spare);
        return new StagedOutput(parent, name, target);
    }

    public string PathOf(string relative)
    {
        var path = _folder.PathOf(relative);
        _produced[relative] = true;
        return path;
    }

    public void WriteText(string relative, string text) => File.WriteAllText(Fresh(relative), text, Utf8);
    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes) => File.WriteAllBytes(Fresh(relative), bytes);
    public Stream Create(string relative) => new FileStream(Fresh(relative), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>A path to write a new file at: the spare's old file there is unlinked, never
    /// overwritten, because it may be the live output's file under a second name.</summary>
    private string Fresh(string relative)
    {
        Interlocked.Increment(ref _written);
        var path = PathOf(relative);
        ClearPath(path);
        return path;
    }

    /// <summary>The live output's file, as a hard link (a copy where links are not possible),
    /// unless the spare already holds that very file.</summary>
    public void Keep(string relative, string currentPath)
    {
        Interlocked.Increment(ref _kept);
        var dst = PathOf(relative);
        if (Posix.SameFile(currentPath, dst)) return;
        ClearPath(dst);
        if (!Posix.TryLink(currentPath, dst, out _)) File.Copy(currentPath, dst, overwrite: false);
    }

    /// <summary>Removes whatever is at <paramref name="path"/>: a folder with its contents, or a
    /// file or link by its name (never what a link points to).</summary>
    private static void ClearPath(string path)
    {
        switch (Posix.Entry(path))
        {
            case Posix.EntryKind.Folder: Directory.Delete(path, recursive: true); break;
            case Posix.EntryKind.Other: Posix.Unlink(path); break;
        }
    }

    public string Locate(string relative) => Path.Combine(Root, relative);

    /// <summary>Removes what the build did not produce from the spare, then switches the output to
    /// it in one atomic step.</summary>
    public void Commit()
    {
        _entries.GetAwaiter().GetResult().RemoveAllBut(Root, _produced);
        var link = Path.Combine(_parent, $"{Target}.link");
        File.Delete(link);
        File.CreateSymbolicLink(link, Target);
        var outPath = OutputPath;
        var info = new DirectoryInfo(outPath);
        string? replaced = null;
        if (info.Exists && info.LinkTarget is null)
        {
            // A real folder from before (or from another tool): move it aside, then switch.
            replaced = Path.Combine(_parent, $".{_name}-replaced-{Guid.NewGuid():N}");
            Posix.Rename(outPath, replaced);
        }
        var previous = CurrentTarget(outPath);
        Posix.Rename(link, outPath);
        _done = true;
        if (replaced is not null) RemoveLeftovers(_parent, _name, keep: [Target, SpareOf(Target)]);
        // The folder just replaced is the next build's spare. When this build rewrote most files,
        // most of its files are stale: it is removed now, within the long build, rather than file
        // by file within the next one (freeing thousands of files takes seconds on some disks).
        else if (_written > _kept && previous == SpareOf(Target)) RemoveLeftovers(_parent, _name, keep: [Target]);
    }

    /// <summary>A build that did not commit leaves the spare as it is: the next build rewrites it.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try { _entries.Wait(); } catch (AggregateException) { }
    }

    private string SpareOf(string target) => target == $".{_name}-a" ? $".{_name}-b" : $".{_name}-a";

    private static string? CurrentTarget(string outPath)
    {
        var target = new FileInfo(outPath).LinkTarget;
        return target is null ? null : Path.GetFileName(target.TrimEnd('/'));
    }

    /// <summary>Removes entries `.name-*` beside the output other than <paramref name="keep"/>.</summary>
    private static void RemoveLeftovers(string parent, string name, string?[] keep)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent, $".{name}-*"))
        {
            if (keep.Contains(Path.GetFileName(entry))) continue;
            try { ClearPath(entry); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The spare's files and folders as found when the build began.</summary>
    private sealed class SpareEntries
    {
        private readonly List<string> _files = [];
        private readonly List<string> _folders = [];

        public static SpareEntries Of(string root)
        {
            var e = new SpareEntries();
            e.Walk(root, "");
            return e;
        }

        private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

        private void Walk(string dir, string prefix)
        {
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", AllEntries))
            {
                var rel = prefix + entry.Name;
                // A link to a folder is an entry to remove, never a folder to descend into.
                if (entry is DirectoryInfo && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
                {
                    _folders.Add(rel);
                    Walk(entry.FullName, rel + Path.DirectorySeparatorChar);
                }
                else _files.Add(rel);
            }
        }

        /// <summary>Removes every listed file the build did not produce, then folders left empty
        /// (deepest first).</summary>
        public void RemoveAllBut(string root, ConcurrentDictionary<string, bool> produced)
        {
            foreach (var rel in _files)
            {
                if (produced.ContainsKey(rel)) continue;
                var path = Path.Combine(root, rel);
                // A link listed here may since have been replaced by a folder of this build.
                if (Posix.Entry(path) == Posix.EntryKind.Other) Posix.Unlink(path);
            }
            foreach (var rel in _folders.OrderByDescending(f => f.Length))
            {
                var dir = Path.Combine(root, rel);
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
        }
    }
}
