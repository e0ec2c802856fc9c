#!/usr/bin/env python3
"""How much of the WCXB title and publish-date ground truth any extractor can reach from the page itself.
  title: the truth appears verbatim (whitespace collapsed, entities decoded) among the page's own title
         candidates: <h1>-<h3> texts, <title>, every <meta content>, JSON "headline"/"name" values, each also
         split at the usual site-name separators. Shown exact and with typographic quotes folded.
  date : the truth's calendar day is written somewhere in the page (ISO, numeric and English month-name forms)
         or in its URL.
  updated: with PRED_DIR, the misses where the truth is the page's declared modified date and not its declared
         published date (a monitor keeps the publication time, so these stay misses by design).
Usage: python3 ground_truth_reach.py HTML_DIR GT_DIR [PRED_DIR]"""
import datetime
import html
import json
import pathlib
import re
import sys

SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ', ' » ', ' / ', ': ']
QUOTES = str.maketrans({'\u2019': "'", '\u2018': "'", '\u201c': '"', '\u201d': '"'})


def squash(text):
    return re.sub(r'\s+', ' ', text or '').strip()


def splits(text):
    text = squash(html.unescape(html.unescape(text)))
    found = {text}
    for separator in SEPARATORS:
        parts = text.split(separator)
        for i in range(1, len(parts)):
            found.add(separator.join(parts[:i]).strip())
            found.add(separator.join(parts[i:]).strip())
    return found


def title_candidates(page):
    found = set()
    for inner in re.findall(r'<h[1-3][^>]*>(.*?)</h[1-3]>', page, re.S | re.I):
        found |= splits(re.sub(r'<[^>]+>', ' ', inner))
    for inner in re.findall(r'<title[^>]*>(.*?)</title>', page, re.S | re.I):
        found |= splits(inner)
    for quoted in re.findall(r'<meta[^>]+content=("[^"]*"|\'[^\']*\')', page, re.I):
        found |= splits(quoted[1:-1])
    for value in re.findall(r'"(?:headline|name)"\s*:\s*"((?:[^"\\]|\\.)*)"', page):
        try:
            found |= splits(json.loads('"' + value + '"'))
        except ValueError:
            pass
    return found


def date_forms(day):
    d, m, y = day.day, day.month, day.year
    forms = {day.isoformat(), day.strftime('%Y/%m/%d'), day.strftime('%Y%m%d'), day.strftime('%m/%d/%Y'), f'{m}/{d}/{y}',
             day.strftime('%d/%m/%Y'), f'{d}/{m}/{y}', day.strftime('%d.%m.%Y'), day.strftime('%m/%d/%y'), f'{m}/{d}/{y % 100:02d}'}
    for month in (day.strftime('%B'), day.strftime('%b'), day.strftime('%b') + '.'):
        for dd in (str(d), f'{d:02d}', f'{d}st', f'{d}nd', f'{d}rd', f'{d}th'):
            forms |= {f'{month} {dd}, {y}', f'{month} {dd} {y}', f'{dd} {month} {y}', f'{dd} {month}, {y}'}
    return {f.lower() for f in forms}


def main():
    html_dir, gt_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    pred_dir = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else None
    titles = titles_exact = titles_folded = dates = dates_reached = updated = 0
    for gt_path in sorted(gt_dir.glob('*.json')):
        gt = json.loads(gt_path.read_text(encoding='utf-8'))
        if ((gt.get('_internal') or {}).get('page_type') or {}).get('primary', 'article') != 'article':
            continue
        truth = gt.get('ground_truth') or {}
        page = (html_dir / (gt_path.stem + '.html')).read_text(encoding='utf-8', errors='replace')
        if truth.get('title'):
            titles += 1
            candidates = title_candidates(page)
            titles_exact += squash(truth['title']) in candidates
            titles_folded += squash(truth['title']).translate(QUOTES) in {c.translate(QUOTES) for c in candidates}
        published = truth.get('publish_date') or ''
        if len(published) >= 10:
            dates += 1
            day = datetime.date.fromisoformat(published[:10])
            text = re.sub(r'\s+', ' ', html.unescape(page)).lower()
            url = gt.get('url', '')
            dates_reached += any(f in text for f in date_forms(day)) or day.strftime('%Y/%m/%d') in url or day.isoformat() in url
            if pred_dir is not None:
                pred = json.loads((pred_dir / gt_path.name).read_text(encoding='utf-8')) if (pred_dir / gt_path.name).exists() else {}
                if (pred.get('datePublished') or '')[:10] != published[:10]:
                    modified = {v[:10] for v in re.findall(r'"dateModified"\s*:\s*"([^"]+)"', page)}
                    modified |= {v[:10] for v in re.findall(r'(?:article:modified_time|og:updated_time)["\'][^>]*content=["\']([^"\']+)', page)}
                    declared = {v[:10] for v in re.findall(r'"datePublished"\s*:\s*"([^"]+)"', page)}
                    declared |= {v[:10] for v in re.findall(r'article:published_time["\'][^>]*content=["\']([^"\']+)', page)}
                    updated += published[:10] in modified and published[:10] not in declared
    pct = lambda ok, n: f'{ok / n:.1%} ({ok}/{n})'
    print(f'title_reachable={pct(titles_exact, titles)}')
    print(f'title_reachable_quotes_folded={pct(titles_folded, titles)}')
    print(f'date_reachable={pct(dates_reached, dates)}')
    if pred_dir is not None:
        print(f'date_misses_truth_is_modified_date={updated}')


if __name__ == '__main__':
    main()
