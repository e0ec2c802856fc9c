using System.Diagnostics;
using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Transport;
using Monitor.Bench;
using Monitor.Domain;
using Monitor.Storage.Elasticsearch;

// The same backlog of item upserts and observation creates, cut into the same batches (5 MB or
// 1,000 operations), taken to the point where the bytes leave for the socket, on one thread:
//  - today's encoder: the hand-written NDJSON batch, its buffer written to the stream as one block
//    (what the hand-written transport's HttpContent did);
//  - the worker's client path: the same NDJSON batch as the body of a bulk request on the official
//    client's transport (client.Transport.RequestAsync<BulkResponse>), which streams it and reads
//    the answer as the client's typed BulkResponse;
//  - the client's typed bulk request, measured and not taken: each document encoded once, then the
//    client's BulkIndex/Create/UpdateOperation objects serialised by client.BulkAsync (with a source
//    serializer that copies the encoded documents instead of serialising them again).
// Time is the process's CPU time, not wall time: the machine is shared, and on one pinned core
// CPU time is what the path costs whoever else is running. Prints one table.
var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var items = Enumerable.Range(0, 2000).Select(Sample.Item).ToList();
var observations = items.Select(i => new Observation(i.Id, i.CollectedAt.AddHours(3), TimeSpan.FromHours(3), 1234, 56, 7, 8)).ToList();
const int MaxBatchBytes = 5 * 1024 * 1024;
const int MaxBatchDocuments = 1000;

IEnumerable<Monitor.Storage.Elasticsearch.BulkOperation> Operations()
{
    for (var round = 0; ; round++)
    {
        for (var i = 0; i < items.Count; i++)
        {
            yield return ContentDocuments.ItemUpsert(items[i], "cum-2");
            yield return ContentDocuments.ObservationCreate(observations[i], ItemContext.Of(items[i], "cum-2"));
        }
    }
}

(long Bytes, long Docs, TimeSpan Time) Today(long target)
{
    using var batch = new TodaysNdjsonBatch(1 << 20);
    var socket = new DiscardingStream();
    long docs = 0;
    var clock = CpuClock.Start();
    foreach (var operation in Operations())
    {
        batch.Add(operation);
        docs++;
        if (batch.ByteCount >= MaxBatchBytes || batch.Count >= MaxBatchDocuments)
        {
            socket.Write(batch.Written.Span);
            batch.Clear();
            if (socket.Written >= target)
            {
                break;
            }
        }
    }

    return (socket.Written, docs, clock.Elapsed);
}

ElasticsearchClient SocketlessClient(SocketlessInvoker invoker) =>
    // As ElasticsearchClientFactory builds it, with a socketless invoker in place of HTTP.
    new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://127.0.0.1:9200")), invoker, (_, clientSettings) => new EncodedSourceSerializer(clientSettings))
        .EnableHttpCompression(false)
        .ThrowExceptions(false));

async Task<(long Bytes, long Docs, TimeSpan Time)> WorkerPath(long target)
{
    var invoker = new SocketlessInvoker();
    var client = SocketlessClient(invoker);
    using var batch = new NdjsonBatch(1 << 20);
    long docs = 0;
    var clock = CpuClock.Start();
    foreach (var operation in Operations())
    {
        batch.Add(operation);
        docs++;
        if (batch.ByteCount >= MaxBatchBytes || batch.Count >= MaxBatchDocuments)
        {
            var all = Enumerable.Range(0, batch.Count).ToList();
            var response = await client.Transport.RequestAsync<BulkResponse>(new EndpointPath(Elastic.Transport.HttpMethod.POST, "/_bulk"), BulkBody.For(batch, all), null, BulkBody.Headers, CancellationToken.None);
            Check(response);
            batch.Clear();
            if (invoker.Socket.Written >= target)
            {
                break;
            }
        }
    }

    return (invoker.Socket.Written, docs, clock.Elapsed);
}

