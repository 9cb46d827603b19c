using System.CommandLine;
using System.Runtime.InteropServices;
using KbGen.Cli.Serve;

namespace KbGen.Cli.Commands;

/// <summary>`kbgen serve`: preview on 127.0.0.1 with rebuild on change and live reload.
/// Ctrl+C (or SIGTERM) stops it cleanly with exit 0; a busy port is exit 1.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var cmd = new Command("serve", "Preview the knowledge base on 127.0.0.1, rebuilding and reloading on every change");
        var content = CommonOptions.Content();
        var templates = new Option<string?>("--templates") { Description = "A folder whose templates override the built-in ones by file name" };
        var port = new Option<int>("--port", "-p") { Description = $"Port on 127.0.0.1 (default {ServeOptions.DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => ServeOptions.DefaultPort };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: a temporary folder removed on exit)" };
        var strict = CommonOptions.WarningsAsErrors();
        foreach (var o in new Option[] { content, templates, port, outDir, strict }) cmd.Add(o);
        cmd.SetAction(parse =>
        {
            var dir = parse.GetValue(content)!;
            if (!Directory.Exists(dir)) throw new UsageException($"content folder '{dir}' does not exist");
            var tdir = parse.GetValue(templates);
            if (tdir is not null && !Directory.Exists(tdir)) throw new UsageException($"templates folder '{tdir}' does not exist");
            var p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw new UsageException($"--port {p} is not a port number (0 to 65535)");
            var options = new ServeOptions
            {
                ContentDir = dir, TemplatesDir = tdir, Port = p, OutDir = parse.GetValue(outDir),
                WarningsAsErrors = parse.GetValue(strict),
            };
            return Run(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return cmd;
    }

    /// <summary>Serves until Ctrl+C / SIGTERM (or <paramref name="stop"/>), then shuts down.</summary>
    public static int Run(ServeOptions options, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; quit.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = OperatingSystem.IsWindows() ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; quit.Cancel(); });
        try
        {
            PreviewServer server;
            try
            {
                server = PreviewServer.StartAsync(options, output, error).GetAwaiter().GetResult();
            }
            catch (PortBusyException ex)
            {
                error.WriteLine($"kbgen: {ex.Message}");
                return Cli.ContentErrors;
            }
            try
            {
                quit.Token.WaitHandle.WaitOne();
                output.WriteLine("stopping");
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            output.WriteLine("stopped");
            return Cli.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
