namespace KbGen.Tests.Support;

/// <summary>What lies beside a built output: the folder the `output` link points to, its spare
/// (the other of `.output-a` and `.output-b`, which the next build brings up to date), and
/// anything else, which a build must not leave behind.</summary>
public static class OutputFolders
{
    public static string? Current(string outDir)
    {
        var target = new FileInfo(outDir).LinkTarget;
        return target is null ? null : Path.GetFileName(target.TrimEnd('/'));
    }

    public static string Spare(string outDir)
    {
        var name = Path.GetFileName(Path.GetFullPath(outDir.TrimEnd('/')));
        return Current(outDir) == $".{name}-a" ? $".{name}-b" : $".{name}-a";
    }

    /// <summary>Entries `.output-*` beside the output other than its current folder and spare.</summary>
    public static List<string> Leftovers(string outDir)
    {
        var full = Path.GetFullPath(outDir.TrimEnd('/'));
        string?[] keep = [Current(full), Spare(full)];
        return Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}-*")
            .Select(Path.GetFileName).OfType<string>().Where(n => !keep.Contains(n)).ToList();
    }
}
