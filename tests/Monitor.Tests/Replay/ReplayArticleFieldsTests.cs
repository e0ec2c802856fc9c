using Monitor.Collection.Web;
using Monitor.Extraction;
using Monitor.Replay.Websites.Content;
using Monitor.Tests.Collection.Web;

namespace Monitor.Tests.Replay;

/// <summary>
/// Every article of every replayed station site, read by the extractor both ways: with the station's
/// profile and with none (the generic extractor, which is also the check on profiles). Every field must
/// be right on every article; the failure lists each wrong field, not only the first.
/// </summary>
public sealed class ReplayArticleFieldsTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Theory]
    [MemberData(nameof(ReplayStationSites.WithProfiles), MemberType = typeof(ReplayStationSites))]
    public async Task Extract_EveryReplayArticle_EveryFieldRightWithAndWithoutProfile(string host, string profileName)
    {
        var site = fixture.Websites.Models[host];
        var profile = ProfileFiles.Load(profileName);
        var extractor = new ArticleExtractor();
        var wrong = new List<string>();
        foreach (var article in site.Articles)
        {
            var url = new Uri(fixture.Websites.Sites[host], site.PathOf(article));
            var html = await FetchAsync(url);
            Check(wrong, $"{url} (generic)", article, extractor.Extract(html, url, profile: null), checkCategory: false);
            Check(wrong, $"{url} (profile)", article, extractor.Extract(html, url, profile), checkCategory: true);
        }

        site.Articles.Count.ShouldBeGreaterThan(20);
        wrong.ShouldBeEmpty(string.Join(Environment.NewLine, wrong.Take(20)));
    }

    private static void Check(List<string> wrong, string where, ReplayArticle expected, ExtractedArticle actual, bool checkCategory)
    {
        void Expect(bool ok, string field, object? value)
        {
            if (!ok)
            {
                wrong.Add($"{where}: {field} was '{value}'");
            }
        }

        Expect(actual.PageKind == PageKind.Article, "page kind", actual.PageKind);
        Expect(actual.Title == expected.Title, "title", actual.Title);
        Expect(actual.PublishedAt == expected.PublishedAt, $"published (expected {expected.PublishedAt:O})", actual.PublishedAt?.ToString("O"));
        Expect(actual.Author?.Contains(expected.Author, StringComparison.Ordinal) == true, $"author (expected {expected.Author})", actual.Author);
        Expect(actual.Language == "vi", "language", actual.Language);
        var body = actual.Body ?? string.Empty;
        Expect(body.Contains(expected.Lead, StringComparison.Ordinal) || expected.Paragraphs.Contains(expected.Lead), "lead", body.Length > 80 ? body[..80] : body);
        foreach (var paragraph in expected.Paragraphs.Where(p => !body.Contains(p, StringComparison.Ordinal)))
        {
            wrong.Add($"{where}: body lacks '{(paragraph.Length > 60 ? paragraph[..60] : paragraph)}…'");
        }

        if (checkCategory)
        {
            Expect(actual.Category == expected.Category.Name, "category", actual.Category);
        }
    }

    private async Task<string> FetchAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return CharsetDecoder.Decode(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.CharSet).Text;
    }
}
