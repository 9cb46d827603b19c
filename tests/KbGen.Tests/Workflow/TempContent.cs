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
        Support.RepoRoot.CopyTree(Support.RepoRoot.SampleContent, Dir);
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

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
