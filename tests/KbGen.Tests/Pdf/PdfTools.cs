using System.Diagnostics;

namespace KbGen.Tests.Pdf;

/// <summary>Runs poppler-utils and qpdf on a PDF written to a temporary file.</summary>
public static class PdfTools
{
    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(60_000);
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static string WriteTemp(byte[] pdf, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kbgen-pdf-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
