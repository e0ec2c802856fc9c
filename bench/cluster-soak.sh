#!/usr/bin/env bash
# Three workers on one schedule (Quartz clustered on a real PostgreSQL 15) against the replay sites and
# platform APIs and the Elasticsearch stand-in (`replay --elasticsearch`), every channel on a
# 10-second cron, for a bounded time. Prints per channel the expected and actual number of runs,
# duplicate runs, missed fires and items stored per second, then each worker's peak RSS (VmHWM) at
# minute 1 and at the end. Runs are read from the cluster's run log (monitor_job_runs).
# Usage: bench/cluster-soak.sh [--minutes N]   (default 10; needs Debian's postgresql, installed by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
minutes=10
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "usage: $0 [--minutes N]" >&2; exit 2 ;;
  esac
done
config=${CONFIG:-Release}
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL 15 is missing ($pgbin); .ci/run installs it (apt-get install -y postgresql)" >&2; exit 1; }

out=$(mktemp -d /tmp/cluster-soak.XXXXXX)
chmod 755 "$out"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # The postmaster itself: as root its parent is runuser, which does not pass signals on.
  [ -f "$out/pg/data/postmaster.pid" ] && kill -INT "$(head -n 1 "$out/pg/data/postmaster.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

dotnet build -c "$config" src/Monitor.Worker -v q -nologo >/dev/null
worker="$root/src/Monitor.Worker/bin/$config/net10.0/Monitor.Worker.dll"

# PostgreSQL in a temp folder on a free loopback port, as the unprivileged postgres user when root.
as_pg=()
[ "$(id -u)" = 0 ] && { mkdir -p "$out/pg"; chown postgres:postgres "$out/pg"; as_pg=(runuser -u postgres --); } || mkdir -p "$out/pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$pgbin/initdb" -D "$out/pg/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/postgres" -D "$out/pg/data" -p "$port" -k "$out/pg" -c listen_addresses=127.0.0.1 -c fsync=off >"$out/pg.log" 2>&1 &
pids+=($!)
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtX "$@"; }
for _ in $(seq 100); do psql -c 'select 1' >/dev/null 2>&1 && break; sleep 0.2; done

# The replay, with every channel of the copy on a 10-second cron and the stand-in as content store.
dotnet "$worker" replay --pipelines "$root/pipelines" --pipelines-out "$out/pipelines" --schedule "0/10 * * * * ?" --elasticsearch >"$out/replay.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q '^Serving' "$out/replay.log" 2>/dev/null && break; sleep 0.2; done
grep -q '^Serving' "$out/replay.log" || { cat "$out/replay.log" >&2; exit 1; }
# YamlDotNet ends the written file with a "..." end-of-document line: drop it, or what follows is a second document.
sed -i '/^\.\.\.$/d' "$out/pipelines/monitor.yaml"
cat >>"$out/pipelines/monitor.yaml" <<YAML
scheduling:
  store: postgres
  connectionStringEnv: MONITOR_PG
  checkinInterval: 5s
  misfireThreshold: 10s
YAML
sed -i "s#^dataFolder: .*#dataFolder: $out/data#" "$out/pipelines/monitor.yaml"

set -a; . "$out/pipelines/replay.env"; set +a
export MONITOR_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
start=$(date -u +%s)
wpids=()
for i in 1 2 3; do
  (cd "$out" && exec dotnet "$worker" run --pipelines "$out/pipelines") >"$out/worker$i.log" 2>&1 &
  wpids+=($!); pids+=($!)
done

hwm() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "gone"; }
sleep 60
rss1=(); for p in "${wpids[@]}"; do rss1+=("$(hwm "$p")"); done
sleep $(( minutes * 60 - 60 ))
rssN=(); for p in "${wpids[@]}"; do rssN+=("$(hwm "$p")"); done
stop=$(date -u +%s)
for p in "${wpids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for p in "${wpids[@]}"; do wait "$p" 2>/dev/null || true; done

# Fires from the first whole 10 s after every worker started (start + 15 s) to the stop: each should have
# exactly one finished run. A fire with no run at all is a missed fire; one with two finished runs a duplicate.
from=$(( (start + 15 + 9) / 10 * 10 )); to=$(( stop / 10 * 10 - 10 ))
echo "Cluster soak: 3 workers, every channel every 10 s, $(( (stop - start) / 60 )) min (fires counted from $(date -u -d @$from +%T) to $(date -u -d @$to +%T) UTC)"
printf '%-26s %8s %8s %10s %7s %9s\n' channel expected actual duplicate missed items/s
psql -F ' ' -c "
  WITH fires AS (SELECT generate_series(to_timestamp($from), to_timestamp($to), interval '10 seconds') AS at),
       channels AS (SELECT DISTINCT channel_id FROM monitor_job_runs),
       per_fire AS (
         SELECT c.channel_id, f.at, count(r.id) FILTER (WHERE r.finished_at IS NOT NULL) AS finished, COALESCE(sum(r.items), 0) AS items
         FROM channels c CROSS JOIN fires f
         LEFT JOIN monitor_job_runs r ON r.channel_id = c.channel_id AND r.scheduled_at = f.at
         GROUP BY c.channel_id, f.at)
  SELECT channel_id, count(*), count(*) FILTER (WHERE finished > 0), count(*) FILTER (WHERE finished > 1),
         count(*) FILTER (WHERE finished = 0), round(sum(items)::numeric / ($to - $from + 10), 2)
  FROM per_fire GROUP BY channel_id ORDER BY channel_id" |
  while read -r c e a d m i; do printf '%-26s %8s %8s %10s %7s %9s\n' "$c" "$e" "$a" "$d" "$m" "$i"; done
psql -F ' ' -c "
  WITH fires AS (SELECT generate_series(to_timestamp($from), to_timestamp($to), interval '10 seconds') AS at),
       per_fire AS (SELECT r.channel_id, r.scheduled_at, count(*) FILTER (WHERE r.finished_at IS NOT NULL) AS finished
                    FROM monitor_job_runs r JOIN fires f ON f.at = r.scheduled_at GROUP BY 1, 2)
  SELECT (SELECT count(*) FROM fires) * (SELECT count(DISTINCT channel_id) FROM monitor_job_runs),
         count(*) FILTER (WHERE finished > 0), count(*) FILTER (WHERE finished > 1) FROM per_fire" |
  while read -r e a d; do printf '%-26s %8s %8s %10s %7s\n' TOTAL "$e" "$a" "$d" "$(( e - a ))"; done
echo "runs per worker: $(psql -c "SELECT string_agg(n::text, ' / ' ORDER BY n DESC) FROM (SELECT count(*) n FROM monitor_job_runs GROUP BY instance) x")"
printf '%-8s %16s %16s\n' worker "peak_rss_MB@1m" "peak_rss_MB@${minutes}m"
for i in 0 1 2; do printf '%-8s %16s %16s\n' "$(( i + 1 ))" "${rss1[$i]}" "${rssN[$i]}"; done
