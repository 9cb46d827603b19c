using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>`kbgen new topic ID`: a skeleton that checks with only KB6002 warnings, and no overwriting.</summary>
public sealed class NewTopicTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = KbGen.Cli.Cli.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void Skeleton_passes_check_with_only_needs_content_warnings()
    {
        using var tree = ContentTree.Valid();
        var (exit, _, err) = Run("new", "topic", "back-pain-in-adults", "--content", tree.Content);
        Assert.True(exit == 0, err);
        var path = tree.PathOf("topics/back-pain-in-adults.yaml");
        Assert.True(File.Exists(path));

        var (_, found) = tree.Check(new KbGen.Validation.ValidationContext(DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.NotEmpty(found);
        Assert.All(found, d =>
        {
            Assert.Equal("KB6002", d.Code);
            Assert.Equal(KbGen.Diagnostics.Severity.Warning, d.Severity);
            Assert.Equal("topics/back-pain-in-adults.yaml", d.File);
        });

        var (checkExit, checkOut, _) = Run("check", "--content", tree.Content);
        Assert.Equal(0, checkExit);
        Assert.Contains("0 errors", checkOut);
    }

    [Fact]
    public void Refuses_to_overwrite()
    {
        using var tree = ContentTree.Valid();
        Assert.Equal(0, Run("new", "topic", "back-pain", "--content", tree.Content).Exit);
        var path = tree.PathOf("topics/back-pain.yaml");
        File.WriteAllText(path, "# edited by an author\n");

        var (exit, _, err) = Run("new", "topic", "back-pain", "--content", tree.Content);
        Assert.NotEqual(0, exit);
        Assert.Contains("already exists", err);
        Assert.Equal("# edited by an author\n", File.ReadAllText(path));
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_sample_topic()
    {
        using var tree = ContentTree.Valid();
        var before = File.ReadAllText(tree.PathOf("topics/topic-a.yaml"));
        Assert.NotEqual(0, Run("new", "topic", "topic-a", "--content", tree.Content).Exit);
        Assert.Equal(before, File.ReadAllText(tree.PathOf("topics/topic-a.yaml")));
    }

    [Theory]
    [InlineData("Back_Pain")]
    [InlineData("../escape")]
    [InlineData("a--b")]
    public void Invalid_id_is_a_usage_error(string id)
    {
        using var tree = ContentTree.Valid();
        var (exit, _, err) = Run("new", "topic", id, "--content", tree.Content);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("   at ", err);
        Assert.Single(Directory.GetFiles(tree.PathOf("topics")));
    }
}
