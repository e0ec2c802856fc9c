#!/usr/bin/env bash
# Inbox and search at scale (issue 12): a store created by the worker, filled by
# bench/triage-scale/generate.py (N items, 2 comments each, one flag in 20), then every inbox and
# search query the dashboard makes timed 50 times (bench/TriageBench). Prints one markdown table.
# Usage: bench/triage-scale.sh [ITEMS]   default 1000000.  Env: WORK=folder (default /tmp/monitor-triage-scale)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
n=${1:-1000000}
work=${WORK:-/tmp/monitor-triage-scale}
mkdir -p "$work"
db="$work/store-$n.db"
dotnet build bench/TriageBench/TriageBench.csproj -c Release -o bench/out/triage -v quiet -nologo >/dev/null
if [ ! -s "$db" ]; then
  rm -f "$db"-*
  dotnet bench/out/triage/Monitor.TriageBench.dll "$db" 0 >/dev/null   # creates the schema
  /usr/bin/python3 bench/triage-scale/generate.py "$db" "$n"
fi
echo "Store: $n items, $(du -cm "$db"* | tail -n 1 | cut -f1) MB. Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
dotnet bench/out/triage/Monitor.TriageBench.dll "$db" 50
