using System.CommandLine;
using KbGen.Diagnostics;

namespace KbGen.Cli.Commands;

public static class CommonOptions
{
    public static Option<string> Content() => new("--content")
    {
        Description = "The knowledge base folder (default: content/)",
        DefaultValueFactory = _ => "content",
    };

    public static Option<bool> WarningsAsErrors() => new("--warnings-as-errors") { Description = "Treat every warning as an error" };

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter error)
    {
        foreach (var d in diagnostics) error.WriteLine(d.ToString());
    }

    public static string Summary(int errors, int warnings) => $"{Count(errors, "error")}, {Count(warnings, "warning")}";

    public static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
