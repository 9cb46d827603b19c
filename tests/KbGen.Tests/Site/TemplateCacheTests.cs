using KbGen.Diagnostics;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>serve keeps compiled templates between builds only while no template file changed,
/// and never keeps a set that had errors (they are reported on every build until fixed).</summary>
public sealed class TemplateCacheTests
{
    [Fact]
    public void The_same_set_is_reused_until_a_template_file_changes_or_appears()
    {
        using var tmp = new TempDir("tcache");
        var user = tmp.Combine("templates");
        Directory.CreateDirectory(user);
        var cache = new TemplateCache();
        var first = cache.Get(TestPaths.Templates, user, new DiagnosticBag());
        Assert.Same(first, cache.Get(TestPaths.Templates, user, new DiagnosticBag()));

        File.WriteAllText(Path.Combine(user, "page-about.hbs"), "<p>{{model.title}}</p>");
        var second = cache.Get(TestPaths.Templates, user, new DiagnosticBag());
        Assert.NotSame(first, second);
        Assert.Same(second, cache.Get(TestPaths.Templates, user, new DiagnosticBag()));

        File.WriteAllText(Path.Combine(user, "page-about.hbs"), "<p>{{model.title}}!</p>");
        Assert.NotSame(second, cache.Get(TestPaths.Templates, user, new DiagnosticBag()));
    }

    [Fact]
    public void A_set_with_a_broken_partial_is_made_again_and_its_error_reported_each_time()
    {
        using var tmp = new TempDir("tcache");
        var user = tmp.Combine("templates");
        Directory.CreateDirectory(Path.Combine(user, "partials"));
        File.WriteAllText(Path.Combine(user, "partials", "claims.hbs"), "{{#each items}}");
        var cache = new TemplateCache();
        var one = new DiagnosticBag();
        var a = cache.Get(TestPaths.Templates, user, one);
        var two = new DiagnosticBag();
        var b = cache.Get(TestPaths.Templates, user, two);
        Assert.NotSame(a, b);
        Assert.Contains(one.Sorted(), d => d.Code == "KB9101");
        Assert.Equal(one.Sorted(), two.Sorted());
    }
}
