using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's python3-aiosmtpd (installed by <c>.ci/run</c>), run with
/// a handler written here that saves each accepted message as a file and refuses recipients whose
/// address starts with "bad". Stop and start it again on the same port to simulate an outage.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Handler = """
        import os, uuid

        class Sink:
            def __init__(self, folder):
                self.folder = folder

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(*args)

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.startswith('bad'):
                    return '550 5.1.1 no such mailbox here'
                envelope.rcpt_tos.append(address)
                return '250 OK'

            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(self.folder, uuid.uuid4().hex)
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 Message accepted'
        """;

    private readonly string handlerFolder;
    private Process? process;

    public SmtpSink(string folder)
    {
        Folder = Directory.CreateDirectory(Path.Combine(folder, "received")).FullName;
        handlerFolder = Directory.CreateDirectory(Path.Combine(folder, "handler")).FullName;
        File.WriteAllText(Path.Combine(handlerFolder, "monitor_sink.py"), Handler);
        Port = FreePort();
    }

    /// <summary>Where accepted messages are written, one .eml file each.</summary>
    public string Folder { get; }

    public int Port { get; }

    public IReadOnlyList<string> Messages => [.. Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    public static void RequireInstalled()
    {
        using var check = Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true, UseShellExecute = false });
        if (check is null || !check.WaitForExit(30_000) || check.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Python} cannot import aiosmtpd: the SMTP tests need Debian's python3-aiosmtpd, which .ci/run installs (apt-get install python3-aiosmtpd).");
        }
    }

    public async Task StartAsync()
    {
        RequireInstalled();
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "monitor_sink.Sink", Folder })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONPATH"] = handlerFolder;
        process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Wait for the listening socket: the server process needs a moment to import and bind.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
