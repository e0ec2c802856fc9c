#!/usr/bin/env bash
# Trains and scores our classifier (the project's learner with the shipped settings, the same with C chosen by
# 3-fold cross-validation on train, and the ML.NET engine with L2 chosen that way) and the scikit-learn
# baselines of ../shared/datasets/README.md on the same train/dev splits, in one run, and prints one table.
#   bench/classifier.sh            # both data sets, then the in-domain table
#   bench/classifier.sh vihsd      # one
#   bench/classifier.sh in-domain  # only the in-domain table (issue 17): every system trained on the general train split plus
#                                  # the in-domain train split (models/data/comments), scored on VSFC / ViHSD dev and the
#                                  # in-domain test split, with the share of clean praise and plain questions that get a flag
# Training time is vectorising + fitting inside the process (no start-up) for both systems;
# prediction is end-to-end from raw text (normalise, featurise, score) over the dev texts repeated.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MONITOR_SHARED:-$root/../shared}
datasets=$shared/datasets
[[ -d $datasets ]] || { echo "datasets not found at $datasets (set MONITOR_SHARED)" >&2; exit 2; }
python=/usr/bin/python3
# scikit-learn is required (Debian's python3-sklearn): installed here when missing and we may, else a clear stop.
if ! $python -c 'import sklearn' 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
    echo "installing Debian's python3-sklearn..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn >&2
  else
    echo "bench/classifier.sh needs scikit-learn for /usr/bin/python3: apt-get install python3-sklearn" >&2
    exit 2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'echo "bench/classifier.sh: failed at line $LINENO; last output:" >&2; tail -n 5 "$work"/*.err "$work"/*.out 2>/dev/null >&2' ERR
dotnet build "$root/src/Monitor.Worker/Monitor.Worker.csproj" -c Release -o "$work/bin" -v q -nologo >&2
worker=$work/bin/Monitor.Worker
results=$work/results.jsonl
# k-fold scores are kept here between runs (keyed by a hash of the training data and the whole setting), so a rerun
# pays only for the final training of each engine.
cv_cache=${MONITOR_CV_CACHE:-$root/bench/classifier/cv-cache.tsv}

peak_mb() { sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+).*/\1/p' "$1" | awk '{printf "%.0f", $1/1024}'; }

