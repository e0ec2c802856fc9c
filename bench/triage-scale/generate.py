#!/usr/bin/env python3
"""Fills a Monitor SQLite store (schema already created by the worker) with a synthetic history at
the scale of issue 12's target: N items with Vietnamese titles and bodies, 2 comments per item, both
in the folded full-text indexes, and one flag in 20 items (status spread over the triage states),
with their triage rows and audit entries. Only what the inbox and search read is written; the
summaries the reports read are not. Usage: generate.py STORE_DB ITEMS"""
import json, random, sqlite3, sys, unicodedata, hashlib

db, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(12)
stations = ["thai-nguyen", "bac-kan", "tuyen-quang", "ha-giang", "cao-bang", "lang-son", "phu-tho", "yen-bai"]
platforms = ["web", "youtube", "facebook", "tiktok", "zalo"]
syllables = ("thái nguyên điện biên hà nội giao thông nông nghiệp sạt lở mưa lũ đường sá lễ hội chè đặc sản người dân "
             "tỉnh huyện xã cán bộ học sinh trường bệnh viện y tế giá cả thị trường du lịch văn hóa thể thao an ninh "
             "trật tự phòng chống dịch bệnh cải cách hành chính đầu tư xây dựng cầu mới khánh thành").split()
statuses = ["open"] * 6 + ["taken", "assigned", "in_review", "escalated", "resolved", "dismissed"]

def fold(text):
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            continue
        out.append("d" if ch in "đĐ" else ch.lower())
    return "".join(out)

def sentence(k):
    return " ".join(rng.choice(syllables) for _ in range(k)).capitalize()

def time(seconds):
    # 2025-01-01 plus seconds, in SqliteTime's fixed-width form.
    import datetime
    t = datetime.datetime(2025, 1, 1) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}0000Z"

con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = OFF")
span = 2 * 365 * 86400
batch = 20000
for start in range(0, n, batch):
    items, fts, comments, cfts, triage, audit = [], [], [], [], [], []
    for i in range(start, min(n, start + batch)):
        station, platform = rng.choice(stations), rng.choice(platforms)
        at = rng.randrange(span)
        title, body = sentence(10), ". ".join(sentence(12) for _ in range(4)) + "."
        item_id = f"{platform}:bench-{i}"
        items.append((i + 1, item_id, station, f"{station}-{platform}", platform, "article", f"https://example.vn/{i}", title, body, time(at), time(at + 600), "vi", "h", 1, time(at + 600)))
        fts.append((i + 1, fold(title), fold(body)))
        for k in range(2):
            row = 2 * i + k + 1
            text = sentence(8)
            comments.append((row, f"{platform}:bench-{i}-c{k}", item_id, platform, None, "Bạn đọc", text, time(at + 3600 * (k + 1)), k, time(at + 7200)))
            cfts.append((row, fold(text)))
        if i % 20 == 0:
            source, reason = rng.choice(["watchlist:thien-tai", "model:toxicity", "model:sentiment"]), "Bench " + str(i)
            flag_id = "f" + hashlib.sha256("\x1f".join([item_id, source, reason]).encode()).hexdigest()[:20]
            status = rng.choice(statuses)
            assignee = rng.choice(["lan", "hung", "minh"]) if status not in ("open", "escalated", "dismissed") else None
            raised = time(at + 900)
            snapshot = json.dumps({"target_id": item_id, "target_kind": "item", "item_id": item_id, "station_id": station, "platform": platform,
                                   "url": f"https://example.vn/{i}", "title": title, "text": body, "source": source, "severity": "high", "reason": reason,
                                   "matched_terms": [], "scores": [], "raised_at": raised[:23] + "Z"}, ensure_ascii=False)
            triage.append((flag_id, item_id, "item", item_id, station, f"{station}-{platform}", platform, source, rng.choice(["high", "medium", "low"]), reason, 0.8,
                           title, f"https://example.vn/{i}", raised, status, "confirmed" if status == "resolved" else None, assignee, raised, snapshot))
            audit.append((flag_id, 1, raised, "system", "raise", None, "open"))
    con.executemany("INSERT INTO items (rowid, id, station_id, channel_id, platform, kind, url, title, body, published_at, collected_at, language, content_hash, version, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", items)
    con.executemany("INSERT INTO items_fts (rowid, title, body) VALUES (?,?,?)", fts)
    con.executemany("INSERT INTO comments (rowid, id, item_id, platform, parent_id, author, text, published_at, likes, first_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?)", comments)
    con.executemany("INSERT INTO comments_fts (rowid, text) VALUES (?,?)", cfts)
    con.executemany("INSERT INTO flag_triage (flag_id, target_id, target_kind, item_id, station_id, channel_id, platform, source, severity, reason, score, title, url, raised_at, status, outcome, assignee, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [t[:-1] for t in triage])
    con.executemany("INSERT INTO flag_snapshots (flag_id, snapshot) VALUES (?,?)", [(t[0], t[-1]) for t in triage])
    con.executemany("INSERT INTO flag_audit (flag_id, seq, at, actor, action, from_status, to_status) VALUES (?,?,?,?,?,?,?)", audit)
    con.commit()
    print(f"{min(n, start + batch)} items", file=sys.stderr, flush=True)
con.execute("ANALYZE")
con.commit()
con.close()
