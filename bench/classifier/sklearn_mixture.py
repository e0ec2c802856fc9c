#!/usr/bin/python3
"""scikit-learn's best configuration of a set (bench/classifier.sh) trained on the same mixture as ours:
the general train split plus the in-domain train split, each in-domain example weighted (sample_weight).

Prints one JSON line for bench/classifier/in_domain.py and writes one prediction line per in-domain test
comment: label<TAB>probability<TAB>label=p ... (LogisticRegression), or label<TAB>1<TAB> for LinearSVC,
which has no probabilities (its flags are then its winning labels: an upper bound).
"""
import argparse
import json
import sys

from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline

sys.path.insert(0, __import__("os").path.dirname(__file__))
from sklearn_baseline import features, model, read  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    for name in ("--train", "--in-domain", "--general-dev", "--test", "--out", "--features", "--model", "--system", "--task", "--general-set"):
        parser.add_argument(name, required=True)
    parser.add_argument("--weight", type=float, required=True)
    parser.add_argument("--c", type=float, required=True)
    args = parser.parse_args()

    y, x = read(args.train)
    y_in, x_in = read(args.in_domain)
    pipeline = make_pipeline(features(args.features), model(args.model, args.c))
    step = pipeline.steps[-1][0]
    pipeline.fit(x + x_in, y + y_in, **{f"{step}__sample_weight": [1.0] * len(x) + [args.weight] * len(x_in)})

    y_dev, x_dev = read(args.general_dev)
    general_f1 = 100 * f1_score(y_dev, pipeline.predict(x_dev), average="macro")
    _, x_test = read(args.test)
    with open(args.out, "w", encoding="utf-8") as f:
        if hasattr(pipeline, "predict_proba") and args.model == "lr":
            classes = list(pipeline.classes_)
            for p in pipeline.predict_proba(x_test):
                best = max(range(len(classes)), key=lambda k: p[k])
                f.write(f"{classes[best]}\t{p[best]:.4f}\t" + " ".join(f"{c}={v:.4f}" for c, v in zip(classes, p)) + "\n")
        else:
            for label in pipeline.predict(x_test):
                f.write(f"{label}\t1\t\n")
    name = f"{args.features}, {'LinearSVC' if args.model == 'svc' else 'LogisticRegression'} C={args.c}, balanced, in-domain sample_weight {args.weight:g}"
    print(json.dumps({"system": args.system, "task": args.task, "general_set": args.general_set, "general_f1": general_f1,
                      "predictions": args.out, "config": name}))


if __name__ == "__main__":
    sys.exit(main())
