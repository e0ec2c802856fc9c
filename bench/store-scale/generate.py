#!/usr/bin/env python3
"""Synthetic history for bench/store-scale.sh, in the project's NDJSON transfer format.

The stations and channels of cụm 2 come from pipelines/stations/*.yaml; titles, bodies and comments
are composed from the phrase lists below (written for this benchmark). Every item gets 8 observations
(at 1 h, 3 h, 6 h, 12 h, 24 h, 48 h, 72 h and 7 days) and 2 comments. Some titles are published again on
another platform of the same station within a day, so story linking has stories to find. Items are
published at ~2,000 a day up to 30 November 2026 (see ITEMS_PER_DAY), so a larger history reaches further back.
Deterministic: the same size and seed give the same file.

Usage: generate.py ITEMS OUT.ndjson [--pipelines DIR] [--seed N]
"""
import argparse
import datetime as dt
import glob
import hashlib
import os
import random
import sys

PLACES = {
    "thai-nguyen": ["Thái Nguyên", "Đại Từ", "Phổ Yên", "Sông Công", "Định Hóa", "Võ Nhai", "Phú Lương", "Đồng Hỷ", "Chợ Mới", "Ba Bể"],
    "bac-kan": ["Bắc Kạn", "Ba Bể", "Pác Nặm", "Ngân Sơn", "Chợ Đồn", "Na Rì"],
    "bac-giang": ["Bắc Giang", "Lục Ngạn", "Yên Thế", "Việt Yên", "Hiệp Hòa", "Lạng Giang", "Sơn Động"],
    "cao-bang": ["Cao Bằng", "Trùng Khánh", "Bảo Lạc", "Hà Quảng", "Nguyên Bình", "Quảng Hòa", "Thạch An"],
    "lang-son": ["Lạng Sơn", "Hữu Lũng", "Cao Lộc", "Tràng Định", "Bắc Sơn", "Đồng Đăng", "Chi Lăng"],
    "hoa-binh": ["Hòa Bình", "Mai Châu", "Lương Sơn", "Tân Lạc", "Kim Bôi"],
    "quang-ninh": ["Quảng Ninh", "Hạ Long", "Móng Cái", "Cẩm Phả", "Uông Bí", "Vân Đồn", "Cô Tô", "Đông Triều"],
    "vinh-phuc": ["Vĩnh Phúc", "Vĩnh Yên", "Phúc Yên", "Tam Đảo", "Lập Thạch", "Bình Xuyên"],
}
OPENINGS = ["", "", "", "Nóng: ", "Trực tiếp: ", "Video: ", "Toàn cảnh: ", "Phóng sự: ", "Góc nhìn: ", "Tin vắn: "]
SUBJECTS = [
    "nông dân", "học sinh", "bà con dân tộc Tày", "thanh niên tình nguyện", "ngành y tế", "doanh nghiệp",
    "hợp tác xã chè", "lực lượng biên phòng", "cán bộ xã", "người cao tuổi", "các cháu mầm non", "du khách",
    "ngư dân", "công nhân khu công nghiệp", "thầy cô giáo", "bộ đội", "hội phụ nữ", "đoàn viên",
]
ACTIONS = [
    "khẩn trương khắc phục hậu quả mưa lũ tại", "rộn ràng vào mùa thu hoạch ở", "ra quân làm đường giao thông nông thôn ở",
    "chung tay xây nhà đại đoàn kết tại", "đón nhận bằng công nhận xã nông thôn mới ở", "tưng bừng lễ hội xuống đồng tại",
    "tích cực chuyển đổi số trong", "đẩy mạnh xuất khẩu sản phẩm OCOP của", "diễn tập phòng cháy chữa cháy tại",
    "tổ chức hội thi văn nghệ quần chúng ở", "hiến máu tình nguyện tại", "bảo vệ rừng đầu nguồn ở",
    "kiểm tra an toàn thực phẩm dịp lễ ở", "tìm hướng đi mới cho cây cam sành ở", "khai giảng năm học mới tại",
    "khám bệnh miễn phí cho người dân", "giải cứu nông sản ùn ứ tại", "tuần tra bảo vệ chủ quyền biên giới ở",
    "phản ánh tình trạng ô nhiễm nguồn nước ở", "lo lắng vì sạt lở đất uy hiếp khu dân cư ở",
]
CLOSINGS = ["", "", "", " năm 2026", " sau bão", " dịp cuối năm", " mùa hè này", " trước Tết", " - kỳ 1", " - kỳ 2", " đầu xuân"]
SENTENCES = [
    "Theo ghi nhận của phóng viên, không khí tại địa phương rất sôi nổi.",
    "Lãnh đạo tỉnh đã đến thăm hỏi, động viên và trao quà cho các gia đình.",
    "Nhiều hộ dân cho biết thu nhập năm nay tăng rõ rệt so với năm trước.",
    "Chính quyền địa phương đang tiếp tục rà soát, hỗ trợ người dân ổn định cuộc sống.",
    "Mô hình này được kỳ vọng sẽ nhân rộng ra các huyện lân cận trong thời gian tới.",
    "Một số ý kiến cho rằng cần có thêm nguồn vốn để duy trì lâu dài.",
    "Đến nay, công tác chuẩn bị cơ bản đã hoàn tất.",
    "Người dân mong muốn các cấp, các ngành sớm vào cuộc giải quyết dứt điểm.",
]
COMMENTS = [
    "Chương trình rất hay, cảm ơn đài", "Tự hào quê hương mình quá", "Mong chính quyền sớm giải quyết cho bà con",
    "Đường ở xóm em vẫn chưa sửa ạ", "Video ý nghĩa, chia sẻ cho mọi người cùng xem", "Cảm ơn các anh bộ đội",
    "Giá cam năm nay thấp quá, bà con vất vả", "Đẹp quá, nhất định phải đến một lần", "Thông tin hữu ích",
    "Sao đến giờ mới đưa tin vậy", "Ủng hộ mô hình này", "Bao giờ mới có nước sạch cho dân",
    "Cán bộ làm ăn tắc trách thế này thì dân khổ", "Hay lắm, mong có thêm nhiều phóng sự như vậy",
    "Chúc mừng xã mình", "Xem mà rơi nước mắt", "Đề nghị làm rõ trách nhiệm", "Quá tuyệt vời",
]
AUTHORS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Hoàng Thị Dung", "Nông Văn Dũng", "Lục Thị Hà", "Phạm Quốc Huy", "Đinh Thị Lan", "Vi Văn Long", "Mã Thị Mai", "Bế Văn Nam", "La Thị Oanh"]
AGES_HOURS = [1, 3, 6, 12, 24, 48, 72, 168]
KINDS = {"web": "article", "youtube": "video", "facebook": "post", "tiktok": "clip", "zalo": "post"}
PLATFORM_OF = {"website": "web", "youtube": "youtube", "facebook": "facebook", "tiktok": "tiktok", "zalo": "zalo"}
# Rough reach per platform: views a 7-day-old item reaches on average.
REACH = {"web": 800, "youtube": 3000, "facebook": 6000, "tiktok": 12000, "zalo": 1500}
# History grows by time at the rate cụm 2 publishes, as a real store grows: the national figure is
# about 3 million items a year for 34 provinces, ~240 a province a day, so ~2,000 a day for cụm 2's 8
# stations. History ends on 30 November 2026, so 100k items span the last 50 days and 1M the last 500,
# and a month's report reads the same ~60,000 items at both sizes in a store ten times larger (a fixed
# span instead made a month ten times denser at 1M, so "memory flat as the store grows" compared two
# different amounts of work).
ITEMS_PER_DAY = 2000
END = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def cluster_channels(folder):
    """(station, [(channel id, platform, base url)]) for every cụm 2 station, read line by line from its YAML."""
    stations = []
    for path in sorted(glob.glob(os.path.join(folder, "stations", "*.yaml"))):
        station, cluster, channels, channel, base = None, None, [], None, None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.split("#", 1)[0].rstrip()
                if line.startswith("id:"):
                    station = line.split(":", 1)[1].strip()
                elif line.startswith("cluster:"):
                    cluster = line.split(":", 1)[1].strip()
                elif line.strip().startswith("- id:"):
                    channel = line.split(":", 1)[1].strip()
                elif line.strip().startswith("kind:") and channel:
                    kind = line.split(":", 1)[1].strip()
                    if kind in PLATFORM_OF:
                        channels.append((channel, PLATFORM_OF[kind]))
                    channel = None
                elif line.strip().startswith("baseUrl:"):
                    base = line.split(":", 1)[1].strip()
        if cluster == "cum-2" and channels:
            stations.append((station, channels, base or f"https://{station}.vn/"))
    return stations


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("items", type=int)
    parser.add_argument("out")
    parser.add_argument("--pipelines", default="pipelines")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stations = cluster_channels(args.pipelines)
    if not stations:
        sys.exit(f"no cụm 2 station with channels under {args.pipelines}/stations")

    span_seconds = max(1, args.items * 24 * 3600 // ITEMS_PER_DAY)
    start = END - dt.timedelta(seconds=span_seconds)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        write = out.write
        previous = None
        for n in range(args.items):
            station, channels, base = stations[n % len(stations)] if n % 3 else rng.choice(stations)
            channel, platform = rng.choice(channels)
            places = PLACES.get(station, [station])
            # A fifth of the items repeat a recent title of their station on another platform: a story.
            if previous and previous[0] == station and rng.random() < 0.2:
                title, published = previous[1], previous[2] + dt.timedelta(minutes=rng.randint(5, 600))
            else:
                title = f"{rng.choice(OPENINGS)}{rng.choice(SUBJECTS).capitalize()} {rng.choice(ACTIONS)} {rng.choice(places)}{rng.choice(CLOSINGS)}"
                published = start + dt.timedelta(seconds=rng.randrange(span_seconds))
            previous = (station, title, published)
            if platform == "web":
                url = f"{base.rstrip('/')}/tin-tuc/bai-{n}.html"
                item_id = "web:" + hashlib.sha256(url.encode()).hexdigest()[:24]
                body = " ".join(rng.sample(SENTENCES, 3))
            else:
                native = f"{station[:3]}{n:09d}"
                item_id = f"{platform}:{native}"
                url = f"https://{platform}.example/{station}/{native}"
                body = rng.choice(SENTENCES) if platform != "tiktok" else None
            collected = published + dt.timedelta(hours=1)
            body_json = "null" if body is None else f'"{body}"'
            write(f'{{"type":"item","id":"{item_id}","stationId":"{station}","channelId":"{channel}","platform":"{platform}","kind":"{KINDS[platform]}","url":"{url}","title":"{title}","body":{body_json},"author":null,"category":null,"publishedAt":"{iso(published)}","collectedAt":"{iso(collected)}","language":"vi"}}\n')
            reach = REACH[platform] * rng.lognormvariate(0, 1)
            for hours in AGES_HOURS:
                share = min(1.0, (hours / 168) ** 0.4)
                views = int(reach * share)
                write(f'{{"type":"observation","itemId":"{item_id}","observedAt":"{iso(published + dt.timedelta(hours=hours))}","views":{views},"reactions":{views // 20},"comments":{views // 200},"shares":{views // 500}}}\n')
            for k in range(2):
                said = iso(published + dt.timedelta(minutes=rng.randint(10, 3000)))
                write(f'{{"type":"comment","id":"{platform}:c{n}x{k}","itemId":"{item_id}","platform":"{platform}","parentId":null,"author":"{rng.choice(AUTHORS)}","text":"{rng.choice(COMMENTS)}","publishedAt":"{said}","likes":{rng.randint(0, 40)}}}\n')


if __name__ == "__main__":
    main()
