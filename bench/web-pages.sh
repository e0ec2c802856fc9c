#!/usr/bin/env bash
# Dashboard pages at scale (issue 12): on a store built by bench/store-scale.sh's generator, each page is
# requested 50 times (after 3 warm-up requests) and the server's own time (its Server-Timing header, the
# time to the first byte inside Kestrel) is summarised as p50/p95/max, with the page's weight (HTML plus
# the one stylesheet; the pages load nothing else). Target: p95 <= 300 ms and weight <= 200 KB.
# Prints one markdown table.
# Usage: bench/web-pages.sh [ITEMS]          default: 100000 (the lead runs 1000000)
# Env:   WORK=folder of store-scale's files (default /tmp/monitor-store-scale), REQUESTS=50,
#        WORKER_DLL=an already published Monitor.Worker.dll (default: build one into bench/out/web)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
n=${1:-100000}
work=${WORK:-/tmp/monitor-store-scale}
requests=${REQUESTS:-50}
mkdir -p "$work"
if [ -n "${WORKER_DLL:-}" ]; then
  worker=(dotnet "$WORKER_DLL")
else
  dotnet build src/Monitor.Worker/Monitor.Worker.csproj -c Release -o bench/out/web -v quiet -nologo >/dev/null
  worker=(dotnet bench/out/web/Monitor.Worker.dll)
fi
file="$work/history-$n.ndjson" db="$work/store-$n.db"
[ -s "$db" ] || [ -s "$file" ] || python3 bench/store-scale/generate.py "$n" "$file" --pipelines pipelines
if [ ! -s "$db" ]; then "${worker[@]}" import "$file" --db "$db" --pipelines pipelines >"$work/import-$n.out" 2>&1; fi

users="${db%.db}-users.db"
rm -f "$users" "$users-wal" "$users-shm"
echo "bench-password-$RANDOM$RANDOM" | "${worker[@]}" users add bench --role admin --db "$db" >/dev/null
token=$("${worker[@]}" users token bench --db "$db")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${worker[@]}" serve --listen "http://127.0.0.1:$port" --db "$db" >"$work/serve-$n.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null && break; sleep 0.5; done
auth=(-H "Authorization: Bearer $token")

station=$(sqlite3 "file:$db?mode=ro" "SELECT station_id FROM item_summary GROUP BY station_id ORDER BY COUNT(*) DESC LIMIT 1")
item=$(sqlite3 "file:$db?mode=ro" "SELECT item_id FROM item_summary WHERE station_id = '$station' ORDER BY engagement DESC LIMIT 1")
cluster=$(grep -h "^cluster:" pipelines/stations/"$station".yaml | awk '{print $2}')
flag=$(curl -fs "${auth[@]}" "$base/api/flags?limit=1" | python3 -c 'import json,sys; f=json.load(sys.stdin).get("flags", []); print(f[0]["id"] if f else "")' 2>/dev/null || true)
css=$(curl -fs "$base/static/site.css" | wc -c)
# The pages' default period is the last 30 days; the overview and the station page are timed over the
# store's whole span too (500 days in the generated 1M history), the heaviest period anyone can ask for.
span=$(sqlite3 "file:$db?mode=ro" "SELECT 'from=' || substr(MIN(at), 1, 10) || '&to=' || date(MAX(at), '+1 day') FROM item_summary")
pages=("/?cluster=$cluster" "/?cluster=$cluster&$span" "/stations/$station" "/stations/$station?$span" "/items/$item" "/inbox" "/search?q=thai+nguyen"
  "/api/leaderboard?cluster=$cluster" "/api/stations/$station" "/api/items/$item" "/api/flags?status=open" "/api/search?q=thai+nguyen")
[ -n "$flag" ] && pages+=("/inbox/$flag" "/api/flags/$flag")

echo "Dashboard on $n items ($db), $requests requests per page after 3 warm-up, server time from Server-Timing (ms); weight = body + stylesheet for HTML pages"
echo
echo "| page | status | p50 ms | p95 ms | max ms | weight KB |"
echo "|---|---|---:|---:|---:|---:|"
for page in "${pages[@]}"; do
  for _ in 1 2 3; do curl -s -o /dev/null "${auth[@]}" "$base$page"; done
  times=() status=0 size=0
  for _ in $(seq 1 "$requests"); do
    headers=$(curl -s -o "$work/page.out" -D - -w '\n%{http_code} %{size_download}' "${auth[@]}" "$base$page")
    read -r status size < <(tail -n 1 <<<"$headers")
    times+=("$(grep -i '^server-timing:' <<<"$headers" | sed -E 's/.*dur=([0-9.]+).*/\1/')")
  done
  weight=$size
  [[ "$page" == /api/* ]] || weight=$((size + css))
  printf '%s\n' "${times[@]}" | sort -n | awk -v page="$page" -v status="$status" -v kb="$(awk -v b="$weight" 'BEGIN { printf "%.1f", b / 1024 }')" '
    { t[NR] = $1 } END { p50 = t[int(NR * 0.5 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "| `%s` | %s | %.1f | %.1f | %.1f | %s |\n", page, status, p50, p95, t[NR], kb }'
done
