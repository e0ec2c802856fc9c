#!/usr/bin/python3
"""Collects the JSON lines written by bench/classifier.sh into one table."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
header = ("set", "system", "features / model", "macro-F1", "accuracy", "train s (cpu s)", "predict docs/s (per cpu-s)", "model MB", "peak MB")
print("| " + " | ".join(header) + " |")
print("|" + "|".join("---" for _ in header) + "|")
for r in rows:
    print("| " + " | ".join([
        r["set"], r["system"], r["config"],
        f'{r["macro_f1"]:.2f}', f'{r["accuracy"]:.2f}', f'{r["train_s"]:.2f} ({r["train_cpu_s"]:.2f})',
        f'{r["docs_per_s"]:,.0f} ({r["docs_per_cpu_s"]:,.0f})', f'{r["model_bytes"] / 1e6:.2f}', f'{r["peak_mb"]:.0f}',
    ]) + " |")

# Ratios of each engine of ours (the project's learner, ML.NET) against the best scikit-learn configuration (by macro-F1) of each set.
print()
for s in dict.fromkeys(r["set"] for r in rows):
    peers = [r for r in rows if r["set"] == s and r["system"].startswith("scikit-learn")]
    if not peers:
        continue
    best = max(peers, key=lambda r: r["macro_f1"])
    for ours in (r for r in rows if r["set"] == s and not r["system"].startswith("scikit-learn")):
        print(f'{s}: {ours["system"]} vs best scikit-learn ({best["config"]}): macro-F1 {ours["macro_f1"] - best["macro_f1"]:+.2f} points; '
              f'training cpu {ours["train_cpu_s"] / best["train_cpu_s"]:.2f}x; '
              f'prediction {ours["docs_per_cpu_s"] / best["docs_per_cpu_s"]:.1f}x per cpu-s ({ours["docs_per_s"] / best["docs_per_s"]:.1f}x wall)')
