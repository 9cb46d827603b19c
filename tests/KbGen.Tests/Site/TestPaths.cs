namespace KbGen.Tests.Site;

/// <summary>Where the sample content, the templates and the golden cases are; and fresh temp
/// folders that delete themselves.</summary>
internal static class TestPaths
{
    public static string Content => Support.RepoRoot.SampleContent;
    public static string Templates => Support.RepoRoot.Combine("templates");
    public static string Golden => Support.RepoRoot.Combine("tests", "KbGen.Tests", "Site", "golden");

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
