#!/usr/bin/env bash
# Main-content extraction benchmark: our `extract` vs readability-lxml on the WCXB dev pages, in one run.
# Quality: ../shared/bench/score.py (overall and per page type); title/author/date accuracy from the ground
# truth; speed: pages/s of ours, readability-lxml (all cores, multiprocessing) and HtmlAgilityPack's bare parse.
# Needs ../shared beside the checkout (or MONITOR_SHARED), the .NET SDK, and Debian's python3-readability
# (installed here when missing and running as root). Prints one table.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${MONITOR_SHARED:-$repo/../shared}"
bench="$shared/bench"
[[ -f "$bench/wcxb-dev.tar.gz" && -f "$bench/score.py" ]] || { echo "no WCXB data under $bench (set MONITOR_SHARED)" >&2; exit 2; }

if ! /usr/bin/python3 -c 'import readability, lxml.html' 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get install -y python3-readability || (apt-get update && apt-get install -y python3-readability)) >/dev/null
  else
    echo "readability-lxml missing: sudo apt-get install -y python3-readability" >&2; exit 2
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar xzf "$bench/wcxb-dev.tar.gz" -C "$work"
pages="$work/wcxb-dev/html"
truth="$work/wcxb-dev/ground-truth"
python3 "$repo/bench/extraction/url_map.py" "$truth" "$work/urls.json"

echo "building Release..." >&2
dotnet build -c Release "$repo/src/Monitor.Worker/Monitor.Worker.csproj" -nologo -v q >/dev/null
worker="$repo/src/Monitor.Worker/bin/Release/net10.0/Monitor.Worker.dll"

# Each run prints "...: N pages/s (M pages/cpu-s)"; keep both numbers.
rate() { sed -n 's/.*: \([0-9.]*\) pages\/s (\([0-9.]*\) pages\/cpu-s).*/\1 \2/p' | tail -1; }
echo "running HtmlAgilityPack bare parse, ours, readability-lxml..." >&2
parse_rate=$(dotnet "$worker" extract --in "$pages" --parse-only | rate)
ours_rate=$(dotnet "$worker" extract --in "$pages" --out "$work/ours" --url-map "$work/urls.json" 2>"$work/ours.err" | rate)
read_rate=$(/usr/bin/python3 "$repo/bench/extraction/run_readability.py" "$pages" "$work/readability" 2>"$work/readability.err" | rate)

python3 "$bench/score.py" "$work/ours" --gt "$truth" --types >"$work/ours.score" 2>/dev/null
python3 "$bench/score.py" "$work/readability" --gt "$truth" --types >"$work/readability.score" 2>/dev/null
python3 "$repo/bench/extraction/metadata_accuracy.py" "$work/ours" "$truth" >"$work/ours.meta"
python3 "$repo/bench/extraction/ground_truth_reach.py" "$pages" "$truth" "$work/ours" >>"$work/ours.meta"

python3 - "$work" "$ours_rate" "$read_rate" "$parse_rate" <<'PY'
import re, sys
work = sys.argv[1]
(ours_rate, ours_cpu), (read_rate, read_cpu), (parse_rate, parse_cpu) = (map(float, a.split()) for a in sys.argv[2:5])

def scores(path):
    text = open(path, encoding='utf-8').read()
    out = {'all': re.search(r'pages=(\d+)\s+f1=([\d.]+)\s+precision=([\d.]+)\s+recall=([\d.]+)', text).groups()}
    for m in re.finditer(r'^\s+(\w+)\s+n=\s*(\d+)\s+f1=([\d.]+)\s+P=([\d.]+)\s+R=([\d.]+)', text, re.M):
        out[m.group(1)] = m.groups()[1:]
    return out

ours, ref = scores(f'{work}/ours.score'), scores(f'{work}/readability.score')
meta = dict(line.strip().split('=', 1) for line in open(f'{work}/ours.meta', encoding='utf-8') if '=' in line)
rows = [('measure (WCXB dev, 1005 pages)', 'ours (extract)', 'readability-lxml', 'target')]
for key in ['article', 'forum', 'listing', 'all']:
    o, r = ours[key], ref[key]
    target = '>= readability + 0.02 (trafilatura 0.926)' if key == 'article' else ''
    rows.append((f'body F1 {key} (n={o[0]})', f'{float(o[1]):.3f} (P {float(o[2]):.3f} R {float(o[3]):.3f})',
                 f'{float(r[1]):.3f} (P {float(r[2]):.3f} R {float(r[3]):.3f})', target))
rows.append(('article F1 margin over readability', f'{float(ours["article"][1]) - float(ref["article"][1]):+.3f}', '', '>= +0.020'))
rows.append(('title exact (articles)', meta['title_exact'], '-', '>= 90%'))
rows.append(('title, typographic quotes folded', meta['title_folded'], '-', ''))
rows.append(('title, ignoring case/punctuation', meta['title_loose'], '-', ''))
rows.append(('  ceiling: truth among the page titles', meta['title_reachable'], '', ''))
rows.append(('author match (articles)', meta['author'], '-', ''))
rows.append(('publish date same day (articles)', meta['date_same_day'], '-', '>= 90%'))
rows.append(('  ceiling: truth day written in page/URL', meta['date_reachable'], '', ''))
rows.append(('  misses where truth = the updated date', meta['date_misses_truth_is_modified_date'], '', ''))
for key in ['article', 'listing', 'forum']:
    rows.append((f'page kind right: {key}' + (' (as other)' if key == 'forum' else ''), meta.get(f'kind_{key}', 'n/a'), '-', ''))
rows.append(('speed, pages/s (all cores)', f'{ours_rate:.1f}', f'{read_rate:.1f}', '>= 10x readability'))
rows.append(('speed vs readability-lxml', f'{ours_rate / read_rate:.1f}x', '1.0x', '>= 10x'))
rows.append(('speed, pages per CPU-second', f'{ours_cpu:.1f}', f'{read_cpu:.1f}', ''))
rows.append(('speed vs readability-lxml, per CPU-second', f'{ours_cpu / read_cpu:.1f}x', '1.0x', ''))
rows.append(('HtmlAgilityPack bare parse, pages/s', f'{parse_rate:.1f} ({parse_cpu:.1f} per CPU-s)', '', ''))
rows.append(('extraction cost vs bare parse', f'{parse_rate / ours_rate:.2f}x ({parse_cpu / ours_cpu:.2f}x in CPU)', '', '<= 2x'))
widths = [max(len(r[i]) for r in rows) for i in range(4)]
line = '+' + '+'.join('-' * (w + 2) for w in widths) + '+'
print(line)
for i, r in enumerate(rows):
    print('| ' + ' | '.join(c.ljust(w) for c, w in zip(r, widths)) + ' |')
    if i == 0:
        print(line)
print(line)
PY
