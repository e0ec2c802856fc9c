using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Elasticsearch;

/// <summary>
/// A second front door to the stand-in cluster on its own loopback port, as another node of the same
/// cluster would be: bytes pass through both ways. It can die (every open connection reset) and stay
/// down while <see cref="IsDown"/> says so, refusing new connections by resetting them at once.
/// </summary>
public sealed class NodeProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    private NodeProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Checked for every new connection; true: the node is down.</summary>
    public Func<bool> IsDown { get; set; } = () => false;

    /// <summary>Connections that reached the cluster through this node.</summary>
    public int Served { get; private set; }

    public static NodeProxy Start(Uri target) => new(target);

    /// <summary>A URL where nothing listens: a node that is dead from the start (connection refused).</summary>
    public static Uri DeadUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The node dies now: every connection through it is reset mid-flight.</summary>
    public void ResetAll()
    {
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Close();
            }

            open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        ResetAll();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (IsDown())
            {
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Close();
                continue;
            }

            Served++;
            _ = PipeAsync(incoming);
        }
    }

    private async Task PipeAsync(TcpClient incoming)
    {
        using var outgoing = new TcpClient();
        lock (open)
        {
            open.Add(incoming);
            open.Add(outgoing);
        }

        try
        {
            await outgoing.ConnectAsync(target.Host, target.Port, stop.Token);
            var client = incoming.GetStream();
            var server = outgoing.GetStream();
            await Task.WhenAny(client.CopyToAsync(server, stop.Token), server.CopyToAsync(client, stop.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A reset node: the client sees the connection drop, which is the point.
        }
        finally
        {
            lock (open)
            {
                open.Remove(incoming);
                open.Remove(outgoing);
            }

            incoming.Dispose();
        }
    }
}
