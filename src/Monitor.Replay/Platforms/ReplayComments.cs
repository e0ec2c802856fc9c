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
    }
}
