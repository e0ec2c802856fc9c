namespace Monitor.Tests.Extraction;

/// <summary>Small pages written for these tests, in the shape of Vietnamese station and newspaper sites.</summary>
internal static class VietnamesePages
{
    public const string ArticleParagraphOne =
        "Sáng nay, Đài Phát thanh và Truyền hình tỉnh tổ chức hội nghị tổng kết công tác tuyên truyền năm 2024, với sự tham dự của đại diện các sở, ban, ngành và phóng viên các huyện.";

    public const string ArticleParagraphTwo =
        "Theo báo cáo, trong năm qua, đài đã sản xuất hơn 3.000 chương trình truyền hình, 2.500 chương trình phát thanh, tăng 12% so với năm trước, đồng thời phát triển mạnh các kênh mạng xã hội.";

    public const string ArticleParagraphThree =
        "Phát biểu tại hội nghị, lãnh đạo đài đề nghị cán bộ, phóng viên tiếp tục đổi mới nội dung, nâng cao chất lượng tin bài, đẩy mạnh chuyển đổi số trong sản xuất và phân phối chương trình.";

    /// <summary>A station article with menus, a share bar, related news, comments, a cookie notice and a footer around it.</summary>
    public static string StationArticle(string head = "", string byline = "NGUYỄN VĂN AN") => $$"""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
          <meta charset="utf-8">
          <title>Tổng kết công tác tuyên truyền năm 2024 - Đài PT-TH Tỉnh</title>
          {{head}}
        </head>
        <body>
          <header class="site-header"><div class="logo">Đài PT-TH Tỉnh</div>
            <nav class="menu"><ul><li><a href="/thoi-su">Thời sự</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/xa-hoi">Xã hội</a></li></ul></nav>
          </header>
          <div class="container">
            <div class="main-col">
              <div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/thoi-su">Thời sự</a></div>
              <h1 class="title-detail">Tổng kết công tác tuyên truyền năm 2024</h1>
              <div class="date-detail">Thứ Ba, 12/03/2024, 14:00 [GMT+7]</div>
              <div class="share-bar"><a href="#">Chia sẻ Facebook</a> <a href="#">Chia sẻ Zalo</a></div>
              <div class="detail-content">
                <p>{{ArticleParagraphOne}}</p>
                <p>{{ArticleParagraphTwo}}</p>
                <p>{{ArticleParagraphThree}}</p>
                <p><strong>{{byline}}</strong></p>
              </div>
              <div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>
                <li><a href="/a-1.html">Hội nghị giao ban báo chí quý I năm 2024 tại tỉnh</a></li>
                <li><a href="/a-2.html">Phát động cuộc thi viết về gương người tốt việc tốt</a></li>
                <li><a href="/a-3.html">Nâng cao chất lượng chương trình thời sự địa phương</a></li>
              </ul></div>
              <div id="comments" class="binh-luan"><p>Bạn đọc Minh: Bài viết rất hay, cảm ơn phóng viên đã đưa tin kịp thời về hoạt động của đài, mong có thêm nhiều bài như vậy.</p></div>
            </div>
            <aside class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/b-1.html">Thời tiết miền núi phía Bắc chuyển lạnh từ đêm nay</a></li></ul></aside>
          </div>
          <div class="cookie-notice">Trang web sử dụng cookie để nâng cao trải nghiệm của bạn.</div>
          <footer class="site-footer"><p>Bản quyền thuộc về Đài Phát thanh và Truyền hình tỉnh. Giấy phép số 123/GP-BTTTT, ghi rõ nguồn khi phát hành lại thông tin.</p></footer>
        </body>
        </html>
        """;

    /// <summary>A category page: many headline links, each with a one-line teaser.</summary>
    public static string ListingPage()
    {
        var items = string.Concat(Enumerable.Range(1, 15).Select(i => $"""
            <div class="item"><h3><a href="/tin-{i}.html">Tin thời sự địa phương số {i} về hoạt động của các xã trong tỉnh</a></h3>
            <p class="sapo">Tóm tắt ngắn {i}.</p></div>
            """));
        return $"""
            <html lang="vi"><head><title>Thời sự - Đài PT-TH Tỉnh</title></head>
            <body><nav><a href="/">Trang chủ</a></nav><h1>Thời sự</h1><div class="list-news">{items}</div>
            <div class="pagination"><a href="?page=2">Trang sau</a></div></body></html>
            """;
    }
}
