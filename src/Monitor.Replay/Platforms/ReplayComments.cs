namespace Monitor.Replay.Platforms;

/// <summary>Our own short Vietnamese replies, handed out under replayed posts and videos.</summary>
internal static class ReplayComments
{
    private static readonly string[] Texts =
    [
        "Tin rất hữu ích, cảm ơn đài đã đưa tin kịp thời.",
        "Mong chính quyền sớm khắc phục, bà con đang rất khó khăn.",
        "Quê mình đẹp quá, nhất định sẽ về thăm dịp lễ.",
        "Thông tin này đã được xác minh chưa ạ?",
        "Làm ăn kiểu này thì dân chịu thiệt, cần xử lý nghiêm!",
        "Chúc mừng các em học sinh, tự hào quá!",
        "Đường xá xuống cấp lâu rồi mà chưa thấy sửa.",
        "Phóng sự hay, mong đài làm thêm nhiều chương trình như thế này.",
    ];

    // The demo's planted negative surge: what people write once a newly opened bridge turns out cracked.
    private static readonly string[] Angry =
    [
        "Cầu mới khánh thành mà mặt đường đã nứt, làm ăn quá tệ!",
        "Tiền thuế của dân mà làm ra công trình kém chất lượng thế này, thật bức xúc.",
        "Thất vọng quá, cầu vừa thông xe đã lún, ai chịu trách nhiệm đây?",
        "Chất lượng công trình tồi tệ, đề nghị thanh tra làm rõ ngay.",
        "Làm ẩu, làm dối, khổ dân quá rồi!",
        "Nhà thầu vô trách nhiệm, làm hỏng cả cây cầu, quá bức xúc.",
        "Cứ khánh thành rồi để đó, dân đi lại nguy hiểm, chán thật.",
        "Rất thất vọng với cách làm việc cẩu thả này.",
    ];

    /// <summary>How many angry replies the planted post gets, and how far apart (from 2 h 25 min after it is published, in the half hour before the demo's +2 h round).</summary>
    public const int SurgeReplies = 20;

    public static readonly TimeSpan SurgeStart = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(25);

    public static readonly TimeSpan SurgeSpacing = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The post under which the demo plants a negative surge: Thái Nguyên's Facebook post about the
    /// new bridge. Its ordinary replies come first; from two hours after publication the comments turn.
    /// </summary>
    public static bool IsPlantedSurge(ReplayPost post) =>
        post.Account is { StationId: "thai-nguyen", Platform: Domain.Platform.Facebook } && post.Index == 0;

    private static readonly string[] Authors = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Hoàng Minh Tuấn", "Lê Thu Hà", "Phạm Quốc Bảo", "Vũ Thị Lan"];

    /// <summary>Up to five replies that exist by <paramref name="now"/>, one every 20 minutes after publication.</summary>
    public static IEnumerable<(string Id, string Author, string Text, DateTimeOffset At, long Likes)> For(ReplayPost post, DateTimeOffset now)
    {
        var count = Math.Min(5, post.Comments(now));
        for (var k = 0; k < count; k++)
        {
            var at = post.PublishedAt + TimeSpan.FromMinutes(20 * (k + 1));
            if (at > now)
            {
                yield break;
            }

            yield return ($"{post.NativeId}c{k}", Authors[(post.Index + k) % Authors.Length], Texts[(post.Index * 3 + k) % Texts.Length], at, (k * 7 + post.Index) % 13);
        }

        if (!IsPlantedSurge(post))
        {
            yield break;
        }

        for (var k = 0; k < SurgeReplies; k++)
        {
            var at = post.PublishedAt + SurgeStart + (SurgeSpacing * k);
            if (at > now)
            {
                yield break;
            }

            yield return ($"{post.NativeId}c{10 + k}", Authors[k % Authors.Length], Angry[k % Angry.Length], at, k % 4);
        }
    }
}
