#!/usr/bin/env bash
# A screenshot of every dashboard page on the demo store, into a folder (default /tmp/monitor-screenshots).
# Builds the worker and the tests (for Playwright's driver), runs `demo` into a fresh store in that folder,
# adds a screenshot account, serves the dashboard on a free loopback port and drives Debian's Chromium
# (/usr/bin/chromium, installed by .ci/run) through every page. Nothing leaves 127.0.0.1.
# Usage: scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
out=$(realpath -m "${1:-/tmp/monitor-screenshots}")
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium is missing: .ci/run installs it (apt-get install -y chromium)." >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
dotnet build Monitor.sln -v quiet -nologo >/dev/null
worker=(dotnet src/Monitor.Worker/bin/Debug/net10.0/Monitor.Worker.dll)
driver=tests/Monitor.Tests/bin/Debug/net10.0/.playwright
db="$out/demo.db"
"${worker[@]}" demo --db "$db" >"$out/demo.log" 2>&1
password="screenshot-$RANDOM-$RANDOM"
echo "$password" | "${worker[@]}" users add screenshots --role admin --db "$db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${worker[@]}" serve --listen "http://127.0.0.1:$port" --db "$db" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
item=$(sqlite3 "file:$db?mode=ro" "SELECT item_id FROM item_summary WHERE station_id = 'thai-nguyen' AND comments > 0 ORDER BY engagement DESC LIMIT 1")
pages=(/ /stations/thai-nguyen "/items/$item" /inbox @flag /alerts "/search?q=thai+nguyen" "/search?q=lu+lut&target=comments")
"$driver/node/linux-x64/node" scripts/dashboard-pages.mjs "$driver/package" "http://127.0.0.1:$port" screenshots "$password" "$out" "${pages[@]}" | tee "$out/pages.tsv"
ls -1 "$out"/*.png
