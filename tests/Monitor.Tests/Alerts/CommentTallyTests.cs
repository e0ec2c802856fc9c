using Microsoft.Data.Sqlite;

namespace Monitor.Tests.Alerts;

/// <summary>The station comment tallies a save keeps for the surge rule's baseline, added up per station and hour.</summary>
public sealed class CommentTallyTests : IDisposable
{
    private readonly AlertTestBed bed = new([AlertTestBed.FolderRecipient()]);

    public void Dispose() => bed.Dispose();

    [Fact]
    public async Task SaveAsync_ManyCommentsOverTwoHours_TalliesEachHourOnce()
    {
        await bed.InitializeAsync();
        var now = bed.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3).AddMinutes(50);
        var post = AlertTestBed.Post("hai-gio", start.AddHours(-1));

        // 25 comments a minute apart from :50: 10 in the first hour, 15 in the next; the first 12 negative.
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, start, 25, 12, "a"));

        // A second save into the same hour adds to its row.
        await bed.Store.SaveAsync(AlertTestBed.Comments(post, start.AddMinutes(30), 4, 1, "b"));

        ReadTallies().ShouldBe([(Hour(start), 10L, 10L), (Hour(start.AddHours(1)), 19L, 3L)]);
    }

    [Fact]
    public async Task SaveAsync_SameCommentsAgain_CountsNothingTwice()
    {
        await bed.InitializeAsync();
        var start = bed.Clock.GetUtcNow().AddHours(-2);
        var post = AlertTestBed.Post("lai", start.AddHours(-1));
        var batch = AlertTestBed.Comments(post, start, 6, 2, "a");

        await bed.Store.SaveAsync(batch);
        await bed.Store.SaveAsync(batch);

        ReadTallies().Sum(t => t.Comments).ShouldBe(6);
        ReadTallies().Sum(t => t.Negative).ShouldBe(2);
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);

    private List<(string Hour, long Comments, long Negative)> ReadTallies()
    {
        using var connection = new SqliteConnection($"Data Source={bed.DbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hour, comments, negative FROM comment_tallies WHERE station_id = $station ORDER BY hour";
        command.Parameters.AddWithValue("$station", AlertTestBed.Station);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
