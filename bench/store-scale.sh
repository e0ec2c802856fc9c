#!/usr/bin/env bash
# The store at scale (issue 10): synthetic history of cụm 2 (bench/store-scale/generate.py: all five
# platforms, Vietnamese titles and comments, 8 observations and 2 comments per item, ~2,000 items a day
# ending 30 November 2026) imported into a fresh SQLite store, then `stats` and the reports timed with
# /usr/bin/time -v (wall, CPU, peak RSS).
# Prints one markdown table.
# Usage: bench/store-scale.sh [ITEMS...]          default: 100000 1000000
# Env:   WORK=folder for the files (default /tmp/monitor-store-scale), REPORT_TIMEOUT=seconds per report (default 600),
#        REPORTS_ONLY=1 to time the reports on the stores already in WORK (no generation, no import),
#        WORKER_DLL=an already published Monitor.Worker.dll (default: publish one into bench/out/store-scale,
#        ReadyToRun for this machine as the Dockerfile does, so the times are a deployment's and not the JIT's
#        start-up; JIT=1 times a plain `dotnet build` instead, which adds about 0.4 s to every command)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
sizes=("${@:-100000 1000000}")
[ $# -eq 0 ] && sizes=(100000 1000000)
work=${WORK:-/tmp/monitor-store-scale}
limit=${REPORT_TIMEOUT:-600}
mkdir -p "$work"
if [ -n "${WORKER_DLL:-}" ]; then
  worker=(dotnet "$WORKER_DLL")
else
  if [ -n "${JIT:-}" ]; then
    dotnet build src/Monitor.Worker/Monitor.Worker.csproj -c Release -o bench/out/store-scale -v quiet -nologo >/dev/null
  else
    dotnet publish src/Monitor.Worker/Monitor.Worker.csproj -c Release --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o bench/out/store-scale -v quiet -nologo >/dev/null
  fi
  worker=(dotnet bench/out/store-scale/Monitor.Worker.dll)
fi

# measure NAME TIMEOUT CMD...: runs CMD under /usr/bin/time -v; prints "wall_s cpu_s rss_mb status".
measure() {
  local out="$work/time.txt" status=ok rc=0
  rm -f "$out"
  timeout "$2" /usr/bin/time -v -o "$out" "${@:3}" >"$work/$1.out" 2>"$work/$1.err" || rc=$?
  if [ "$rc" = 124 ]; then status="timeout after $2 s"; elif [ "$rc" != 0 ]; then status="failed (exit $rc, see $work/$1.err)"; fi
  if [ ! -s "$out" ] || [ "$rc" = 124 ]; then echo "$2 - - $status"; return; fi
  awk -v status="$status" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%.1f %.1f %.0f %s\n", wall, cpu, rss, status }' "$out"
}

rows=()
for n in "${sizes[@]}"; do
  file="$work/history-$n.ndjson" db="$work/store-$n.db"
  if [ -n "${REPORTS_ONLY:-}" ] && [ -s "$db" ]; then
    # The store as it is (upgraded to this build's schema by an empty import, which stores nothing).
    : >"$work/empty.ndjson"
    "${worker[@]}" import "$work/empty.ndjson" --db "$db" --pipelines pipelines >/dev/null
  else
    [ -s "$file" ] || python3 bench/store-scale/generate.py "$n" "$file" --pipelines pipelines
    rm -f "$db" "$db-wal" "$db-shm"
    read -r wall cpu rss status < <(measure "import-$n" 36000 "${worker[@]}" import "$file" --db "$db" --pipelines pipelines)
    tail -n 1 "$work/import-$n.out" >&2
    size_mb=$(du -cm "$db"* | tail -n 1 | cut -f1)
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
    cpu_rate=$(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%.0f", n / c }')
    rows+=("| $n | import | $wall | $cpu | $rss | $status: $rate items/s ($cpu_rate per CPU-second), file $(du -mL "$file" | cut -f1) MB, store $size_mb MB |")
  fi
  declare -A commands=(
    [stats]="stats"
    [leaderboard]="report leaderboard --cluster cum-2"
    [top]="report top --station thai-nguyen"
    [stories]="report stories --cluster cum-2 --from 2026-11-01 --to 2026-11-30"
  )
  for name in stats leaderboard top stories; do
    read -r -a args <<<"${commands[$name]}"
    read -r wall cpu rss status < <(measure "$name-$n" "$limit" "${worker[@]}" "${args[@]}" --db "$db" --pipelines pipelines)
    rows+=("| $n | \`${commands[$name]}\` | $wall | $cpu | $rss | $status |")
  done
done

echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; timeout per report ${limit} s."
echo
echo "| items | command | wall s | CPU s | peak RSS MB | notes |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
