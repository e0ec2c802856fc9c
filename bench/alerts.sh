#!/usr/bin/env bash
# Alert benchmark (issue 13): a simulated month of one cluster (8 stations) through the real SQLite
# store and rules, with 20 planted events (11 negative surges, 6 viral posts, 3 silent pages) among
# noise, and a month with none. Prints recall, false alerts per station per week and the median time
# from an event's start to its alert. Targets: recall >= 95%, <= 1 false alert/station/week, median
# time to alert within one observation interval (30 min).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d /tmp/monitor-alert-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet build bench/AlertBench/AlertBench.csproj -c Release -v q -nologo >/dev/null
dotnet bench/AlertBench/bin/Release/net10.0/Monitor.Bench.dll "$work"
