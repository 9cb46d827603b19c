namespace KbGen.Tests.Support;

/// <summary>The repository root: the nearest folder above the test binaries that holds KbGen.sln
/// (KBGEN_REPO_ROOT overrides it, for a harness built outside the tree).</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> _path = new(() =>
    {
        if (Environment.GetEnvironmentVariable("KBGEN_REPO_ROOT") is { Length: > 0 } root) return root;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KbGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"KbGen.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Path => _path.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The sample knowledge base, content/.</summary>
    public static string SampleContent => Combine("content");

    /// <summary>The `kbgen` command built with these tests (the CLI project is referenced, so its
    /// kbgen.dll, runtime config and templates sit beside the test assembly, same configuration).</summary>
    public static string KbgenDll => System.IO.Path.Combine(AppContext.BaseDirectory, "kbgen.dll");

    /// <summary>Copies a folder tree; files already at the target are replaced (case overlays).</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file)), overwrite: true);
    }
}
