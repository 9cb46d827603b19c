using System.Text.RegularExpressions;
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

    [Fact]
    public void Built_in_templates_call_partials_on_the_current_context_only()
    {
        // Handlebars.Net 2.4.3 does not return to its pool the context it makes for a partial
        // called with an argument ({{> claims items}}): about 10 KB per call, 300 MB per 1,000
        // topic pages (docs/benchmarks.md). {{#with items}}{{> claims}}{{/with}} renders the same.
        var withArgument = new Regex(@"\{\{>\s*[\w-]+\s+[^\s}]");
        var files = Directory.EnumerateFiles(TestPaths.Templates, "*.hbs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
            Assert.False(withArgument.IsMatch(File.ReadAllText(f)), $"{f} calls a partial with an argument");
        Assert.Matches(withArgument, "{{> claims items}}");
        Assert.DoesNotMatch(withArgument, "{{#with items}}{{> claims}}{{/with}}");
    }
}
