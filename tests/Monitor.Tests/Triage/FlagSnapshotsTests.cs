using Monitor.Domain;
using Monitor.Tests.Support;
using Monitor.Triage;

namespace Monitor.Tests.Triage;

public sealed class FlagSnapshotsTests
{
    [Fact]
    public void ToJson_VietnameseComment_KeepsItsLettersEscapesWhatMattersInHtmlAndReadsBack()
    {
        var item = Samples.Article("https://thainguyentv.vn/bai-1.html", title: "Khánh thành cầu mới ở Đại Từ");
        var comment = new Comment("facebook:c1", item.Id, Platform.Facebook, null, "Người xem", "Làm ăn kiểu này thì dân chịu thiệt! <b>", item.PublishedAt, 4);
        var flag = new Flag(comment.Id, TargetKind.Comment, "model:sentiment", "medium", "sentiment: P(negative) = 0.900 ≥ 0.70", 0.9, ["chịu thiệt"], item.CollectedAt);

        var json = FlagSnapshots.ToJson(FlagSnapshots.Build(flag, item, comment, null, [new Assessment(comment.Id, TargetKind.Comment, "sentiment", "negative", 0.9, "v1")]));

        json.ShouldContain("\"text\":\"Làm ăn kiểu này thì dân chịu thiệt! \\u003Cb\\u003E\"");
        json.ShouldContain("\"title\":\"Khánh thành cầu mới ở Đại Từ\"");
        FlagSnapshots.ToJson(FlagSnapshots.FromJson(json)).ShouldBe(json);
    }
}
