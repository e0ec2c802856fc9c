#!/usr/bin/env bash
# Bulk throughput on one core: today's hand-written NDJSON encoder beside the official client's bulk path, same documents, one table.
# Usage: bench/bulk.sh [megabytes to encode, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
dotnet build bench/BulkBench/BulkBench.csproj -c Release -o bench/out/bulk -v quiet -nologo >/dev/null
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" dotnet bench/out/bulk/Monitor.Bench.dll "${1:-300}"
