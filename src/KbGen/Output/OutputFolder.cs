using System.Collections.Concurrent;

namespace KbGen.Output;

/// <summary>Paths of files to be written under one folder: never outside it, and each subfolder
/// made once (thousands of files share a few folders; asking the file system per file cost more
/// than the writes). A second writer into a new subfolder waits until the first has made it.</summary>
internal sealed class OutputFolder(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<bool>> _created = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string PathOf(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"output path '{relative}' leaves the output folder");
        var dir = Path.GetDirectoryName(full)!;
        _ = _created.GetOrAdd(dir, d => new Lazy<bool>(() => { Directory.CreateDirectory(d); return true; })).Value;
        return full;
    }
}
