using KbGen.Cli.Serve;

namespace KbGen.Tests.Serve;

/// <summary>One server over a built preview, with a secret file beside (outside) the output and
/// symbolic links inside the output pointing at it; plus a PDF, an SVG and a PNG dropped where
/// the PDF and chart renderers write, to check content types.</summary>
public sealed class TraversalServer : IAsyncLifetime
{
    public const string Secret = "TOP-SECRET-0451";
    public TempKb Kb { get; } = new();
    public PreviewServer Server { get; private set; } = null!;
    public string SecretFile => Path.Combine(Kb.Dir, "secret.txt");

    public async Task InitializeAsync()
    {
        File.WriteAllText(SecretFile, Secret);
        Server = await ServeHttp.Start(Kb);
        var root = new DirectoryInfo(Server.OutputDir).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        var site = Path.Combine(root, "site");
        File.CreateSymbolicLink(Path.Combine(site, "leak.txt"), SecretFile);
        File.CreateSymbolicLink(Path.Combine(site, "leak.html"), SecretFile);
        File.CreateSymbolicLink(Path.Combine(site, "rel-leak.txt"), Path.GetRelativePath(site, SecretFile));
        Directory.CreateSymbolicLink(Path.Combine(site, "leakdir"), Kb.Dir);
        Directory.CreateSymbolicLink(Path.Combine(site, "etcdir"), "/etc");
        File.CreateSymbolicLink(Path.Combine(site, "inside-link.css"), Path.Combine(site, "assets", "site.css"));
        Directory.CreateDirectory(Path.Combine(root, "pdf"));
        Directory.CreateDirectory(Path.Combine(root, "charts"));
        File.WriteAllBytes(Path.Combine(root, "pdf", "handout.pdf"), "%PDF-1.7\n%%EOF\n"u8.ToArray());
        File.WriteAllText(Path.Combine(root, "charts", "algorithm.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllBytes(Path.Combine(root, "charts", "algorithm.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Kb.Dispose();
    }
}

public sealed class PathTraversalTests(TraversalServer fixture) : IClassFixture<TraversalServer>
{
    public static TheoryData<string> Attacks() => new()
    {
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/topics/../../secret.txt",
        "/topics/./../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/topics/..%2f..%2f..%2fsecret.txt",
        "/%252e%252e/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/..\\..\\secret.txt",
        "/topics\\..\\..\\secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/index.html%00.txt",
        "/%00",
        "/assets/site.css%00",
        "/pdf/../../secret.txt",
        "/pdf/..%2f..%2fsecret.txt",
        "/charts/%2e%2e/%2e%2e/secret.txt",
        "/__kbgen/../../secret.txt",
        "/__kbgen/%2e%2e/%2e%2e/secret.txt",
        "/..;/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/leak.txt",
        "/leak.html",
        "/rel-leak.txt",
        "/leakdir/secret.txt",
        "/leakdir/",
        "/etcdir/passwd",
        "/etcdir/hostname",
        "/.%2e%2f.%2e%2fsecret.txt",
        "/.output-x/site/index.html",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Attack_paths_get_404_or_400_and_never_the_file(string target)
    {
        var (status, response) = await ServeHttp.Raw(fixture.Server.Port, target);
        Assert.True(status is 400 or 404, $"{target} → {status}");
        Assert.DoesNotContain(TraversalServer.Secret, response);
        Assert.DoesNotContain("root:x:0:0", response);
    }

    [Fact]
    public async Task The_absolute_path_of_the_secret_is_not_served()
    {
        foreach (var target in new[] { fixture.SecretFile, "/" + fixture.SecretFile, "/pdf" + fixture.SecretFile, $"http://127.0.0.1:{fixture.Server.Port}/../secret.txt" })
        {
            var (status, response) = await ServeHttp.Raw(fixture.Server.Port, target);
            Assert.True(status is 400 or 404, $"{target} → {status}");
            Assert.DoesNotContain(TraversalServer.Secret, response);
        }
    }

    [Fact]
    public async Task Requests_for_another_host_name_are_refused()
    {
        var (status, _) = await ServeHttp.Raw(fixture.Server.Port, "/index.html", host: "attacker.example");
        Assert.Equal(400, status);
        (status, _) = await ServeHttp.Raw(fixture.Server.Port, "/index.html", host: "localhost:" + fixture.Server.Port);
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/topics/lumbar-compression-fracture-pain/", "text/html")]
    [InlineData("/assets/site.css", "text/css")]
    [InlineData("/inside-link.css", "text/css")]
    [InlineData("/assets/site.js", "text/javascript")]
    [InlineData("/assets/search-index.json", "application/json")]
    [InlineData("/sitemap.xml", "application/xml")]
    [InlineData("/pdf/handout.pdf", "application/pdf")]
    [InlineData("/charts/algorithm.svg", "image/svg+xml")]
    [InlineData("/charts/algorithm.png", "image/png")]
    [InlineData("/__kbgen/reload.js", "text/javascript")]
    [InlineData("/__kbgen/overlay.css", "text/css")]
    public async Task Outputs_are_served_with_their_content_type(string path, string type)
    {
        using var response = await ServeHttp.Client.GetAsync(new Uri(fixture.Server.Url, path));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_folder_without_slash_redirects_and_a_missing_page_is_the_sites_404()
    {
        using var redirect = await ServeHttp.Client.GetAsync(new Uri(fixture.Server.Url, "/topics/lumbar-compression-fracture-pain"));
        Assert.Equal(301, (int)redirect.StatusCode);
        Assert.Equal("/topics/lumbar-compression-fracture-pain/", redirect.Headers.Location!.OriginalString);

        using var missing = await ServeHttp.Client.GetAsync(new Uri(fixture.Server.Url, "/topics/no-such-topic/"));
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Contains("/__kbgen/reload.js", await missing.Content.ReadAsStringAsync());

        using var post = await ServeHttp.Client.PostAsync(fixture.Server.Url, new StringContent("x"));
        Assert.Equal(405, (int)post.StatusCode);
    }
}