# Trains one engine row (model train, then model predict best of 3) and appends its JSON line.
run_engine() {
  local set=$1 system=$2 task=$3 train=$4 dev=$5 ext=$6; shift 6
  local model="$work/$set-${system//[^a-zA-Z]/}.$ext"
  echo "[$set] $system: training..." >&2
  /usr/bin/time -v "$worker" model train --task "$task" --train "$train" --dev "$dev" --out "$model" "$@" > "$work/train.out" 2> "$work/train.err"
  # Best of 3 runs, as for scikit-learn (bench/classifier/sklearn_baseline.py): the run least disturbed by other jobs.
  : > "$work/predict.err"
  for _ in 1 2 3; do
    /usr/bin/time -v "$worker" model predict --model "$model" --in "$work/throughput.txt" --out "$work/pred.out" 2>> "$work/predict.err"
  done
  $python - "$set" "$work" "$system" "$model" <<'PY' >> "$results"
import json, os, re, sys
s, w, system, model = sys.argv[1:5]
train = open(f"{w}/train.out").read()
predict = open(f"{w}/predict.err").read()
peak = lambda t: max(int(k) for k in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", t)) / 1024
linear = re.search(r"vectorising ([\d.]+) s, fitting ([\d.]+) s; cpu ([\d.]+) s", train)
if linear:
    train_s, cpu = float(linear.group(1)) + float(linear.group(2)), float(linear.group(3))
else:
    fit, cpu = map(float, re.search(r"featurising \+ fitting ([\d.]+) s; cpu ([\d.]+) s", train).groups())
    train_s = fit
settings = re.search(r"^settings   (.*)$", train, re.M).group(1)
config = re.sub(r" \(.*", "", settings)
config = "linear SVM (dual CD) " + config + ", balanced" if linear else config.replace("SdcaMaximumEntropy", "SDCA max-ent")
if "cross-validation" in settings:
    config += "; " + re.search(r"\((chosen among \d+ by 3-fold cross-validation on train: mean macro-F1 [\d.]+)", settings).group(1)
print(json.dumps({
    "set": s, "system": system, "config": config,
    "macro_f1": float(re.search(r"^macro-F1 +([\d.]+)", train, re.M).group(1)),
    "accuracy": float(re.search(r"accuracy +([\d.]+)", train).group(1)),
    "train_s": train_s,
    "train_cpu_s": cpu,
    "docs_per_s": max(float(v) for v in re.findall(r"\(([\d.]+) docs/s;", predict)),
    "docs_per_cpu_s": max(float(v) for v in re.findall(r"([\d.]+) docs/cpu-s", predict)),
    "model_bytes": os.path.getsize(model),
    "peak_mb": max(peak(open(f"{w}/train.err").read()), peak(predict)),
}))
PY
}

# The in-domain table: each system trained on a general train split plus the in-domain train split, the settings (and the
# in-domain weight) chosen by 3-fold cross-validation on that mixture, dev and test looked at once, after.
in_domain() {
  local comments=$root/models/data/comments/split runs=$work/in-domain.jsonl
  : > "$runs"
  cut -f2 "$comments/test.tsv" | tail -n +2 > "$work/test-text.txt"
  for task in sentiment toxicity; do
    case $task in
      sentiment) general=uit-vsfc; ours=(--cues --c 0.2 0.5 --in-domain-weight 2 5 10 20); old=(--c 0.2); sk=(word13+char25 svc 0.5) ;;
      toxicity) general=vihsd; ours=(--plain-ngrams 2 --c 0.1 0.2 --in-domain-weight 3 10 30); old=(--plain-ngrams 2 --c 0.2); sk=(word13+char25 lr 10) ;;
    esac
    local train=$datasets/$general/train.tsv gdev=$datasets/$general/dev.tsv
    local mix=(--in-domain "$comments/$task-train.tsv" --dev "$comments/$task-dev.tsv")
    # One row per system: train (or take the shipped file), score the general dev split, predict the in-domain test split.
    score() {
      local system=$1 model=$2
      local f1; f1=$("$worker" model eval --model "$model" --data "$gdev" 2>/dev/null | sed -nE 's/^macro-F1 +([0-9.]+)/\1/p')
      "$worker" model predict --model "$model" --in "$work/test-text.txt" --out "$work/$task-${system//[^a-zA-Z]/}.pred" --distribution 2>/dev/null
      local config; config=$(sed -nE 's/^settings   //p' "$work/train.out" 2>/dev/null | sed 's/ (chosen among.*mean macro-F1 \([0-9.]*\).*/; 3-fold CV mean \1/' || true)
      printf '{"system": "%s", "task": "%s", "general_set": "%s", "general_f1": %s, "predictions": "%s", "config": %s}\n' \
        "$system" "$task" "$general" "$f1" "$work/$task-${system//[^a-zA-Z]/}.pred" "$($python -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$config")" >> "$runs"
    }
    echo "[in-domain] $task: ours, general train only (the recipe shipped before issue 17)..." >&2
    "$worker" model train --task $task --train "$train" --dev "$gdev" --out "$work/$task-old.bin" "${old[@]}" > "$work/train.out" 2> "$work/train.err"
    score "ours, general only" "$work/$task-old.bin"
    echo "[in-domain] $task: ours, mixture (models/README.md's command; the shipped file must come out the same)..." >&2
    "$worker" model train --task $task --train "$train" "${mix[@]}" --out "$work/$task-ours.bin" --cv-folds 3 --cv-cache "$cv_cache" "${ours[@]}" > "$work/train.out" 2> "$work/train.err"
    local weight; weight=$(sed -nE 's/^settings .*in-domain weight ([0-9.]+),.*/\1/p' "$work/train.out")
    score "ours, mixture" "$work/$task-ours.bin"
    local shipped; shipped=$(sed -nE 's/^model +([a-z]+-[0-9a-f]+).*/\1/p' "$work/train.out")
    "$worker" model eval --model "$root/models/$task.bin" --data "$gdev" 2>/dev/null | grep -q "^model      $shipped " \
      || echo "[in-domain] note: models/$task.bin is not the model this command trains ($shipped)" >&2
    echo "[in-domain] $task: ML.NET, mixture (L2 and weight by 3-fold CV)..." >&2
    "$worker" model train --task $task --engine mlnet --train "$train" "${mix[@]}" --out "$work/$task-mlnet.zip" --cv-folds 3 --cv-cache "$cv_cache" \
      --l2 0.00001 0.00003 --in-domain-weight 3 10 $( [[ $task == toxicity ]] && echo --plain-ngrams 2 ) > "$work/train.out" 2> "$work/train.err"
    score "ML.NET 5.0.1, mixture" "$work/$task-mlnet.zip"
    # scikit-learn's best configuration of the set, on the same mixture with the in-domain weight ours chose.
    echo "[in-domain] $task: scikit-learn ${sk[*]} on the mixture, in-domain sample_weight $weight..." >&2
    $python "$root/bench/classifier/sklearn_mixture.py" --train "$train" --in-domain "$comments/$task-train.tsv" --general-dev "$gdev" \
      --test "$comments/$task-test.tsv" --out "$work/$task-sklearn.pred" --features "${sk[0]}" --model "${sk[1]}" --c "${sk[2]}" \
      --weight "$weight" --system "scikit-learn $($python -c 'import sklearn; print(sklearn.__version__)'), mixture" --task $task --general-set $general >> "$runs"
  done
  echo
  echo "In-domain benchmark: general dev splits and the in-domain test split (models/data/comments, $(($(wc -l < "$comments/test.tsv") - 1)) comments); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
  $python "$root/bench/classifier/in_domain.py" "$comments/test.tsv" "$runs"
  echo
  echo "Flags as the worker raises them (pipelines/monitor.yaml): P(negative) >= 0.7 or P(OFFENSIVE) + P(HATE) >= 0.7, the winning label a"
  echo "flagged one with probability >= 0.5 (minConfidence). Clean praise = test comments labelled positive and CLEAN; questions = the"
  echo "question groups' comments labelled neutral and CLEAN. LinearSVC gives no probabilities: its flags are its winning labels (an upper bound)."
}

