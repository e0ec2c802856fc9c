#!/usr/bin/env python3
"""Writes the stem -> page URL map for `extract --url-map` from the WCXB ground truth.
Usage: python3 url_map.py GT_DIR OUT_FILE"""
import json
import pathlib
import sys

gt_dir, out = pathlib.Path(sys.argv[1]), sys.argv[2]
urls = {}
for path in sorted(gt_dir.glob('*.json')):
    url = json.loads(path.read_text(encoding='utf-8')).get('url')
    if url:
        urls[path.stem] = url
pathlib.Path(out).write_text(json.dumps(urls), encoding='utf-8')
