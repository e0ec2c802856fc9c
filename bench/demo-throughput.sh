#!/usr/bin/env bash
# End-to-end throughput and peak memory of `demo`: replay sites on 127.0.0.1 → collection →
# SQLite, in a Release build. Run 1 collects into an empty store; run 2 goes over the same sites
# again (articles already seen are not fetched again, feeds and sitemaps answer 304). Prints one table.
# Usage: bench/demo-throughput.sh   (needs /usr/bin/time: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build -c Release src/Monitor.Worker -v q -nologo >/dev/null

printf '%-6s %8s %6s %9s %9s %12s\n' run stored new wall_s items/s peak_rss_MB
for run in 1 2; do
  (cd "$out" && /usr/bin/time -v dotnet "$root/src/Monitor.Worker/bin/Release/net10.0/Monitor.Worker.dll" \
      demo --pipelines "$root/pipelines" --db "$out/demo.db" >"$out/out$run" 2>"$out/err$run")
  cycle=$(grep -E '^Cycle:' "$out/out$run")
  stored=$(sed -nE 's/.* ([0-9]+) stored in.*/\1/p' <<<"$cycle")
  new=$(sed -nE 's/.*; ([0-9]+) new items.*/\1/p' <<<"$cycle")
  wall=$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)/\1/p' "$out/err$run" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$out/err$run")
  printf '%-6s %8s %6s %9.2f %9.1f %12.1f\n' "$run" "$stored" "$new" "$wall" "$(echo "$stored / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