sets=("${@:-uit-vsfc vihsd in-domain}")
for set in ${sets[@]}; do
  if [[ $set == in-domain ]]; then
    in_domain
    continue
  fi

  train=$datasets/$set/train.tsv dev=$datasets/$set/dev.tsv
  # The same raw documents for both systems: dev texts, repeated to about 20k lines.
  cut -f2- "$dev" > "$work/dev-text.txt"
  : > "$work/throughput.txt"
  while [[ $(wc -l < "$work/throughput.txt") -lt 20000 ]]; do cat "$work/dev-text.txt" >> "$work/throughput.txt"; done

  # Our features per set are the ones models/README.md rebuilds the shipped models with (C 0.2 on both).
  case $set in
    uit-vsfc) task=sentiment; ours_features=(); configs=("word12 lr 10" "word13+char25 svc 0.5") ;;
    vihsd) task=toxicity; ours_features=(--plain-ngrams 2); configs=("word12 svc 0.5" "word13+char25 lr 10") ;;
    *) task=$set; ours_features=(); configs=("word12 svc 0.5" "word13+char25 svc 0.5") ;;
  esac

  # ours = the project's learner with the shipped settings (models/README.md); "ours, CV" and "ML.NET, CV" choose
  # their regularisation by 3-fold cross-validation on train (fold scores cached in $cv_cache), dev scored once.
  run_engine "$set" ours "$task" "$train" "$dev" bin "${ours_features[@]}" --c 0.2
  run_engine "$set" "ours, CV" "$task" "$train" "$dev" bin "${ours_features[@]}" --cv-folds 3 --c 0.1 0.2 0.5 --cv-cache "$cv_cache"
  run_engine "$set" "ML.NET 5.0.1, CV" "$task" "$train" "$dev" zip --engine mlnet --cv-folds 3 --l2 auto 0.00001 0.00003 0.0001 --cv-cache "$cv_cache"
  for config in "${configs[@]}"; do
    read -r features model c <<< "$config"
    echo "[$set] scikit-learn $features $model C=$c..." >&2
    $python "$root/bench/classifier/sklearn_baseline.py" --train "$train" --dev "$dev" --throughput "$work/throughput.txt" \
      --features "$features" --model "$model" --c "$c" \
      | $python -c 'import json,sys; r=json.loads(sys.stdin.read()); r.update(set=sys.argv[1], system="scikit-learn "+r["sklearn"], config=sys.argv[2]); print(json.dumps(r))' \
        "$set" "$features, $( [[ $model == svc ]] && echo LinearSVC || echo LogisticRegression ) C=$c, balanced" >> "$results"
  done
done

[[ -s $results ]] || exit 0
echo
echo "Classifier benchmark: dev split, trained on train; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
$python "$root/bench/classifier/table.py" "$results"
echo
echo "Times are in-process (no start-up): ours = vectorising + fitting + calibration, ML.NET = featurising + fitting (Fit of the"
echo "whole pipeline), scikit-learn = pipeline.fit; for the CV rows the time is the final training only (the k-fold search is cached in"
echo "bench/classifier/cv-cache.tsv; \`model train\` prints each candidate's fold scores and time on stderr)."
echo "prediction = raw text in, labels out, over the dev texts repeated to 20k lines, best of 3 runs, after a warm-up on both sides"
echo "(scikit-learn's timed call follows its dev-set predict; ours follows one document, so the JIT is done). Both run single-threaded;"
echo "cpu figures are process CPU time, steadier than wall time on a shared machine. Peak MB = max RSS."
