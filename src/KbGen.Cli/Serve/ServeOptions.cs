namespace KbGen.Cli.Serve;

public sealed record ServeOptions
{
    public const int DefaultPort = 4040;
    public string ContentDir { get; init; } = "content";
    public string? TemplatesDir { get; init; }
    /// <summary>The output folder; null builds into a temporary folder removed on exit.</summary>
    public string? OutDir { get; init; }
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = DefaultPort;
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);
    public bool WarningsAsErrors { get; init; }
}

/// <summary>The port is taken by another program (exit code 1).</summary>
public sealed class PortBusyException(int port, Exception inner)
    : Exception($"port {port} on 127.0.0.1 is busy (another program is listening on it); choose another with --port", inner)
{
    public int Port { get; } = port;
}
