#!/usr/bin/env python3
"""Fixed train/dev/test split of the in-domain comment set (models/data/comments/batch-*.tsv).

Deterministic: within each (sentiment, toxicity) stratum the lines are ordered by the SHA-256 of their id and
cut 60/20/20, so adding a batch never moves an existing line to another split unless its stratum grows, and
nothing depends on a random seed. Near-duplicates (same accent-free words, or word-set Jaccard >= 0.8) are
refused: one of a pair would otherwise sit in train and the other in test.

Writes, next to this script:
  split/{train,dev,test}.tsv                   id, text, sentiment, toxicity, group (all columns)
  split/sentiment-{train,dev,test}.tsv         label<TAB>text, the format `model train` / `model eval` read
  split/toxicity-{train,dev,test}.tsv
"""
import glob, hashlib, os, re, sys, unicodedata
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
SENTIMENT = {"negative", "neutral", "positive"}
TOXICITY = {"CLEAN", "OFFENSIVE", "HATE"}


def words(text):
    t = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn")
    return re.findall(r"\w+", t) or [text]


rows, errors, ids = [], [], set()
for path in sorted(glob.glob(os.path.join(here, "batch-*.tsv"))):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["id", "text", "sentiment", "toxicity", "group"]:
            errors.append(f"{path}: unexpected header {header}")
            continue
        for n, line in enumerate(f, 2):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                errors.append(f"{path}:{n}: {len(cols)} columns")
                continue
            id_, text, s, t, g = cols
            if s not in SENTIMENT or t not in TOXICITY:
                errors.append(f"{path}:{n}: labels {s}/{t}")
            if id_ in ids:
                errors.append(f"{path}:{n}: duplicate id {id_}")
            ids.add(id_)
            if unicodedata.normalize("NFC", text) != text:
                errors.append(f"{path}:{n}: text not NFC")
            rows.append((id_, text, s, t, g))

seen = []
for r in rows:
    w = words(r[1])
    ws = set(w)
    for other, oset, oid in seen:
        if w == other or (len(ws) >= 4 and len(ws & oset) / len(ws | oset) >= 0.8):
            errors.append(f"near-duplicate: {r[0]} ~ {oid}")
            break
    seen.append((w, ws, r[0]))

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)

strata = defaultdict(list)
for r in rows:
    strata[(r[2], r[3])].append(r)
splits = {"train": [], "dev": [], "test": []}
for key in sorted(strata):
    members = sorted(strata[key], key=lambda r: hashlib.sha256(r[0].encode()).hexdigest())
    n = len(members)
    for i, r in enumerate(members):
        f = i / n
        splits["train" if f < 0.6 else "dev" if f < 0.8 else "test"].append(r)

out = os.path.join(here, "split")
os.makedirs(out, exist_ok=True)
for name, members in splits.items():
    members.sort(key=lambda r: r[0])
    with open(os.path.join(out, f"{name}.tsv"), "w", encoding="utf-8") as f:
        f.write("id\ttext\tsentiment\ttoxicity\tgroup\n")
        f.writelines("\t".join(r) + "\n" for r in members)
    for task, col in (("sentiment", 2), ("toxicity", 3)):
        with open(os.path.join(out, f"{task}-{name}.tsv"), "w", encoding="utf-8") as f:
            f.writelines(f"{r[col]}\t{r[1]}\n" for r in members)
    print(f"{name}: {len(members)}", file=sys.stderr)
