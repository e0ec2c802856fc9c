#!/usr/bin/python3
"""Collects the JSON lines written by bench/classifier.sh into one table."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
header = ("set", "system", "features / model", "macro-F1", "accuracy", "train s", "predict docs/s", "model MB", "peak MB")
print("| " + " | ".join(header) + " |")
print("|" + "|".join("---" for _ in header) + "|")
for r in rows:
    print("| " + " | ".join([
        r["set"], r["system"], r["config"],
        f'{r["macro_f1"]:.2f}', f'{r["accuracy"]:.2f}', f'{r["train_s"]:.2f}',
        f'{r["docs_per_s"]:,.0f}', f'{r["model_bytes"] / 1e6:.2f}', f'{r["peak_mb"]:.0f}',
    ]) + " |")
