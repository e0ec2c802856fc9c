#!/usr/bin/env python3
"""The same history with ascending ids (issue 10, the import's ceiling): a copy of a store-scale history in
which every item id and comment id is replaced by its platform and one counter in file order
(facebook:000000000, web:000000001, ...; comments facebook:c000000000, ...), and every reference to them
(observations' and comments' itemId, replies' parentId) follows. Nothing else changes: the same items, titles,
comments, times and counts, so the same flags are raised.

Imported, each batch's new ids sort after every stored id of their platform: every index keyed by an item or
comment id takes the batch at five ends (one a platform), close to an integer key's one. The time against the
original file bounds what re-keying the store's tables by integer could win.

Usage: python3 bench/store-scale/sequential-ids.py HISTORY.ndjson OUT.ndjson
"""
import json
import sys


def main(source, target):
    items, comments = {}, {}

    def renamed(table, old, form):
        if old not in table:
            table[old] = form.format(old.split(":", 1)[0], len(table))
        return table[old]

    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            row = json.loads(line)
            kind = row["type"]
            if kind == "item":
                row["id"] = renamed(items, row["id"], "{}:{:09d}")
            elif kind == "observation":
                row["itemId"] = items[row["itemId"]]
            elif kind == "comment":
                row["id"] = renamed(comments, row["id"], "{}:c{:09d}")
                row["itemId"] = items[row["itemId"]]
                if row.get("parentId"):
                    row["parentId"] = renamed(comments, row["parentId"], "{}:c{:09d}")
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
