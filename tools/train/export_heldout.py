#!/usr/bin/env python3
"""Writes every held-out evaluation split of the training data as a CoNLL file,
so the Rust pipeline can score them with `rolegraph eval-ner`:

    python3 tools/train/export_heldout.py --out /tmp/heldout
    for f in /tmp/heldout/*.conllu; do
        cargo run --release -- eval-ner --data "$f" --json
    done

The splits are exactly those of train.py/evaluate.py (data.load_all): the last
10% of each WikiNEuRal and Europeana file, the CoNLL `val` files and 2000
sentences of each WikiANN `val` file.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data as D  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data/ner"))
ap.add_argument("--out", required=True)
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)
_, evals = D.load_all(a.data, use_wikineural=False, use_conll=False, use_wikiann=False, use_europeana=False)
for ev in evals:
    path = os.path.join(a.out, ev["name"].replace("/", "__") + ".conllu")
    with open(path, "w", encoding="utf-8") as f:
        for sent in ev["sents"]:
            toks, tags = sent[0], sent[1]
            for i, (t, g) in enumerate(zip(toks, tags)):
                f.write(f"{i + 1}\t{t}\t{g}\n")
            f.write("\n")
    print(path, len(ev["sents"]))
