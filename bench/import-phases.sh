#!/usr/bin/env bash
# Where an import's time goes (issue 10's import target): builds this commit with
# bench/store-scale/import-phases.patch applied (stopwatch laps around each part of a batch's save, printed
# to stderr; never part of a release), imports a store-scale history into a fresh store and prints one table:
# the reading thread (parse + enrich) against the saving thread, then the saving thread's parts. "summary" is the
# bulk batches recording the items they owe a summary; "pending" is the import's last save building those
# summaries (the "summary:" rows are the writer's parts, "pending:" its waits for the facts, the writing of the day
# and hour sums, the rescore and the readers' indexes built again), with the facts read beside it by two readers
# on connections of their own. The "flags:" rows split the flag path: the flag's row, the reads its snapshot takes
# (comment, item, latest observation, labels), the snapshot's build, its triage row, its JSON and row, its audit row.
# Usage: bench/import-phases.sh [ITEMS]              default 100000
# Env:   WORK=folder for the files (default /tmp/monitor-store-scale, shared with bench/store-scale.sh, whose
#        history-ITEMS.ndjson it reuses or generates the same way)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
n=${1:-100000}
work=${WORK:-/tmp/monitor-store-scale}
out="$work/import-phases-build" db="$work/import-phases-$n.db" log="$work/import-phases-$n.log"
mkdir -p "$work"
file="$work/history-$n.ndjson"
[ -s "$file" ] || python3 bench/store-scale/generate.py "$n" "$file" --pipelines pipelines

# This commit with the laps in it, built from a throw-away checkout.
bench/store-scale/publish-checkout.sh "$out" bench/store-scale/import-phases.patch

rm -f "$db" "$db-wal" "$db-shm"
/usr/bin/time -f "TIME wall=%e user=%U sys=%S rss_kb=%M" dotnet "$out/Monitor.Worker.dll" import "$file" --db "$db" --pipelines pipelines 2>&1 \
  | tr '\r' '\n' | grep -E '^(TRACE|PHASE|SUMMARY|PENDING|READER|ALERTS|FLAGS|TIME)|^Imported' >"$log"

awk -v n="$n" '
  function add(prefix, line,   i, kv, f) { f = split(line, kv, " "); for (i = 2; i <= f; i++) if (split(kv[i], p, "=") == 2 && p[2] ~ /^[0-9.]+$/) sum[prefix ":" p[1]] += p[2] }
  /^TRACE batch/ { read += $7; prep += $9; wait += $11 }
  /^TRACE save/ { save += $4 }
  /^PHASE/ { add("save", $0) }
  /^SUMMARY/ { add("summary", $0) }
  /^PENDING/ { add("pending", $0) }
  /^READER/ { split($3, p, "="); reader[$2] += p[2] }
  /^ALERTS/ { add("alerts", $0) }
  /^FLAGS/ { add("flags", $0) }
  /^TIME/ { add("time", $0) }
  /^Imported/ { imported = $0 }
  END {
    wall = sum["time:wall"]
    printf "%s\n\n", imported
    printf "| %s items | seconds | share of wall |\n|---|---|---|\n", n
    printf "| wall (process) | %.1f | 100%% |\n| CPU (user + sys) | %.1f | %.0f%% |\n", wall, sum["time:user"] + sum["time:sys"], 100 * (sum["time:user"] + sum["time:sys"]) / wall
    printf "| reading thread: parse + enrich (of which enrich) | %.1f (%.1f) | %.0f%% |\n", read / 1000, prep / 1000, read / 10 / wall
    printf "| reading thread waiting for the store | %.1f | %.0f%% |\n", wait / 1000, wait / 10 / wall
    printf "| saving thread | %.1f | %.0f%% |\n", save / 1000, save / 10 / wall
    split("items obs comments assess flags summary pending stale alerts commit", order, " ")
    for (i = 1; i <= 10; i++) printf "| save: %s | %.1f | %.0f%% |\n", order[i], sum["save:" order[i]] / 1000, sum["save:" order[i]] / 10 / wall
    split("waited-for-facts days rescore indexes", parts, " ")
    for (i = 1; i <= 4; i++) printf "| save: pending: %s | %.1f | %.0f%% |\n", parts[i], sum["pending:" parts[i]] / 1000, sum["pending:" parts[i]] / 10 / wall
    split("curve upsert links days stale+rescore", parts, " ")
    for (i = 1; i <= 5; i++) printf "| save: summary: %s | %.1f | %.0f%% |\n", parts[i], sum["summary:" parts[i]] / 1000, sum["summary:" parts[i]] / 10 / wall
    for (r in reader) printf "| pending: fact reader %s (its own connection and thread) | %.1f | %.0f%% |\n", r, reader[r] / 1000, reader[r] / 10 / wall
    split("flag-row reads snapshot-build triage-row snapshot-json snapshot-row audit-row", parts, " ")
    for (i = 1; i <= 7; i++) printf "| save: flags: %s | %.1f | %.0f%% |\n", parts[i], sum["flags:" parts[i]] / 1000, sum["flags:" parts[i]] / 10 / wall
    split("tally detect write", parts, " ")
    for (i = 1; i <= 3; i++) printf "| save: alerts: %s | %.1f | %.0f%% |\n", parts[i], sum["alerts:" parts[i]] / 1000, sum["alerts:" parts[i]] / 10 / wall
  }' "$log"
