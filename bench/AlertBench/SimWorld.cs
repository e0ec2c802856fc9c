using Monitor.Domain;

namespace Monitor.Bench.Alerts;

internal enum EventKind
{
    Surge,
    Viral,
    Silent,
}

/// <summary>A planted event: what, where, and from when it can be known (a viral post at its 1 h observation).</summary>
internal sealed record PlantedEvent(EventKind Kind, string StationId, string ChannelId, string? ItemId, DateTimeOffset Start);

internal sealed record SimPost(Item Item, double Weight, double NegativeShare, int Comments);

/// <summary>
/// One cluster of stations, one Facebook page each, over a warm-up of 28 days and a measured month.
/// Noise: 4-8 posts a day per page, engagement log-normal (σ 0.5), each station its own negative
/// share (15-35 %) and each post its own around it (± 10 points), comments Poisson around 12·weight
/// spread over the first six hours. Planted (only when asked): negative surges (30 comments in 45
/// minutes, 85 % negative), viral posts (engagement × 8), pages that stop publishing.
/// </summary>
internal sealed class SimWorld
{
    public static readonly string[] Stations = ["quang-ninh", "thai-nguyen", "bac-giang", "lang-son", "cao-bang", "bac-kan", "vinh-phuc", "dien-bien"];

    public static readonly TimeSpan WarmUp = TimeSpan.FromDays(28);

    public static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private readonly Random random;

    public SimWorld(DateTimeOffset start, int seed, bool planted)
    {
        random = new Random(seed);
        Start = start;
        var measured = start + WarmUp;
        var end = measured + Month;
        var silent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var events = new List<PlantedEvent>();
        if (planted)
        {
            foreach (var station in Stations.Take(3))
            {
                var at = measured + TimeSpan.FromDays(3 + random.Next(18)) + TimeSpan.FromHours(random.Next(24));
                silent[station] = at;
                events.Add(new PlantedEvent(EventKind.Silent, station, Channel(station), null, at));
            }
        }

        var shares = Stations.ToDictionary(s => s, _ => 0.15 + (random.NextDouble() * 0.20), StringComparer.Ordinal);
        var posts = new List<SimPost>();
        var comments = new List<(Comment Comment, bool Negative)>();
        for (var day = start; day < end; day += TimeSpan.FromDays(1))
        {
            foreach (var station in Stations)
            {
                var count = 4 + random.Next(5);
                for (var k = 0; k < count; k++)
                {
                    var published = day + TimeSpan.FromMinutes(6 * 60 + random.Next(16 * 60));
                    if (silent.TryGetValue(station, out var quiet) && published >= quiet)
                    {
                        continue;
                    }

                    var id = $"facebook:{station}_{published.ToUnixTimeSeconds()}_{k}";
                    var item = new Item(id, station, Channel(station), Platform.Facebook, ItemKind.Post, $"https://facebook.com/{id}", $"Bài đăng {id}", null, null, null, published, published);
                    var weight = Math.Exp(0.5 * Gaussian());
                    var share = Math.Clamp(shares[station] + (0.1 * Gaussian()), 0.02, 0.9);
                    var n = Poisson(12 * weight);
                    posts.Add(new SimPost(item, weight, share, n));
                    for (var c = 0; c < n; c++)
                    {
                        var at = published + TimeSpan.FromMinutes(6 * 60 * Math.Pow(random.NextDouble(), 2));
                        comments.Add((Comment(id, $"{c}", at), random.NextDouble() < share));
                    }
                }
            }
        }

        if (planted)
        {
            var candidates = posts.Where(p => p.Item.PublishedAt >= measured + TimeSpan.FromDays(1) && p.Item.PublishedAt < end - TimeSpan.FromDays(2) && !silent.ContainsKey(p.Item.StationId)).ToList();
            for (var e = 0; e < 11; e++)
            {
                var post = candidates[random.Next(candidates.Count)];
                var t0 = post.Item.PublishedAt!.Value + TimeSpan.FromMinutes(30 + random.Next(300));
                for (var c = 0; c < 30; c++)
                {
                    comments.Add((Comment(post.Item.Id, $"s{c}", t0 + TimeSpan.FromSeconds(90 * c)), random.NextDouble() < 0.85));
                }

                events.Add(new PlantedEvent(EventKind.Surge, post.Item.StationId, post.Item.ChannelId, post.Item.Id, t0));
            }

            for (var e = 0; e < 6; e++)
            {
                var index = posts.IndexOf(candidates[random.Next(candidates.Count)]);
                posts[index] = posts[index] with { Weight = posts[index].Weight * 8 };
                events.Add(new PlantedEvent(EventKind.Viral, posts[index].Item.StationId, posts[index].Item.ChannelId, posts[index].Item.Id, posts[index].Item.PublishedAt!.Value + TimeSpan.FromHours(1)));
            }
        }

        Posts = [.. posts.OrderBy(p => p.Item.PublishedAt)];
        Comments = [.. comments.OrderBy(c => c.Comment.PublishedAt)];
        Events = events;
        End = end;
        Measured = measured;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset Measured { get; }

    public DateTimeOffset End { get; }

    public IReadOnlyList<SimPost> Posts { get; }

    public IReadOnlyList<(Comment Comment, bool Negative)> Comments { get; }

    public IReadOnlyList<PlantedEvent> Events { get; }

    public static string Channel(string station) => $"{station}-facebook";

    /// <summary>Engagement (reactions + comments + shares) of a post at an age: grows quickly in the first hours.</summary>
    public static Observation Observe(SimPost post, TimeSpan age)
    {
        var scale = 400 * post.Weight * (1 - Math.Exp(-age.TotalHours / 3));
        return new Observation(post.Item.Id, post.Item.PublishedAt!.Value + age, age, (long)(scale * 20), (long)scale, post.Comments, (long)(scale / 10));
    }

    private static Comment Comment(string itemId, string suffix, DateTimeOffset at) =>
        new($"{itemId}_c{suffix}", itemId, Platform.Facebook, null, "Người xem", "Bình luận mô phỏng", at, 0);

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private int Poisson(double lambda)
    {
        var limit = Math.Exp(-lambda);
        var product = random.NextDouble();
        var n = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            n++;
        }

        return n;
    }
}
