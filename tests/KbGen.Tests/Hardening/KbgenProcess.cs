using System.Diagnostics;
using KbGen.Tests.Support;

namespace KbGen.Tests.Hardening;

/// <summary>Runs the built `kbgen` (the one beside the test assembly) as a child process,
/// so that it can be killed with SIGKILL like a real interrupted run.</summary>
public sealed class KbgenProcess : IDisposable
{
    public static string Dll => RepoRoot.KbgenDll;

    private readonly Process _p;
    private readonly List<string> _lines = [];

    public KbgenProcess(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _p = new Process { StartInfo = psi };
        _p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        _p.Start();
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    /// <summary>SIGKILL (the process only; `dotnet kbgen.dll` runs in one process).</summary>
    public bool Kill()
    {
        if (_p.HasExited) return false;
        try { _p.Kill(entireProcessTree: false); } catch (InvalidOperationException) { return false; }
        _p.WaitForExit();
        return true;
    }

    public int Wait(TimeSpan timeout)
    {
        if (!_p.WaitForExit(timeout)) { Kill(); throw new TimeoutException("kbgen did not finish in " + timeout); }
        _p.WaitForExit();
        return _p.ExitCode;
    }

    public bool HasExited => _p.HasExited;
    public void Dispose() { Kill(); _p.Dispose(); }
}
