#!/usr/bin/env python3
"""Average the weights of fine-tuned models that share one tokenizer and architecture ("model soup",
Wortsman et al. 2022): no training, no extra inference cost.

    python3 tools/train/soup.py --out DIR MODEL_DIR[:WEIGHT] MODEL_DIR[:WEIGHT] ...

Weights default to equal shares and are normalised to sum to 1.  With --extend-labels, an ingredient
may have fewer labels than the first, as a prefix of its label list (a model continued with new labels,
e.g. DATE, and its parent): the classifier rows it lacks are averaged over the ingredients that have
them.  The first model's directory is copied
(tokenizer, config, model card) and its `model.safetensors` replaced by the weighted average, stored in
the first model's dtype.  The ingredients must come from one lineage (one run continued from another,
or runs started from the same checkpoint); averaging unrelated from-scratch runs does not work.
"""
import argparse
import json
import os
import shutil
import sys

import torch
from safetensors.torch import load_file, save_file


def parse(spec):
    path, _, w = spec.partition(":")
    return path, float(w) if w else 1.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+", help="MODEL_DIR[:WEIGHT]")
    ap.add_argument("--out", required=True)
    ap.add_argument("--extend-labels", action="store_true",
                    help="allow ingredients whose labels are a prefix of the first model's")
    args = ap.parse_args()
    specs = [parse(s) for s in args.models]
    total = sum(w for _, w in specs)
    if len(specs) < 2 or total <= 0:
        sys.exit("need at least two models and a positive total weight")
    first = specs[0][0]
    for path, _ in specs[1:]:
        for f in ("tokenizer.json", "config.json"):
            a = open(os.path.join(first, f), "rb").read()
            b = open(os.path.join(path, f), "rb").read()
            if f == "config.json":
                a, b = json.loads(a), json.loads(b)
                for k in ("torch_dtype", "transformers_version", "hidden_dropout_prob"):
                    a.pop(k, None), b.pop(k, None)
                if args.extend_labels:
                    la = [a["id2label"][str(i)] for i in range(len(a["id2label"]))]
                    lb = [b["id2label"][str(i)] for i in range(len(b["id2label"]))]
                    if la[:len(lb)] != lb:
                        sys.exit(f"{path}: labels {lb} are not a prefix of {la}")
                    for k in ("id2label", "label2id", "_num_labels", "num_labels"):
                        a.pop(k, None), b.pop(k, None)
            if a != b:
                sys.exit(f"{path}/{f} differs from {first}/{f}: not one lineage")
    tensors = [(load_file(os.path.join(p, "model.safetensors")), w / total) for p, w in specs]
    base = tensors[0][0]
    soup = {}
    for k, t in base.items():
        acc = torch.zeros_like(t, dtype=torch.float32)
        # per-row weight sums (rows = first dimension), for classifier rows some ingredients lack
        wsum = torch.zeros(t.shape[0] if t.dim() else 1)
        for sd, w in tensors:
            u = sd.get(k)
            shorter = (args.extend_labels and k.startswith("classifier.") and u is not None
                       and u.shape[1:] == t.shape[1:] and u.shape[0] < t.shape[0])
            if u is None or (u.shape != t.shape and not shorter):
                sys.exit(f"tensor {k} missing or of another shape in one ingredient")
            n = u.shape[0] if t.dim() else 1
            acc[:n] += w * u.float()
            wsum[:n] += w
        shape = (-1,) + (1,) * (t.dim() - 1) if t.dim() else ()
        soup[k] = (acc / wsum.reshape(shape) if t.dim() else acc / wsum[0]).to(t.dtype)
    if os.path.abspath(args.out) != os.path.abspath(first):
        shutil.copytree(first, args.out, dirs_exist_ok=True)
    save_file(soup, os.path.join(args.out, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(args.out, "soup.json"), "w") as f:
        json.dump({"ingredients": [{"model": p, "weight": w / total} for p, w in specs]}, f, indent=1)
    print(f"wrote {args.out}: {len(specs)} ingredients, {len(soup)} tensors")


if __name__ == "__main__":
    main()
