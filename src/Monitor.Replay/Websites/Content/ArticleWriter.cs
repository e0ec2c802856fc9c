namespace Monitor.Replay.Websites.Content;

/// <summary>
/// Writes a station's articles from the templates in <see cref="Topics"/>: the same seed always
/// gives the same articles, spread evenly over a fixed period (October to late November 2026).
/// </summary>
internal static class ArticleWriter
{
    public static readonly DateTimeOffset PeriodStart = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset PeriodEnd = new(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(7));

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Hoàng", "Vi", "Nông", "Lường", "Lò", "Hà", "Triệu", "Đinh", "Phạm", "Vũ", "Mùa", "Giàng", "Lục"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc", "Thanh"];
    private static readonly string[] GivenNames = ["Hùng", "Lan", "Tuấn", "Hương", "Dũng", "Mai", "Thắng", "Hạnh", "Sơn", "Chiến", "Hoa", "Long", "Phương", "Bình", "Sinh", "Quyết", "Nga"];
    private static readonly string[] Roles =
    [
        "Chủ tịch UBND xã", "Bí thư Đảng ủy xã", "Phó Giám đốc Sở Nông nghiệp và Môi trường", "Trưởng phòng Giáo dục và Đào tạo huyện",
        "Giám đốc Trung tâm Y tế huyện", "trưởng thôn", "Phó Chủ tịch UBND tỉnh", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ];

    public static IReadOnlyList<ReplayArticle> Write(StationVoice voice, int count)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var random = new DeterministicRandom(voice.Seed);
        var span = PeriodEnd - PeriodStart;
        var usedSlugs = new HashSet<string>(StringComparer.Ordinal);
        var articles = new List<ReplayArticle>(count);
        for (var i = 0; i < count; i++)
        {
            var topic = random.Pick(Topics.All);
            var negative = random.Next(4) == 0;
            var slots = new Slots(random.Pick(voice.Places), Person(random), random.Pick(Roles), voice.Province, 2 + random.Next(400), 2 + random.Next(30));
            var titles = negative ? topic.NegativeTitles : topic.Titles;
            var titleIndex = random.Next(titles.Count);
            var title = Capitalised(slots.Fill(titles[titleIndex]));
            var slug = VietnameseSlug.From(title);
            if (!usedSlugs.Add(slug))
            {
                // Two articles on the same subject keep different addresses, as a CMS would make them.
                slug += "-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                usedSlugs.Add(slug);
            }

            var paragraphs = Paragraphs(random, topic, negative ? titleIndex : null, slots);
            var day = span.Ticks / count * i;
            var published = PeriodStart.AddTicks(day).Date + TimeSpan.FromHours(6 + random.Next(15)) + TimeSpan.FromMinutes(random.Next(60));
            articles.Add(new ReplayArticle(
                Sequence: i,
                Title: title,
                Slug: slug,
                Lead: paragraphs[0],
                Paragraphs: paragraphs.Skip(1).ToList(),
                Author: random.Pick(voice.Reporters),
                Category: topic.Category,
                PublishedAt: new DateTimeOffset(published, TimeSpan.FromHours(7)),
                Views: 150 + random.Next(negative ? 450_000 : 60_000),
                CommentCount: negative ? 5 + random.Next(60) : random.Next(8),
                Negative: negative));
        }

        return articles;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Person(DeterministicRandom random) =>
        $"{random.Pick(FamilyNames)} {random.Pick(MiddleNames)} {random.Pick(GivenNames)}";

    private static List<string> Paragraphs(DeterministicRandom random, Topic topic, int? negativeTitle, Slots slots)
    {
        // A complaint piece opens with the complaint its title names and ends with the officials' answer.
        var pool = negativeTitle is not null
            ? topic.NegativeParagraphs.Concat(topic.Paragraphs.Take(2)).ToList()
            : topic.Paragraphs.ToList();
        var wanted = Math.Min(pool.Count, 3 + random.Next(3));
        var start = negativeTitle is { } index ? index % topic.NegativeParagraphs.Count : random.Next(pool.Count);
        var paragraphs = new List<string>(wanted);
        for (var k = 0; k < wanted; k++)
        {
            var voice = k == 0 ? slots : slots with { Person = Person(random) };
            paragraphs.Add(voice.Fill(pool[(start + k) % pool.Count]));
        }

        return paragraphs;
    }

    private sealed record Slots(string Place, string Person, string Role, string Province, int N, int M)
    {
        public string Fill(string template) => template
            .Replace("{place}", Place, StringComparison.Ordinal)
            .Replace("{person}", Person, StringComparison.Ordinal)
            .Replace("{role}", Role, StringComparison.Ordinal)
            .Replace("{province}", Province, StringComparison.Ordinal)
            .Replace("{n}", N.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m}", M.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
