namespace KbGen.Tests.References;

/// <summary>Finds golden files in the source tree (walking up to KbGen.sln), so they need no copy
/// step; with KBGEN_UPDATE_GOLDEN=1 a mismatch rewrites the file instead of failing.</summary>
internal static class GoldenFiles
{
    public static string Dir => Support.RepoRoot.Combine("tests", "KbGen.Tests", "References", "golden");

    private static bool Update => Environment.GetEnvironmentVariable("KBGEN_UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string path, string actual)
    {
        if (Update && (!File.Exists(path) || File.ReadAllText(path) != actual))
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"missing golden file {path} (run with KBGEN_UPDATE_GOLDEN=1 to create it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}

/// <summary>A fresh content folder under the temp directory, removed after the test.</summary>
internal sealed class TempContent : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kbgen-refs-" + Guid.NewGuid().ToString("N"));
    public string References => Path.Combine(Root, "references");

    public TempContent() => Directory.CreateDirectory(Root);

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteReference(string id, string yaml)
    {
        Directory.CreateDirectory(References);
        var path = Path.Combine(References, id + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public string[] ReferenceFiles() =>
        Directory.Exists(References) ? Directory.GetFiles(References).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : [];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
