#!/usr/bin/env python3
"""Writes seeds for the `relate` fuzz target into fuzz/corpus/relate: the first
sentences of tuning-part documents of the written corpus (four per language),
entities marked inline as `[P:name]` (see `marked` in fuzz/targets.rs), the
first byte picking the language.

    python3 fuzz/relate_seeds.py [--corpus ../shared/data/relations/corpus]"""
import argparse
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools", "train"))
from data import corpus_part  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "data", "relations", "corpus"))
ap.add_argument("--per-language", type=int, default=4)
ap.add_argument("--chars", type=int, default=700)
args = ap.parse_args()
out = os.path.join(HERE, "corpus", "relate")
os.makedirs(out, exist_ok=True)
taken = {}
for fn in sorted(glob.glob(os.path.join(args.corpus, "*.json"))):
    d = json.load(open(fn, encoding="utf-8"))
    if corpus_part(d["id"]) != "tune" or taken.get(d["lang"], 0) >= args.per_language:
        continue
    taken[d["lang"]] = taken.get(d["lang"], 0) + 1
    text = d["text"]
    cut = text.find(". ", args.chars)
    cut = len(text) if cut < 0 else cut + 1
    marks, last = [], 0
    for e in sorted(d["entities"], key=lambda e: e["start"]):
        if e["start"] < last or e["end"] > cut:
            continue
        marks.append(text[last:e["start"]].replace("[", "("))
        marks.append(f"[{e['type'][0]}:{text[e['start']:e['end']]}]")
        last = e["end"]
    marks.append(text[last:cut].replace("[", "("))
    data = bytes([255]) + "".join(marks).encode("utf-8")
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
print(f"{sum(taken.values())} seeds in {out}")
