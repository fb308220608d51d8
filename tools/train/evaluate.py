#!/usr/bin/env python3
"""Evaluate an exported model directory on the held-out splits (same splits/metric as train.py).

    python3 tools/train/evaluate.py --model models/rolegraph-ner [--eval-max 0] [--json out.json]

Uses the exported tokenizer.json (tokenizers library) and the f16 weights (upcast to f32), i.e.
the artefacts the Rust engine loads.  Also runs a transformers NER pipeline smoke test.
"""
import argparse
import json
import os
import random
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data as D  # noqa: E402
import train as T  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/rolegraph-ner")
    ap.add_argument("--data", default="/work/shared/data/ner")
    ap.add_argument("--eval-max", type=int, default=0, help="max sentences per set (0 = all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", default="")
    ap.add_argument("--no-pipeline", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    from tokenizers import Tokenizer
    from transformers import AutoModelForTokenClassification
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    model = AutoModelForTokenClassification.from_pretrained(args.model, torch_dtype=torch.float32).float()
    model.eval()
    _, evsets = D.load_all(args.data, use_wikineural=False, use_conll=False, use_wikiann=False,
                           use_europeana=False)
    for ev in evsets:
        if args.eval_max and len(ev["sents"]) > args.eval_max:
            ev["sents"] = random.Random(args.seed).sample(ev["sents"], args.eval_max)
        ev["chunks"], ev["map"] = T.encode_sents(tok, ev["sents"], 128)
    t = time.time()
    r = T.evaluate(model, evsets, tok.token_to_id("[PAD]"))
    print(f"eval {time.time()-t:.0f}s; sentences per set: " +
          ", ".join(f"{e['name']}={len(e['sents'])}" for e in evsets))
    print("mean_lang_f1", round(r["mean_lang_f1"], 4))
    print("langs", json.dumps({k: round(v, 4) for k, v in r["langs"].items()}))
    print("types", json.dumps({k: round(v, 4) for k, v in r["types"].items()}))
    for k, v in r["sets"].items():
        print(f"  {k:20s} P {v['p']:.4f} R {v['r']:.4f} F1 {v['f1']:.4f} n_gold {v['n_gold']} types " +
              json.dumps({a: round(b, 3) for a, b in v["types"].items()}))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(eval_max=args.eval_max, **r), f, indent=1)
    if not args.no_pipeline:
        from transformers import AutoTokenizer, pipeline
        nlp = pipeline("ner", model=model, tokenizer=AutoTokenizer.from_pretrained(args.model),
                       aggregation_strategy="first")
        for s in ["Le ministre de la Sécurité publique Ralph Goodale a rencontré Kevin McAleenan à Washington.",
                  "Angela Merkel traf sich am Montag in Berlin mit Vertretern von Siemens.",
                  "Barack Obama visited the United Nations in New York."]:
            print(s)
            for e in nlp(s):
                print("   ", e["entity_group"], repr(e["word"]), round(float(e["score"]), 3), e["start"], e["end"])


if __name__ == "__main__":
    main()
