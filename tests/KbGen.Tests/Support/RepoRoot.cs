namespace KbGen.Tests.Support;

/// <summary>The repository root: the nearest folder above the test binaries that holds KbGen.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> _path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KbGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"KbGen.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Path => _path.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The sample knowledge base, content/.</summary>
    public static string SampleContent => Combine("content");
}
