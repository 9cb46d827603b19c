namespace KbGen.Tests.Site;

/// <summary>Where the repository, the sample content and the golden cases are, found by walking up
/// from the test binaries; and fresh temp folders that delete themselves.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();
    public static string Content => Path.Combine(RepoRoot, "content");
    public static string Templates => Path.Combine(RepoRoot, "templates");
    public static string Golden => Path.Combine(RepoRoot, "tests", "KbGen.Tests", "Site", "golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KbGen.sln")) && Directory.Exists(Path.Combine(dir.FullName, "content")))
                return dir.FullName;
        throw new InvalidOperationException("repository root (KbGen.sln) not found above " + AppContext.BaseDirectory);
    }

    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    /// <summary>Every file under <paramref name="root"/> (following the output symlink), relative
    /// with '/' separators, in ordinal order.</summary>
    public static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
}

/// <summary>A temp folder for one test, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kbgen-{prefix}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
