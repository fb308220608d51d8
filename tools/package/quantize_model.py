#!/usr/bin/env python3
"""Writes the payload of the companion crates from models/rolegraph-ner.

- crates/rolegraph-model/data/: config.json, tokenizer.json (copied) and
  encoder.safetensors: every tensor but the word embeddings.
- crates/rolegraph-model-embeddings/data/embeddings.safetensors: the word
  embeddings.

Dense encoder weights (attention query/key/value/output, intermediate and
output dense) and the word embeddings are int8 with one f32 scale per row
(`NAME` as I8, `NAME.scale` as F32): scale = max|row| / 127 and
q = round-half-even(clamp(w * (127 / max|row|), -127, 127)) in f32, the
arithmetic of src/model/int8.rs (so the int8 path gets the same bytes it
would quantise at load). Everything else (LayerNorm, biases, position and
token-type embeddings, classifier) is copied as fp16, bit-exact.

--check regenerates into a temporary directory and fails unless the
committed files are byte-identical.
"""
import argparse
import filecmp
import pathlib
import re
import shutil
import sys
import tempfile

import numpy as np
from safetensors.numpy import load_file, save_file

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "models" / "rolegraph-ner"
MODEL = pathlib.Path("crates/rolegraph-model/data")
EMB = pathlib.Path("crates/rolegraph-model-embeddings/data")
DENSE = re.compile(
    r"encoder\.layer\.\d+\.(attention\.self\.(query|key|value)|attention\.output\.dense|"
    r"intermediate\.dense|output\.dense)\.weight$"
)
WORDS = "embeddings.word_embeddings.weight"


def quantize(w):
    w = w.astype(np.float32)
    m = np.abs(w).max(axis=1).astype(np.float32)
    ok = (m > 0) & np.isfinite(m)
    safe = np.where(ok, m, np.float32(1))
    scale = np.where(ok, m / np.float32(127), np.float32(0)).astype(np.float32)
    inv = np.where(ok, np.float32(127) / safe, np.float32(0)).astype(np.float32)
    q = np.clip(w * inv[:, None], np.float32(-127), np.float32(127))
    q = np.nan_to_num(np.rint(q), nan=0.0).astype(np.int8)
    return q, scale


def write(out):
    tensors = load_file(str(SRC / "model.safetensors"))
    enc, emb = {}, {}
    for name in sorted(tensors):
        t = tensors[name]
        if t.dtype != np.float16:
            sys.exit(f"{name}: fp16 expected, got {t.dtype}")
        if name.endswith(WORDS) or DENSE.search(name):
            q, s = quantize(t)
            dst = emb if name.endswith(WORDS) else enc
            dst[name], dst[name + ".scale"] = q, s
        else:
            enc[name] = t
    (out / MODEL).mkdir(parents=True, exist_ok=True)
    (out / EMB).mkdir(parents=True, exist_ok=True)
    meta = {"format": "rolegraph-packed-1"}
    save_file(enc, str(out / MODEL / "encoder.safetensors"), metadata=meta)
    save_file(emb, str(out / EMB / "embeddings.safetensors"), metadata=meta)
    for f in ["config.json", "tokenizer.json"]:
        shutil.copyfile(SRC / f, out / MODEL / f)
    return [MODEL / "encoder.safetensors", MODEL / "config.json", MODEL / "tokenizer.json",
            EMB / "embeddings.safetensors"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify the committed files")
    args = ap.parse_args()
    if not args.check:
        for f in write(ROOT):
            print(f"{f}: {(ROOT / f).stat().st_size} bytes")
        return
    with tempfile.TemporaryDirectory() as tmp:
        bad = [f for f in write(pathlib.Path(tmp))
               if not (ROOT / f).is_file() or not filecmp.cmp(ROOT / f, pathlib.Path(tmp) / f, shallow=False)]
    if bad:
        sys.exit("differ from what the script writes: " + ", ".join(map(str, bad)))
    print("packed model files are up to date")


if __name__ == "__main__":
    main()
