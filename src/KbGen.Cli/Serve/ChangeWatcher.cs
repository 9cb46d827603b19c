namespace KbGen.Cli.Serve;

/// <summary>Watches folders (content, templates) and calls back once changes have been quiet for
/// the debounce interval (~100 ms), with the set of paths that changed. Editor scratch files
/// (swap, backup, hidden) and the output folder are ignored.</summary>
public sealed class ChangeWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly TimeSpan _quiet;
    private readonly Action<IReadOnlyCollection<string>> _onChange;
    private readonly Func<string, bool> _ignore;
    private readonly object _gate = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _disposed;

    public ChangeWatcher(IEnumerable<string> folders, TimeSpan quiet, Func<string, bool> ignore, Action<IReadOnlyCollection<string>> onChange)
    {
        _quiet = quiet;
        _onChange = onChange;
        _ignore = ignore;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var folder in folders.Distinct())
        {
            var w = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                InternalBufferSize = 64 * 1024,
            };
            w.Changed += (_, e) => Note(e.FullPath);
            w.Created += (_, e) => Note(e.FullPath);
            w.Deleted += (_, e) => Note(e.FullPath);
            w.Renamed += (_, e) => { Note(e.OldFullPath); Note(e.FullPath); };
            w.Error += (_, _) => Note(folder); // overflow: something changed; rebuild everything
            w.EnableRaisingEvents = true;
            _watchers.Add(w);
        }
    }

    public static bool IsScratchFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length == 0 ? false
            : name.StartsWith('.') || name.EndsWith('~') || name.StartsWith('#')
            || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".swx", StringComparison.Ordinal)
            || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name == "4913";
    }

    private void Note(string path)
    {
        if (_ignore(path)) return;
        lock (_gate)
        {
            if (_disposed) return;
            _pending.Add(path);
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        HashSet<string> batch;
        lock (_gate)
        {
            if (_disposed || _pending.Count == 0) return;
            batch = _pending;
            _pending = new HashSet<string>(StringComparer.Ordinal);
        }
        _onChange(batch);
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        foreach (var w in _watchers) w.Dispose();
        _timer.Dispose();
    }
}
