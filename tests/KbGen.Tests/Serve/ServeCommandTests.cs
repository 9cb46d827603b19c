using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KbGen.Tests.Serve;

/// <summary>The `kbgen serve` command: a busy port is exit 1 naming the port; Ctrl+C (SIGINT) stops
/// the process with exit 0 and removes its temporary output.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void A_busy_port_is_exit_1_naming_the_port()
    {
        using var kb = new TempKb();
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Cli.Cli.Run(["serve", "--content", kb.Content, "--port", port.ToString()], stdout, stderr);
            Assert.Equal(1, code);
            Assert.Contains($"port {port}", stderr.ToString());
            Assert.Contains("busy", stderr.ToString());
        }
        finally { busy.Stop(); }
    }

    [Fact]
    public void A_missing_content_folder_is_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, Cli.Cli.Run(["serve", "--content", "/no/such/folder", "--port", "0"], new StringWriter(), stderr));
        Assert.Contains("does not exist", stderr.ToString());
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
    private const int SIGINT = 2;

    [Fact]
    public async Task Ctrl_C_stops_the_server_cleanly_with_exit_0()
    {
        using var kb = new TempKb();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = kb.Dir,
        };
        foreach (var a in new[] { Support.RepoRoot.KbgenDll, "serve", "--content", kb.Content, "--port", "0" }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            var url = await ReadUntilServing(process.StandardOutput, TimeSpan.FromSeconds(15));
            using (var response = await ServeHttp.Client.GetAsync(new Uri(url, TempKb.TopicUrl)))
                Assert.Equal(200, (int)response.StatusCode);
            var tempOutput = Directory.GetDirectories(Path.GetTempPath(), $"kbgen-serve-*-{process.Id}");
            Assert.Single(tempOutput);

            Assert.Equal(0, Kill(process.Id, SIGINT));
            var rest = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(10_000), "serve did not stop within 10 s of SIGINT");
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped", await rest);
            Assert.False(Directory.Exists(tempOutput[0]), "the temporary output was left behind");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<Uri> ReadUntilServing(StreamReader stdout, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        while (await stdout.ReadLineAsync(cts.Token) is { } line)
            if (line.StartsWith("serving ", StringComparison.Ordinal))
                return new Uri(line.Split(' ')[1]);
        throw new Xunit.Sdk.XunitException("serve ended before printing its address");
    }
}
