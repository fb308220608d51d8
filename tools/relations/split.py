#!/usr/bin/env python3
"""The fixed split of the written relations corpus into a tuning part and a measure-only part.

    python3 tools/relations/split.py [--corpus ../shared/data/relations/corpus] [--out /tmp/corpus]

Rule: FNV-1a (32-bit) of the document id's UTF-8 bytes, modulo 5; 0 is the measure-only part
(67 of 345 documents), the rest the tuning part (278). The same rule is in
`tools/train/data.py` (NER training reads only the tuning part) and in Rust
(`rolegraph eval-relations --split tune|measure`). With --out, writes OUT/tune and OUT/measure as
folders of symbolic links, for `../shared/tools/score_relations.py BIN OUT/measure`."""
import argparse
import glob
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train"))
from data import corpus_part  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "..", "..", "..", "shared", "data", "relations",
                                                 "corpus"))
ap.add_argument("--out", default="")
args = ap.parse_args()
parts = {"tune": [], "measure": []}
for fn in sorted(glob.glob(os.path.join(args.corpus, "*.json"))):
    with open(fn, encoding="utf-8") as f:
        doc_id = json.load(f)["id"]
    parts[corpus_part(doc_id)].append(os.path.abspath(fn))
for name, files in parts.items():
    print(f"{name}: {len(files)} documents")
    if args.out:
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        for fn in files:
            link = os.path.join(d, os.path.basename(fn))
            if not os.path.lexists(link):
                os.symlink(fn, link)
