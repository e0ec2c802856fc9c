#!/usr/bin/python3
"""Runs readability-lxml (Debian's python3-readability) over a folder of NAME.html pages, on all cores,
writing NAME.json = {"articleBody": ...} and printing "pages/s" like `extract` does.
Usage: /usr/bin/python3 run_readability.py IN_DIR OUT_DIR"""
import json
import multiprocessing
import os
import resource
import sys
import time

import lxml.html
from readability import Document


def extract(args):
    path, out_dir = args
    stem = os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            html = f.read()
        summary = Document(html).summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ''
    except Exception as e:  # one bad page must not stop the run, as in our extractor
        sys.stderr.write(f'readability: {stem}: {e}\n')
        text = ''
    with open(os.path.join(out_dir, stem + '.json'), 'w', encoding='utf-8') as f:
        json.dump({'articleBody': text}, f, ensure_ascii=False)
    return 1


def main():
    in_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    files = sorted(os.path.join(in_dir, n) for n in os.listdir(in_dir) if n.endswith('.html'))
    cores = os.cpu_count() or 1
    cpu_before = sum(getattr(resource.getrusage(resource.RUSAGE_SELF), field) for field in ('ru_utime', 'ru_stime'))
    start = time.perf_counter()
    with multiprocessing.Pool(cores) as pool:
        done = sum(pool.imap_unordered(extract, [(p, out_dir) for p in files], chunksize=4))
    elapsed = time.perf_counter() - start
    # CPU time of this process and its (joined) workers: on a shared machine the wall clock also measures the neighbours.
    cpu = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for field in ('ru_utime', 'ru_stime')) - cpu_before
    print(f'extracted {done} pages in {elapsed:.2f} s on {cores} cores: {done / elapsed:.1f} pages/s ({done / cpu:.1f} pages/cpu-s)')


if __name__ == '__main__':
    main()
