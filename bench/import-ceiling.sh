#!/usr/bin/env bash
# How far the import can go on this machine (issue 10's import target, ≥ 5,000 items/s): imports one history
# four ways, each into a fresh store, and prints wall and CPU seconds, items/s, and the floor the machine's
# cores put under the wall whatever the threads do (CPU seconds / cores):
#   as is                     this commit, the history as generated (social ids a station prefix and a counter, web ids hashes);
#   ascending ids             the same history with every item and comment id replaced by a counter in file order
#                             (bench/store-scale/sequential-ids.py): each batch's ids land at the end of every index
#                             keyed by them, the most re-keying the tables by integer could give;
#   no inbox rows             this commit with bench/store-scale/no-inbox-rows.patch applied: flags are stored but
#                             not their triage row, evidence snapshot and audit row (an ablation, not a release);
#   both                      the two together.
# Usage: bench/import-ceiling.sh [ITEMS] [ROUNDS]     default 100000 items, 1 round (the four runs interleaved per round)
# Env:   WORK=folder for the files (default /tmp/monitor-store-scale, shared with bench/store-scale.sh, whose
#        history-ITEMS.ndjson it reuses or generates the same way)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
n=${1:-100000} rounds=${2:-1}
work=${WORK:-/tmp/monitor-store-scale}
cores=$(nproc)
mkdir -p "$work"
file="$work/history-$n.ndjson" ascending="$work/history-$n-ascending.ndjson"
[ -s "$file" ] || python3 bench/store-scale/generate.py "$n" "$file" --pipelines pipelines
[ -s "$ascending" ] || python3 bench/store-scale/sequential-ids.py "$file" "$ascending"

# Both builds from throw-away checkouts of this commit.
bench/store-scale/publish-checkout.sh "$work/ceiling-as-is"
bench/store-scale/publish-checkout.sh "$work/ceiling-no-inbox" bench/store-scale/no-inbox-rows.patch

: >"$work/empty.ndjson"
results="$work/ceiling-$n.txt"
: >"$results"
run() { # run LABEL BUILD HISTORY
  local db="$work/ceiling-$n.db"
  rm -f "$db" "$db-wal" "$db-shm"
  dotnet "$work/ceiling-$2/Monitor.Worker.dll" import "$work/empty.ndjson" --db "$db" --pipelines pipelines >/dev/null
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" dotnet "$work/ceiling-$2/Monitor.Worker.dll" import "$3" --db "$db" --pipelines pipelines >"$work/ceiling-run.txt" 2>&1 \
    || { tail -n 20 "$work/ceiling-run.txt" >&2; echo "The import ($1) failed." >&2; exit 1; }
  read -r wall user sys <"$work/time.txt"
  echo "$1|$wall|$user|$sys" >>"$results"
}
for r in $(seq 1 "$rounds"); do
  run "as is" as-is "$file"
  run "ascending ids" as-is "$ascending"
  run "no inbox rows" no-inbox "$file"
  run "both" no-inbox "$ascending"
done

awk -F'|' -v n="$n" -v cores="$cores" '
  { wall[$1] += $2; cpu[$1] += $3 + $4; runs[$1]++; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END {
    printf "%d items, %d cores, mean of %d run(s) each\n\n", n, cores, runs[order[1]]
    print "| import | wall s | CPU s | items/s | wall / as is | CPU s / cores | items/s if every core were busy |"
    print "|---|---|---|---|---|---|---|"
    base = wall[order[1]] / runs[order[1]]
    for (i = 1; i <= k; i++) {
      w = wall[order[i]] / runs[order[i]]; c = cpu[order[i]] / runs[order[i]]
      printf "| %s | %.1f | %.1f | %.0f | %.2f | %.1f | %.0f |\n", order[i], w, c, n / w, w / base, c / cores, n * cores / c
    }
  }' "$results"