async Task<(long Bytes, long Docs, TimeSpan Time)> TypedPath(long target)
{
    var invoker = new SocketlessInvoker();
    var client = SocketlessClient(invoker);
    using var batch = new TypedBulkBatch(1 << 20);
    long docs = 0;
    var clock = CpuClock.Start();
    foreach (var operation in Operations())
    {
        batch.Add(operation);
        docs++;
        if (batch.ByteCount >= MaxBatchBytes || batch.Count >= MaxBatchDocuments)
        {
            var request = new BulkRequest { Operations = new BulkOperationsCollection(Enumerable.Range(0, batch.Count).Select(batch.ClientOperation)) };
            Check(await client.BulkAsync(request));
            batch.Clear();
            if (invoker.Socket.Written >= target)
            {
                break;
            }
        }
    }

    return (invoker.Socket.Written, docs, clock.Elapsed);
}

static void Check(BulkResponse response)
{
    if (response.ApiCallDetails.HttpStatusCode != 200)
    {
        throw new InvalidOperationException(response.DebugInformation);
    }
}

// Warm-up (JIT, tiering; the JIT's background work counts as this process's CPU time), then three
// rounds taking each path in turn, so none is measured while the shared encoder is still being
// optimised; the best round of each path is shown.
for (var warm = 0; warm < 3; warm++)
{
    Today(50L << 20);
    await WorkerPath(50L << 20);
    await TypedPath(50L << 20);
}

var target = (long)megabytes << 20;
var today = Today(target);
var worker = await WorkerPath(target);
var typed = await TypedPath(target);
for (var round = 1; round < 3; round++)
{
    today = Best(today, Today(target));
    worker = Best(worker, await WorkerPath(target));
    typed = Best(typed, await TypedPath(target));
}

static (long Bytes, long Docs, TimeSpan Time) Best((long Bytes, long Docs, TimeSpan Time) a, (long Bytes, long Docs, TimeSpan Time) b) => b.Time < a.Time ? b : a;

string Row(string name, (long Bytes, long Docs, TimeSpan Time) r)
{
    var mb = r.Bytes / 1048576.0;
    var ratio = r.Bytes / r.Time.TotalSeconds / (today.Bytes / today.Time.TotalSeconds);
    return string.Create(CultureInfo.InvariantCulture, $"| {name,-58} | {r.Docs,7} | {mb,6:0.0} | {r.Time.TotalSeconds,5:0.00} | {mb / r.Time.TotalSeconds,6:0.0} | {r.Docs / r.Time.TotalSeconds,7:0} | {ratio,5:0.00}x |");
}

Console.WriteLine("| path (one core, CPU time)                                  |    docs |     MB | cpu s |   MB/s |  docs/s | vs today |");
Console.WriteLine("|------------------------------------------------------------|--------:|-------:|------:|-------:|--------:|---------:|");
Console.WriteLine(Row("today's encoder (hand-written NDJSON batch, main 28e88ea)", today));
Console.WriteLine(Row("worker: NDJSON batch on client transport, typed response", worker));
Console.WriteLine(Row("not taken: typed bulk operations via client.BulkAsync", typed));
Console.WriteLine($"process working set after the runs: {Environment.WorkingSet / 1048576} MB (each path holds one 5 MB batch buffer)");

/// <summary>CPU time of this process (all its threads: JIT, GC, the thread pool) since start.</summary>
internal sealed class CpuClock
{
    private readonly TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - start;

    public static CpuClock Start() => new();
}

internal static class Sample
{
    private const string Paragraph = "Sáng nay, tại Quảng trường Võ Nguyên Giáp, thành phố Thái Nguyên, đông đảo người dân và du khách đã đến dự lễ khai mạc Festival Trà lần thứ XII. Đường phố rực rỡ cờ hoa, các gian hàng trưng bày đặc sản chè Tân Cương thu hút nhiều lượt khách tham quan. ";

    public static Item Item(int n)
    {
        var url = $"https://thainguyentv.vn/van-hoa/le-hoi-tra-{n}.html";
        return new Item(
            Monitor.Domain.Item.WebId(url), "thai-nguyen", "thai-nguyen-web", Platform.Web, ItemKind.Article, url,
            $"Festival Trà Thái Nguyên lần thứ {n}: Đặc sản vùng chè nổi tiếng", string.Concat(Enumerable.Repeat(Paragraph, 6)),
            "Nguyễn Văn Đức", "Văn hóa", new DateTimeOffset(2025, 11, 19, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 19, 3, 0, 0, TimeSpan.Zero));
    }
}
