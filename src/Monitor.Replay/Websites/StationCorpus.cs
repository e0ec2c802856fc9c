using Monitor.Replay.Websites.Content;
using Monitor.Replay.Websites.Sites;

namespace Monitor.Replay.Websites;

/// <summary>The replayed sites with their articles: fixed seeds, so every start serves the same pages.</summary>
internal static class StationCorpus
{
    public static IReadOnlyList<ReplaySite> CreateSites() =>
    [
        new ThaiNguyenSite(ArticleWriter.Write(
            new("Thái Nguyên", ["xã Phú Đình", "huyện Định Hóa", "thành phố Sông Công", "xã La Hiên", "thị xã Phổ Yên", "xã Tân Cương", "huyện Đại Từ", "xã Nà Phặc", "huyện Võ Nhai"],
                ["Thu Hà", "Minh Đức", "Ngọc Lan - Văn Tùng", "Hoàng Anh"], Seed: 0x7A11), 46)),
        new ThanhHoaSite(ArticleWriter.Write(
            new("Thanh Hóa", ["huyện Thọ Xuân", "xã Hoằng Quỳ", "thị xã Nghi Sơn", "huyện Bá Thước", "huyện Quảng Xương", "phường Đông Hải", "huyện Mường Lát", "huyện Như Thanh"],
                ["Hữu Đại – Sỹ Thảo", "Lê Hợi", "Minh Hiếu", "Thùy Linh – Quang Vinh"], Seed: 0x7B22), 46)),
        new LangSonSite(ArticleWriter.Write(
            new("Lạng Sơn", ["huyện Cao Lộc", "xã Tân Thanh", "huyện Bắc Sơn", "huyện Đình Lập", "huyện Lộc Bình", "thành phố Lạng Sơn", "huyện Hữu Lũng", "xã Mẫu Sơn"],
                ["Hoàng Việt", "Lăng Thu", "Nông Hải - Triệu Hà"], Seed: 0x7C33), 44)),
        new DienBienSite(
            ArticleWriter.Write(
                new("Điện Biên", ["huyện Mường Nhé", "xã Mường Phăng", "huyện Tuần Giáo", "phường Mường Thanh", "huyện Điện Biên Đông", "xã Sín Thầu", "huyện Mường Chà", "xã Thanh Xương"],
                    ["Lò Văn Ơn", "Quàng Thị Hoa", "Phạm Quang - Mùa Sinh"], Seed: 0x7D44), 46),
            InternalNotices()),
        new QuangNinhSite(ArticleWriter.Write(
            new("Quảng Ninh", ["thành phố Hạ Long", "huyện Vân Đồn", "thị xã Đông Triều", "huyện Tiên Yên", "xã Quảng La", "huyện Bình Liêu", "thành phố Móng Cái", "huyện Cô Tô"],
                ["Mạnh Trường", "Thu Chung", "Nguyễn Hoa", "Đỗ Phương"], Seed: 0x7E55), 45)),
        new CaoBangSite(ArticleWriter.Write(
            new("Cao Bằng", ["huyện Trùng Khánh", "xã Đàm Thủy", "huyện Bảo Lạc", "huyện Hà Quảng", "huyện Nguyên Bình", "phường Sông Hiến", "huyện Hòa An", "xã Quang Long"],
                ["Bế Xuân", "Hoàng Thị Hạnh", "Đàm Minh"], Seed: 0x7F66), 40)),
    ];

    /// <summary>Điện Biên's staff notices: linked and in the sitemap, but disallowed by robots.txt.</summary>
    private static List<ReplayArticle> InternalNotices()
    {
        var category = new ReplayCategory("Nội bộ", "noi-bo");
        return
        [
            .. Enumerable.Range(1, 4).Select(n => new ReplayArticle(
                900 + n,
                $"Thông báo nội bộ số {n}/TB-ĐTV về lịch trực ban",
                $"thong-bao-noi-bo-so-{n}-tb-dtv-ve-lich-truc-ban",
                "Phòng Tổ chức - Hành chính thông báo lịch trực ban của các phòng chuyên môn.",
                ["Đề nghị các phòng bố trí cán bộ trực đầy đủ, bảo đảm an toàn cơ quan."],
                "Phòng Tổ chức - Hành chính",
                category,
                new DateTimeOffset(2026, 11, 14 + n, 16, 30, 0, TimeSpan.FromHours(7)),
                Views: 0,
                CommentCount: 0,
                Negative: false)),
        ];
    }
}
