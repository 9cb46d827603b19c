using System.Collections.Concurrent;

namespace KbGen.Output;

/// <summary>Paths of files to be written under one folder: never outside it, and each subfolder
/// made once (thousands of files share a few folders; asking the file system per file cost more
/// than the writes). A second writer into a new subfolder waits until the first has made it.
/// The folder may hold entries of an earlier build (the spare of a double-buffered output): a
/// subfolder that is a symbolic link or a file is replaced by a real folder before anything is
/// written below it, so no write ever passes through a link to somewhere else.</summary>
internal sealed class OutputFolder(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<bool>> _created = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public string PathOf(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"output path '{relative}' leaves the output folder");
        Ensure(Path.GetDirectoryName(full)!);
        return full;
    }

    private void Ensure(string dir)
    {
        if (dir.Length <= Root.Length) return;
        _ = _created.GetOrAdd(dir, d => new Lazy<bool>(() =>
        {
            Ensure(Path.GetDirectoryName(d)!);
            if (Posix.Entry(d) == Posix.EntryKind.Other) Posix.Unlink(d);
            Directory.CreateDirectory(d);
            return true;
        })).Value;
    }
}
