using KbGen.Cli;

namespace KbGen.Tests.Workflow;

/// <summary>A throw-away copy of the repository's content/ folder; the original is never touched.</summary>
public sealed class TempContent : IDisposable
{
    public const string Lumbar = "lumbar-compression-fracture-pain";
    public const string Osteo = "osteoporotic-vertebral-fracture-back-pain";

    public string Dir { get; }

    public TempContent()
    {
        Dir = Path.Combine(Path.GetTempPath(), "kbgen-wf-" + Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(RepoRoot(), "content"), Dir);
    }

    public string TopicPath(string id) => Path.Combine(Dir, "topics", id + ".yaml");
    public string ArchiveDir(string id) => Path.Combine(Dir, "archive", id);
    public string Read(string id) => File.ReadAllText(TopicPath(id));
    public void Write(string id, string text) => File.WriteAllText(TopicPath(id), text);

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Cli.Cli.Run([.. args, "--content", Dir], o, e);
        return (code, o.ToString(), e.ToString());
    }

    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "KbGen.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("KbGen.sln not found above the test binaries");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
