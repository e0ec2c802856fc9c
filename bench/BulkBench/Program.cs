using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Domain;
using Monitor.Storage.Elasticsearch;

// Encodes a backlog of items and observations into _bulk NDJSON on one thread, the way the bulk
// writer does (one reusable buffer, cleared at the batch limit), beside a naive peer that
// serialises each document with JsonSerializer into a StringBuilder. Prints one table.
var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var items = Enumerable.Range(0, 2000).Select(Sample.Item).ToList();
var observations = items.Select(i => new Observation(i.Id, i.CollectedAt.AddHours(3), TimeSpan.FromHours(3), 1234, 56, 7, 8)).ToList();
var clusters = new Dictionary<string, string> { ["thai-nguyen"] = "cum-2" };

IEnumerable<BulkOperation> Operations()
{
    for (var round = 0; ; round++)
    {
        for (var i = 0; i < items.Count; i++)
        {
            yield return ContentDocuments.ItemUpsert(items[i], "cum-2");
            yield return ContentDocuments.ObservationCreate(observations[i], ItemContext.Of(items[i], clusters["thai-nguyen"]));
        }
    }
}

(long Bytes, long Docs, TimeSpan Time) Ours(long target)
{
    using var batch = new NdjsonBatch(1 << 20);
    long bytes = 0, docs = 0;
    var clock = Stopwatch.StartNew();
    foreach (var operation in Operations())
    {
        batch.Add(operation);
        docs++;
        if (batch.ByteCount >= 5 * 1024 * 1024 || batch.Count >= 1000)
        {
            bytes += batch.ByteCount;
            batch.Clear();
            if (bytes >= target)
            {
                break;
            }
        }
    }

    return (bytes, docs, clock.Elapsed);
}

(long Bytes, long Docs, TimeSpan Time) Naive(long target)
{
    long bytes = 0, docs = 0;
    var builder = new StringBuilder();
    var clock = Stopwatch.StartNew();
    for (var round = 0; bytes < target; round++)
    {
        foreach (var item in items)
        {
            builder.Append(JsonSerializer.Serialize(new { update = new { _index = "mm-items", _id = item.Id } })).Append('\n');
            builder.Append(JsonSerializer.Serialize(new { doc = item, upsert = item })).Append('\n');
            docs++;
            if (builder.Length > 5 * 1024 * 1024)
            {
                bytes += Encoding.UTF8.GetByteCount(builder.ToString());
                builder.Clear();
            }
        }
    }

    return (bytes, docs, clock.Elapsed);
}

Ours(20L << 20); // warm-up (JIT, tiering)
Naive(10L << 20);
var target = (long)megabytes << 20;
var rows = new[] { ("NdjsonBatch (worker)", Ours(target)), ("JsonSerializer + StringBuilder (naive peer)", Naive(target / 3)) };
Console.WriteLine($"{"encoder",-44} {"docs",10} {"MB",8} {"seconds",8} {"MB/s",8}");
foreach (var (name, (bytes, docs, time)) in rows)
{
    var mb = bytes / 1048576.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {docs,10} {mb,8:0.0} {time.TotalSeconds,8:0.00} {mb / time.TotalSeconds,8:0.0}"));
}

Console.WriteLine($"process working set after both runs: {Environment.WorkingSet / 1048576} MB (the worker encoder holds one 5 MB batch buffer)");

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
