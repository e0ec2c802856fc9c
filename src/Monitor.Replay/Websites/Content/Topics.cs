namespace Monitor.Replay.Websites.Content;

/// <summary>The project's own Vietnamese templates for local news (written here, not copied from any site).</summary>
internal static class Topics
{
    public static IReadOnlyList<Topic> All { get; } =
    [
        new(
            new("Nông nghiệp", "nong-nghiep"),
            [
                "Nông dân {place} thu hoạch lúa mùa đạt năng suất cao",
                "{place} mở rộng vùng trồng chè theo tiêu chuẩn VietGAP",
                "Hợp tác xã ở {place} đưa sản phẩm OCOP lên sàn thương mại điện tử",
                "Mô hình nuôi cá lồng giúp hàng chục hộ ở {place} thoát nghèo",
                "{province} hỗ trợ giống cây trồng cho {n} hộ dân vùng cao",
            ],
            [
                "Người dân {place} bức xúc vì giá phân bón tăng, lúa rớt giá",
                "Dịch tả lợn châu Phi bùng phát tại {place}, hàng trăm con lợn bị tiêu hủy",
            ],
            [
                "Vụ mùa năm nay, bà con {place} gieo cấy hơn {n} ha lúa, năng suất bình quân ước đạt {m} tạ/ha.",
                "Theo ông {person}, {role}, địa phương đã phối hợp với cán bộ khuyến nông hướng dẫn người dân chăm sóc cây trồng đúng kỹ thuật.",
                "Nhiều hộ gia đình đã mạnh dạn chuyển đổi diện tích đất trồng ngô kém hiệu quả sang trồng cây ăn quả và rau an toàn.",
                "Sản phẩm chè, miến dong và mật ong của địa phương được người tiêu dùng trong và ngoài tỉnh ưa chuộng.",
                "Trong thời gian tới, {place} tiếp tục xây dựng thương hiệu nông sản và mở rộng liên kết tiêu thụ với doanh nghiệp.",
            ],
            [
                "Nhiều hộ dân phản ánh giá vật tư nông nghiệp tăng mạnh trong khi giá thu mua nông sản giảm, khiến bà con thua lỗ nặng.",
                "Cơ quan thú y đã lập chốt kiểm dịch, yêu cầu người dân không bán chạy lợn ốm và không vứt xác lợn chết ra môi trường.",
                "Ông {person}, một hộ trồng lúa lâu năm, cho biết gia đình đã gửi đơn khiếu nại nhưng chưa nhận được phản hồi của chính quyền.",
            ]),
        new(
            new("Giao thông", "giao-thong"),
            [
                "Thông xe kỹ thuật tuyến đường nối {place} với trung tâm huyện",
                "{province} đầu tư {n} tỷ đồng nâng cấp quốc lộ qua {place}",
                "Khánh thành cầu dân sinh mới tại {place}",
                "Ra quân bảo đảm trật tự an toàn giao thông cuối năm tại {place}",
            ],
            [
                "Đường qua {place} xuống cấp nghiêm trọng, người dân bức xúc",
                "Tai nạn giao thông trên đèo ở {place} làm {m} người bị thương",
                "Sạt lở taluy dương gây ách tắc giao thông nhiều giờ tại {place}",
            ],
            [
                "Công trình có tổng chiều dài gần {m} km, được khởi công từ đầu năm và hoàn thành sớm hơn kế hoạch.",
                "Ông {person}, {role}, cho biết tuyến đường giúp rút ngắn thời gian đi lại và thuận lợi cho việc vận chuyển nông sản.",
                "Lực lượng cảnh sát giao thông tăng cường tuần tra, xử lý các trường hợp vi phạm nồng độ cồn và chở quá tải.",
                "Người dân {place} phấn khởi vì con đường mới giúp các cháu học sinh đến trường an toàn hơn.",
            ],
            [
                "Mặt đường xuất hiện nhiều ổ gà, ổ voi; những ngày mưa, bùn đất ngập sâu khiến xe máy liên tục bị ngã.",
                "Vụ tai nạn giao thông xảy ra vào rạng sáng, nguyên nhân ban đầu được xác định do xe khách mất phanh khi xuống dốc.",
                "Mưa lớn kéo dài khiến hàng nghìn mét khối đất đá sạt lở xuống lòng đường, lực lượng chức năng phải dùng máy xúc để thông tuyến.",
                "Người dân đã nhiều lần phản ánh và khiếu nại nhưng đến nay tuyến đường vẫn chưa được sửa chữa, gây lãng phí tiền đầu tư.",
            ]),
        new(
            new("Giáo dục", "giao-duc"),
            [
                "Trường Tiểu học {place} đón nhận bằng công nhận đạt chuẩn quốc gia",
                "{province} trao {n} suất học bổng cho học sinh nghèo vượt khó",
                "Học sinh {place} hào hứng với tiết học ngoại khóa về chuyển đổi số",
                "Khánh thành điểm trường mới cho học sinh vùng cao {place}",
            ],
            [
                "Phụ huynh ở {place} bức xúc vì các khoản thu đầu năm học",
                "Hàng chục học sinh {place} nghi bị ngộ độc thực phẩm sau bữa ăn bán trú",
            ],
            [
                "Năm học này, nhà trường có {n} học sinh, trong đó phần lớn là con em đồng bào dân tộc thiểu số.",
                "Cô {person}, hiệu trưởng nhà trường, cho biết giáo viên luôn đổi mới phương pháp dạy học để các em yêu thích đến trường.",
                "Các phòng học được trang bị máy chiếu, bàn ghế mới và thư viện thân thiện với nhiều đầu sách.",
                "Ông {person}, {role}, đề nghị nhà trường tiếp tục nâng cao chất lượng dạy và học, chăm lo bữa ăn bán trú cho học sinh.",
            ],
            [
                "Nhiều phụ huynh phản ánh các khoản thu đầu năm vượt quy định, có dấu hiệu lạm thu và thiếu minh bạch.",
                "Sau bữa trưa, {m} học sinh có biểu hiện đau bụng, buồn nôn và được đưa đi cấp cứu; cơ quan y tế đã lấy mẫu thức ăn để xét nghiệm.",
                "Phòng Giáo dục đã yêu cầu nhà trường báo cáo, đồng thời tổ chức đối thoại để giải quyết khiếu nại của phụ huynh.",
            ]),
        new(
            new("Văn hóa - Lễ hội", "van-hoa"),
            [
                "Tưng bừng lễ hội xuống đồng của đồng bào Tày, Nùng ở {place}",
                "Ngày hội văn hóa các dân tộc {province} thu hút hàng nghìn du khách",
                "Phục dựng nghi lễ cấp sắc của người Dao tại {place}",
                "{place} tổ chức liên hoan hát then, đàn tính lần thứ {m}",
                "Du lịch cộng đồng ở {place} đón lượng khách tăng mạnh",
            ],
            [
                "Lễ hội ở {place} bị phản ánh chặt chém du khách, ô nhiễm rác thải",
            ],
            [
                "Lễ hội diễn ra trong không khí vui tươi với nhiều trò chơi dân gian như ném còn, đẩy gậy, kéo co và thi nấu cỗ.",
                "Theo bà {person}, {role}, lễ hội là dịp để giữ gìn bản sắc văn hóa và quảng bá hình ảnh quê hương tới du khách.",
                "Các đội văn nghệ đến từ {n} thôn, bản mang tới những tiết mục hát then, múa sạp đặc sắc.",
                "Nhiều du khách bày tỏ ấn tượng với cảnh quan thiên nhiên và sự mến khách của người dân {place}.",
            ],
            [
                "Một số du khách phản ánh giá dịch vụ ăn uống, gửi xe bị đẩy lên gấp nhiều lần ngày thường.",
                "Sau lễ hội, rác thải vứt bừa bãi dọc bờ suối gây ô nhiễm môi trường, người dân địa phương rất bức xúc.",
            ]),
        new(
            new("Y tế", "y-te"),
            [
                "Khám bệnh, cấp thuốc miễn phí cho {n} người dân {place}",
                "Trung tâm Y tế {place} triển khai tiêm chủng mở rộng đợt {m}",
                "Bệnh viện đa khoa {province} ứng dụng kỹ thuật mới trong phẫu thuật",
                "{place} đẩy mạnh cấp thẻ bảo hiểm y tế cho người dân",
            ],
            [
                "Bệnh nhân {place} phản ánh thái độ phục vụ kém tại trạm y tế",
                "Cảnh giác với tin giả về thuốc chữa bệnh lan truyền trên mạng xã hội ở {place}",
                "Nhiều người nhập viện nghi ngộ độc thực phẩm sau đám cưới ở {place}",
            ],
            [
                "Các bác sĩ đã khám, tư vấn sức khỏe và cấp thuốc miễn phí cho người cao tuổi, trẻ em và hộ nghèo.",
                "Bác sĩ {person}, {role}, cho biết tỷ lệ tiêm chủng đầy đủ cho trẻ dưới một tuổi của địa phương đạt trên {m} phần trăm.",
                "Ngành y tế khuyến cáo người dân giữ vệ sinh, ăn chín uống sôi và đến cơ sở y tế ngay khi có dấu hiệu bất thường.",
                "Hoạt động góp phần nâng cao chất lượng chăm sóc sức khỏe ban đầu cho đồng bào vùng sâu, vùng xa.",
            ],
            [
                "Một số người bệnh cho biết phải chờ đợi nhiều giờ, nhân viên trạm y tế có thái độ cáu gắt, thiếu tôn trọng.",
                "Trên mạng xã hội xuất hiện thông tin sai sự thật về loại thuốc nam chữa khỏi mọi bệnh; đây là tin giả có dấu hiệu lừa đảo.",
                "Hơn {m} người có biểu hiện nôn, sốt sau bữa tiệc và đã được cấp cứu, cơ quan chức năng đang điều tra nguyên nhân ngộ độc thực phẩm.",
            ]),
        new(
            new("Thời sự", "thoi-su"),
            [
                "Hội nghị Ban Chấp hành Đảng bộ {province} lần thứ {m}",
                "HĐND {province} khai mạc kỳ họp chuyên đề",
                "Lãnh đạo tỉnh tiếp xúc cử tri tại {place}",
                "UBND {province} họp phiên thường kỳ tháng {m}",
                "Đoàn công tác của tỉnh kiểm tra tiến độ xây dựng nông thôn mới ở {place}",
            ],
            [
                "Cử tri {place} kiến nghị làm rõ sai phạm, tham nhũng trong dự án đất đai",
                "Thanh tra chỉ ra nhiều sai phạm gây lãng phí ngân sách tại {place}",
            ],
            [
                "Hội nghị đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội và bàn giải pháp cho những tháng cuối năm.",
                "Đồng chí {person}, {role}, yêu cầu các cấp, các ngành tập trung tháo gỡ khó khăn, đẩy nhanh giải ngân vốn đầu tư công.",
                "Tại buổi làm việc, cử tri {place} kiến nghị nhiều nội dung liên quan đến đất đai, giao thông nông thôn và nước sinh hoạt.",
                "Tổng thu ngân sách trên địa bàn ước đạt {n} tỷ đồng, tăng so với cùng kỳ năm trước.",
            ],
            [
                "Cử tri bức xúc cho rằng việc bồi thường, giải phóng mặt bằng chưa công khai, có dấu hiệu tham nhũng, trục lợi.",
                "Kết luận thanh tra cho thấy nhiều hạng mục thi công sai thiết kế, gây lãng phí hàng tỷ đồng ngân sách nhà nước.",
                "Ông {person}, {role}, khẳng định sẽ xử lý nghiêm tập thể, cá nhân vi phạm và trả lời cử tri trong thời gian sớm nhất.",
            ]),
        new(
            new("Thời tiết", "thoi-tiet"),
            [
                "Không khí lạnh tăng cường, {province} trở rét",
                "Dự báo thời tiết {province} những ngày tới: trời nắng, đêm và sáng sớm có sương mù",
                "{place} chủ động phòng chống rét cho gia súc",
            ],
            [
                "Mưa lớn gây ngập úng, sạt lở tại {place}",
                "Lũ quét tại {place} cuốn trôi nhiều tài sản của người dân",
            ],
            [
                "Theo Đài Khí tượng Thủy văn tỉnh, nhiệt độ thấp nhất ở vùng núi cao có nơi xuống dưới {m} độ C.",
                "Ông {person}, {role}, đề nghị người dân che chắn chuồng trại, dự trữ thức ăn cho trâu bò.",
                "Các địa phương được yêu cầu theo dõi chặt chẽ diễn biến thời tiết, sẵn sàng phương án ứng phó.",
            ],
            [
                "Mưa lớn kéo dài khiến nhiều tuyến đường ở {place} bị ngập úng cục bộ, hàng chục ngôi nhà có nguy cơ sạt lở.",
                "Ước tính thiệt hại ban đầu khoảng {n} triệu đồng; chính quyền đã di dời các hộ dân ở vùng nguy hiểm đến nơi an toàn.",
            ]),
    ];
}
