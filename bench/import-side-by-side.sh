#!/usr/bin/env bash
# Two builds' imports of one history, interleaved (old, new, old, new, …) so that both see the same
# machine: each round imports the file into a fresh store with each build under /usr/bin/time and
# prints wall and CPU seconds and peak RSS, then the means and the new/old ratios.
# Usage: bench/import-side-by-side.sh OLD_WORKER_DLL NEW_WORKER_DLL HISTORY.ndjson [ROUNDS]   (default 3 rounds)
#        A worker dll comes from `dotnet publish src/Monitor.Worker -c Release -o DIR` of each commit;
#        a history from bench/store-scale/generate.py (bench/store-scale.sh leaves them in its WORK folder).
# Env:   WORK=folder for the stores (default /tmp/monitor-side-by-side)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
old=$1 new=$2 file=$3 rounds=${4:-3}
work=${WORK:-/tmp/monitor-side-by-side}
mkdir -p "$work"
: >"$work/empty.ndjson"
results="$work/results.txt"
: >"$results"
for r in $(seq 1 "$rounds"); do
  for build in old new; do
    dll=${!build} db="$work/$build.db"
    rm -f "$db" "$db-wal" "$db-shm"
    # The schema first (an empty import), so only the import itself is timed.
    dotnet "$dll" import "$work/empty.ndjson" --db "$db" --pipelines pipelines >/dev/null
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" dotnet "$dll" import "$file" --db "$db" --pipelines pipelines >/dev/null 2>&1
    read -r wall user sys rss <"$work/time.txt"
    echo "$build $r $wall $user $sys $rss" >>"$results"
  done
done
awk '
  { cpu = $4 + $5; printf "| %s | %d | %.1f | %.1f | %.0f |\n", $1, $2, $3, cpu, $6 / 1024; wall[$1] += $3; cpus[$1] += cpu; n[$1]++ }
  BEGIN { print "| build | round | wall s | CPU s | peak RSS MB |\n|---|---|---|---|---|" }
  END {
    for (b in n) printf "| %s | mean | %.1f | %.1f | |\n", b, wall[b] / n[b], cpus[b] / n[b]
    printf "\nnew / old: wall %.2f, CPU %.2f\n", (wall["new"] / n["new"]) / (wall["old"] / n["old"]), (cpus["new"] / n["new"]) / (cpus["old"] / n["old"])
  }' "$results"
