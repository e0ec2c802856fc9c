#!/usr/bin/env python3
"""Title, author and publish-date accuracy of `extract` output against WCXB ground truth (articles only),
plus page-kind agreement with the ground truth's page type.
  title  : exact after whitespace collapsing; also shown: equal once typographic quotes are folded to ASCII
           (the ground truth writes ' where most pages print a curly apostrophe), and equal ignoring case/punctuation
  author : equal ignoring case, punctuation and spacing, or one name list contains the other
  date   : the same calendar day as the truth, read in the offset the page printed the time in
Prints one line per measure as KEY=VALUE for bench/extraction.sh to tabulate.
Usage: python3 metadata_accuracy.py PRED_DIR GT_DIR"""
import json
import pathlib
import re
import sys


def squash(text):
    return re.sub(r'\s+', ' ', text or '').strip()


def folded(text):
    return squash(text).translate(str.maketrans({'\u2019': "'", '\u2018': "'", '\u201c': '"', '\u201d': '"'}))


def loose(text):
    return re.sub(r'[\W_]+', '', (text or '').lower())


def main():
    pred_dir, gt_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    n_title = ok_title = folded_title = loose_title = 0
    n_author = ok_author = 0
    n_date = ok_date = 0
    kinds = {}
    for gt_path in sorted(gt_dir.glob('*.json')):
        gt = json.loads(gt_path.read_text(encoding='utf-8'))
        truth = gt.get('ground_truth') or {}
        page_type = ((gt.get('_internal') or {}).get('page_type') or {}).get('primary', 'article')
        pred_path = pred_dir / gt_path.name
        pred = json.loads(pred_path.read_text(encoding='utf-8')) if pred_path.exists() else {}
        expected_kind = {'article': 'article', 'listing': 'listing'}.get(page_type, 'other')
        row = kinds.setdefault(page_type, {'n': 0, 'ok': 0})
        row['n'] += 1
        row['ok'] += pred.get('pageKind') == expected_kind
        if page_type != 'article':
            continue
        if truth.get('title'):
            n_title += 1
            ok_title += squash(pred.get('title')) == squash(truth['title'])
            folded_title += folded(pred.get('title')) == folded(truth['title'])
            loose_title += loose(pred.get('title')) == loose(truth['title'])
        if truth.get('author'):
            n_author += 1
            a, b = loose(pred.get('author')), loose(truth['author'])
            ok_author += bool(a) and (a == b or a in b or b in a)
        if truth.get('publish_date'):
            n_date += 1
            ok_date += (pred.get('datePublished') or '')[:10] == truth['publish_date'][:10]
    pct = lambda ok, n: f'{ok / n:.1%} ({ok}/{n})' if n else 'n/a'
    print(f'title_exact={pct(ok_title, n_title)}')
    print(f'title_folded={pct(folded_title, n_title)}')
    print(f'title_loose={pct(loose_title, n_title)}')
    print(f'author={pct(ok_author, n_author)}')
    print(f'date_same_day={pct(ok_date, n_date)}')
    for page_type, row in sorted(kinds.items()):
        print(f'kind_{page_type}={pct(row["ok"], row["n"])}')


if __name__ == '__main__':
    main()
