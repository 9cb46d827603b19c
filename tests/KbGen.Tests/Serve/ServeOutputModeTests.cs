using KbGen.Cli.Serve;

namespace KbGen.Tests.Serve;

/// <summary>serve updates its own preview folder in place (no one else reads it, and it reads it
/// under a lock), but switches a folder given with --out atomically, as kbgen build does: other
/// readers of that folder never see a mix of two builds.</summary>
[Collection(TimedCollection.Name)]
public sealed class ServeOutputModeTests
{
    private static string Target(string outputDir) => new DirectoryInfo(outputDir).LinkTarget!;

    private static async Task<string> EditAndWait(TempKb kb, PreviewServer server, string marker)
    {
        kb.WriteTopic(kb.ReadTopic().Replace(TempKb.KnownText, marker));
        var (page, _) = await ServeHttp.Eventually(new Uri(server.Url, TempKb.TopicUrl), b => b.Contains(marker), TimeSpan.FromSeconds(5));
        return page;
    }

    [Fact]
    public async Task Its_own_preview_folder_is_updated_in_place()
    {
        using var kb = new TempKb();
        await using var server = await ServeHttp.Start(kb);
        var first = Target(server.OutputDir);
        await EditAndWait(kb, server, "NSAIDs ease back pain");
        Assert.Equal(first, Target(server.OutputDir));
    }

    [Fact]
    public async Task A_folder_given_with_out_is_switched_atomically()
    {
        using var kb = new TempKb();
        var outDir = Path.Combine(kb.Dir, "shared-output");
        await using var server = await PreviewServer.StartAsync(
            new ServeOptions { ContentDir = kb.Content, Port = 0, OutDir = outDir }, TextWriter.Null, TextWriter.Null);
        var first = Target(outDir);
        await EditAndWait(kb, server, "NSAIDs ease back pain");
        Assert.NotEqual(first, Target(outDir));
    }
}
