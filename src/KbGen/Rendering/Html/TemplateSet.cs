using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Rendering.Html;

/// <summary>Handlebars templates with documented lookup: for a name such as `topic.hbs`, the
/// user's --templates folder first, then the built-in templates that ship beside the program.
/// Partials are every `partials/*.hbs` from both places (the user's win), registered up front:
/// no partial is ever read from anywhere else. Unknown variables and missing partials are errors.</summary>
public sealed partial class TemplateSet
{
    private readonly IHandlebars _hb;
    private readonly string? _userDir;
    private readonly string _builtInDir;
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<TextWriter, object, object>> _compiled = new(StringComparer.Ordinal);
    // Which file a name resolves to, looked up once: every page rendered two templates and each
    // lookup asked the file system up to twice.
    private readonly ConcurrentDictionary<(string Name, string? Fallback), string?> _resolved = new();

    public TemplateSet(string builtInDir, string? userDir, DiagnosticBag diagnostics)
    {
        _builtInDir = builtInDir;
        _userDir = userDir;
        _hb = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
            NoEscape = false,
        });
        foreach (var (name, path) in Partials())
        {
            try
            {
                // Compiled here and wrapped, so that an error while rendering a partial names the
                // partial's file rather than the template that included it.
                var partial = _hb.Compile(new StringReader(File.ReadAllText(path)));
                var file = path;
                _hb.RegisterTemplate(name, (writer, context, data) =>
                {
                    try { partial(writer, context, data); }
                    catch (Exception ex) when (ex is not PartialException) { throw new PartialException(file, ex); }
                });
            }
            catch (Exception ex) { diagnostics.Add(DiagnosticCodes.TemplateError, Where(path, ex.Message), Clean(ex.Message)); }
        }
    }

    /// <summary>The built-in templates folder: beside the program, else the repository's templates/.</summary>
    public static string LocateBuiltIn()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (File.Exists(Path.Combine(beside, "layout.hbs"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "templates", "layout.hbs"))) return Path.Combine(dir.FullName, "templates");
        return beside;
    }

    /// <summary>Hash of every template file in use, for the build cache.</summary>
    public IEnumerable<string> AllFiles() => AllFiles(_builtInDir, _userDir);

    /// <summary>The same list without loading the templates (a build that writes no pages still
    /// keys its cache on them).</summary>
    public static IEnumerable<string> AllFiles(string builtInDir, string? userDir) =>
        new[] { builtInDir, userDir }.Where(d => d is not null && Directory.Exists(d))
            .SelectMany(d => Directory.EnumerateFiles(d!, "*", SearchOption.AllDirectories)).OrderBy(p => p, StringComparer.Ordinal);

    public string? Resolve(string name)
    {
        if (_userDir is not null)
        {
            var u = Path.Combine(_userDir, name);
            if (File.Exists(u)) return u;
        }
        var b = Path.Combine(_builtInDir, name);
        return File.Exists(b) ? b : null;
    }

    private IEnumerable<(string Name, string Path)> Partials()
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in new[] { _builtInDir, _userDir })
        {
            if (dir is null) continue;
            var p = Path.Combine(dir, "partials");
            if (!Directory.Exists(p)) continue;
            foreach (var f in Directory.EnumerateFiles(p, "*.hbs"))
                found[Path.GetFileNameWithoutExtension(f)] = f; // user's folder comes second and wins
        }
        return found.Select(kv => (kv.Key, kv.Value));
    }

    /// <summary>Renders `name` (falling back to `fallback` when no such template exists) with the model.
    /// Returns null and reports a diagnostic on any template error.</summary>
    public string? Render(string name, object model, DiagnosticBag diagnostics, string? fallback = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        return RenderTo(writer, name, model, diagnostics, fallback) ? writer.ToString() : null;
    }

    /// <summary>As <see cref="Render"/>, written to <paramref name="writer"/>; false (and a
    /// diagnostic) on any template error, after which what was written is not a page.</summary>
    public bool RenderTo(TextWriter writer, string name, object model, DiagnosticBag diagnostics, string? fallback = null)
    {
        var path = _resolved.GetOrAdd((name, fallback), k => Resolve(k.Name) ?? (k.Fallback is null ? null : Resolve(k.Fallback)));
        if (path is null)
        {
            diagnostics.Add(DiagnosticCodes.TemplateMissing, SourceSpan.FileStart(Path.Combine(_userDir ?? _builtInDir, name)),
                $"template '{name}' not found in {(_userDir is null ? "" : $"'{_userDir}' or ")}the built-in templates");
            return false;
        }
        try
        {
            var template = _compiled.GetOrAdd(path, p => _hb.Compile(new StringReader(File.ReadAllText(p))));
            template(writer, model, null!);
            return true;
        }
        catch (Exception ex) when (ex is PartialException or HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException or InvalidOperationException or ArgumentException or IOException or NullReferenceException)
        {
            // Handlebars wraps an error inside a partial as "Runtime error while rendering partial";
            // report the innermost partial's file and the underlying message.
            var file = path;
            for (var e = ex; e is not null; e = e.InnerException)
                if (e is PartialException pe) file = pe.File;
            var cause = ex.GetBaseException();
            diagnostics.Add(DiagnosticCodes.TemplateError, Where(file, cause.Message), Clean(cause.Message));
            return false;
        }
    }

    private sealed class PartialException(string file, Exception inner) : Exception(inner.Message, inner)
    {
        public string File { get; } = file;
    }

    [GeneratedRegex(@"[Ll]ine[: ]+(\d+)[^0-9]+(?:[Cc]ol(?:umn)?)[: ]+(\d+)")]
    private static partial Regex Position();

    /// <summary>Handlebars.Net puts positions only in message text, and not always.</summary>
    private static SourceSpan Where(string path, string message)
    {
        var m = Position().Match(message);
        return m.Success ? new SourceSpan(path, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) : SourceSpan.FileStart(path);
    }

    private static string Clean(string message) => message.Split('\n')[0].Trim();
}
