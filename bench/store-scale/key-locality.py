#!/usr/bin/env python3
"""What the key of a child table costs an import (issue 10, import speed at 1M items).

Copies the observations of a store built by bench/store-scale.sh into two fresh SQLite files, in the order the
import wrote them and 40,000 rows to a transaction (about one import batch), with the writer's settings
(WAL, synchronous NORMAL, 128 MB page cache):
  text: unique on (item_id, observed_at), as the store keys them today: item ids are random text, so each batch
        inserts all over the index;
  seq:  unique on (item_seq, observed_at), item_seq being the item's rowid: new items have the highest, so each
        batch appends at the end of the index.
Prints the seconds spent inserting every 2,000,000 rows and in all, and each file's size.

Usage: python3 bench/store-scale/key-locality.py STORE.db [ROWS] [WORK]
       (default ROWS 8000000, the observations of 1M items; WORK /tmp/monitor-key-locality)
"""
import os
import sqlite3
import sys
import time

BATCH = 40_000
REPORT_EVERY = 2_000_000


def copy(store, mode, rows, work):
    path = os.path.join(work, f"{mode}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    target = sqlite3.connect(path, isolation_level=None)
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("PRAGMA synchronous = NORMAL")
    target.execute("PRAGMA cache_size = -131072")
    key = "item_id TEXT" if mode == "text" else "item_seq INTEGER"
    column = key.split()[0]
    target.execute(f"CREATE TABLE observations (id INTEGER PRIMARY KEY, {key} NOT NULL, observed_at TEXT NOT NULL, views INTEGER, UNIQUE ({column}, observed_at))")
    insert = f"INSERT INTO observations ({column}, observed_at, views) VALUES (?, ?, ?)"
    after, done, spent, laps = 0, 0, 0.0, []
    while done < rows:
        page = source.execute(
            "SELECT o.id, o.item_id, i.rowid, o.observed_at, o.views FROM observations o JOIN items i ON i.id = o.item_id "
            "WHERE o.id > ? ORDER BY o.id LIMIT ?", (after, min(BATCH, rows - done))).fetchall()
        if not page:
            break
        after = page[-1][0]
        values = [(r[1] if mode == "text" else r[2], r[3], r[4]) for r in page]
        started = time.perf_counter()
        target.execute("BEGIN")
        target.executemany(insert, values)
        target.execute("COMMIT")
        spent += time.perf_counter() - started
        done += len(page)
        if done // REPORT_EVERY > len(laps):
            laps.append(spent)
    target.close()
    size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
    return done, spent, laps, size


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    store = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 8_000_000
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/monitor-key-locality"
    os.makedirs(work, exist_ok=True)
    print(f"| key | rows | insert s | s per {REPORT_EVERY:,} rows, in turn | file MB |")
    print("|---|---|---|---|---|")
    for mode in ("text", "seq"):
        done, spent, laps, size = copy(store, mode, rows, work)
        steps = " / ".join(f"{b - a:.1f}" for a, b in zip([0.0] + laps, laps))
        print(f"| {mode} | {done:,} | {spent:.1f} | {steps} | {size / 1048576:.0f} |", flush=True)


if __name__ == "__main__":
    main()
