#!/usr/bin/python3
"""The in-domain columns of bench/classifier.sh: scores each system's predictions on the in-domain test split.

Reads JSON lines, one per (system, task): {"system", "task", "general_set", "general_f1", "predictions"}, where
predictions is a file with one line per test comment: label<TAB>probability<TAB>label=p label=p ... (the
output of `model predict --distribution`; scikit-learn's script writes the same). Prints one table row per
system with both tasks, and the share of clean praise and of plain questions on which any model flag is raised.
Flag rules are the worker's (pipelines/monitor.yaml): P(negative) >= 0.7, P(OFFENSIVE) + P(HATE) >= 0.7,
and in both cases the winning label a flagged one with probability >= minConfidence 0.5.
"""
import json
import sys
from collections import defaultdict

from sklearn.metrics import accuracy_score, f1_score

NEGATIVE_THRESHOLD, TOXIC_THRESHOLD, MIN_CONFIDENCE = 0.7, 0.7, 0.5
FLAGGED = {"sentiment": {"negative"}, "toxicity": {"OFFENSIVE", "HATE"}}
THRESHOLD = {"sentiment": NEGATIVE_THRESHOLD, "toxicity": TOXIC_THRESHOLD}


def read_test(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            id_, text, sentiment, toxicity, group = line.rstrip("\n").split("\t")
            rows.append({"id": id_, "sentiment": sentiment, "toxicity": toxicity, "group": group})
    return rows


def read_predictions(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            dist = dict((kv.split("=")[0], float(kv.split("=")[1])) for kv in cols[2].split(" ")) if len(cols) > 2 and cols[2] else None
            out.append((cols[0], float(cols[1]), dist))
    return out


def flags(task, predictions):
    result = []
    for label, p, dist in predictions:
        winner_flagged = label in FLAGGED[task] and p >= MIN_CONFIDENCE
        # Without a distribution (a model that gives none) the winner alone decides: an upper bound on its flags.
        score = sum(dist.get(k, 0) for k in FLAGGED[task]) if dist else (1.0 if label in FLAGGED[task] else 0.0)
        result.append(winner_flagged and score >= THRESHOLD[task])
    return result


def main():
    test = read_test(sys.argv[1])
    runs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    praise = [i for i, r in enumerate(test) if r["sentiment"] == "positive" and r["toxicity"] == "CLEAN"]
    questions = [i for i, r in enumerate(test) if r["group"].startswith("q_") and r["sentiment"] == "neutral" and r["toxicity"] == "CLEAN"]
    by_system = defaultdict(dict)
    for run in runs:
        predictions = read_predictions(run["predictions"])
        assert len(predictions) == len(test), (run["system"], len(predictions), len(test))
        gold = [r[run["task"]] for r in test]
        predicted = [p[0] for p in predictions]
        by_system[run["system"]][run["task"]] = {
            "general_set": run["general_set"], "general_f1": run["general_f1"], "config": run.get("config", ""),
            "f1": 100 * f1_score(gold, predicted, average="macro"), "acc": 100 * accuracy_score(gold, predicted),
            "flags": flags(run["task"], predictions),
        }

    header = ("system", "VSFC dev macro-F1", "in-domain test sentiment macro-F1 (acc)", "ViHSD dev macro-F1",
              "in-domain test toxicity macro-F1 (acc)", f"flags on clean praise (n={len(praise)})", f"flags on questions (n={len(questions)})")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for system, tasks in by_system.items():
        s, t = tasks.get("sentiment"), tasks.get("toxicity")
        flagged = [any(tasks[k]["flags"][i] for k in tasks) for i in range(len(test))]
        rate = lambda idx: f"{100 * sum(flagged[i] for i in idx) / len(idx):.1f}% ({sum(flagged[i] for i in idx)})"
        cell = lambda x, key: f'{x[key]:.2f}' if x and x.get(key) is not None else "-"
        print("| " + " | ".join([
            system, cell(s, "general_f1"), f'{s["f1"]:.2f} ({s["acc"]:.1f})' if s else "-",
            cell(t, "general_f1"), f'{t["f1"]:.2f} ({t["acc"]:.1f})' if t else "-", rate(praise), rate(questions),
        ]) + " |")
    print()
    for system, tasks in by_system.items():
        for task, x in tasks.items():
            if x["config"]:
                print(f"{system}, {task}: {x['config']}")


if __name__ == "__main__":
    sys.exit(main())
