using System.Collections.Concurrent;

namespace KbGen.Output;

/// <summary>An update of the current output where it stands, for `serve`: a rebuild after one
/// edit rewrites a handful of files, and re-linking thousands of unchanged ones into a new folder
/// (what <see cref="StagedOutput"/> does, for atomicity) would cost more than the edit itself.
/// New files are written into a side folder first; a build that fails leaves the output as it
/// was. <see cref="Commit"/> then renames each into place (every file is replaced atomically, the
/// set of files is not) and removes the previous build's files this build no longer has. The
/// caller forgets the build cache's manifest before committing, so an interrupted commit is
/// never trusted: the next build is then a full, staged one.</summary>
public sealed class InPlaceOutput : IBuildOutput
{
    private readonly string _live;
    private readonly string _side;
    private readonly IReadOnlyCollection<string> _previous;
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _kept = new(StringComparer.Ordinal);
    private readonly OutputFolder _sideFolder;
    private bool _done;

    private InPlaceOutput(string live, string side, IReadOnlyCollection<string> previous)
    {
        _live = live;
        _side = side;
        _sideFolder = new OutputFolder(side);
        _previous = previous;
    }

    /// <param name="currentFolder">The folder the output link points to now.</param>
    /// <param name="previousFiles">Every file of the current output (from the build cache).</param>
    public static InPlaceOutput Begin(string currentFolder, IReadOnlyCollection<string> previousFiles)
    {
        var live = Path.GetFullPath(currentFolder);
        var side = Path.Combine(Path.GetDirectoryName(live)!, Path.GetFileName(live) + ".update-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(side);
        return new InPlaceOutput(live, side, previousFiles);
    }

    public string Target => Path.GetFileName(_live);

    private string SidePath(string relative)
    {
        var full = _sideFolder.PathOf(relative);
        _written[relative] = true;
        return full;
    }

    public void WriteText(string relative, string text) => File.WriteAllText(SidePath(relative), text, Utf8);

    private static readonly System.Text.UTF8Encoding Utf8 = new(false);
    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes) => File.WriteAllBytes(SidePath(relative), bytes);
    public Stream Create(string relative) => new FileStream(SidePath(relative), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>The file is already where it belongs.</summary>
    public void Keep(string relative, string currentPath) => _kept[relative] = true;

    public string Locate(string relative) =>
        Path.Combine(_written.ContainsKey(relative) ? _side : _live, relative);

    public void Commit()
    {
        foreach (var rel in _written.Keys.Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(_live, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Posix.Rename(Path.Combine(_side, rel), target);
        }
        foreach (var rel in _previous)
        {
            if (_written.ContainsKey(rel) || _kept.ContainsKey(rel)) continue;
            try
            {
                var path = Path.Combine(_live, rel);
                File.Delete(path);
                // A removed topic's folder goes with its page.
                for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > _live.Length && !Directory.EnumerateFileSystemEntries(dir).Any();
                     dir = Path.GetDirectoryName(dir))
                    Directory.Delete(dir);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        _done = true;
        RemoveSide();
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        RemoveSide();
    }

    private void RemoveSide()
    {
        try { Directory.Delete(_side, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
