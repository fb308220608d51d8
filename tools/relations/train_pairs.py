#!/usr/bin/env python3
"""Train the met-with pair classifier (`data/models/met_with.json`) on the tuning part of the corpus.

    cargo run --release -- eval-relations --data ../shared/data/relations/corpus --split tune \\
        --dump-pairs /tmp/pairs_tune.jsonl
    python3 tools/relations/train_pairs.py /tmp/pairs_tune.jsonl --out data/models/met_with.json

Every pair of people `extract` finds in a document is one example (features from the Rust side,
`src/relate/pairs.rs`; label: the gold file lists the pair in `met_with`). Gradient-boosted trees
(scikit-learn); the depth, the number of trees and the decision threshold are chosen by 5-fold
cross-validation grouped by document on the tuning part alone (pair F1 over the folds' held-out
documents). The measure-only part is never read here: score it with `eval-relations --split measure`
or `../shared/tools/score_relations.py`. Needs `python3-sklearn` (Debian) or `scikit-learn` (PyPI).
"""
import argparse
import json
import sys

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from trees import export_trees, load_rows

ap = argparse.ArgumentParser()
ap.add_argument("pairs", help="JSON lines from eval-relations --dump-pairs (tuning part)")
ap.add_argument("--out", default="data/models/met_with.json")
ap.add_argument("--features", default="src/relate/pairs.rs", help="Rust file with FEATURES")
ap.add_argument("--seed", type=int, default=7)
args = ap.parse_args()

names, rows, X, y, docs = load_rows(args.pairs, args.features)
print(f"{len(rows)} pairs, {y.sum()} positive, {len(set(docs))} documents", file=sys.stderr)


def f1_at(p, y, t):
    pred = p >= t
    tp = int((pred & (y == 1)).sum()); fp = int((pred & (y == 0)).sum()); fn = int(((~pred) & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


grid = [dict(max_depth=d, n_estimators=n, learning_rate=0.05, subsample=0.8, min_samples_leaf=20)
        for d in (3, 4) for n in (150, 300)]
thresholds = np.arange(0.2, 0.81, 0.025)
best = None
gkf = GroupKFold(n_splits=5)
for params in grid:
    oof = np.zeros(len(y))
    for tr, te in gkf.split(X, y, docs):
        m = GradientBoostingClassifier(random_state=args.seed, **params).fit(X[tr], y[tr])
        oof[te] = m.predict_proba(X[te])[:, 1]
    f, t = max((f1_at(oof, y, t), t) for t in thresholds)
    print(f"cv {params} -> F1 {f:.3f} at {t:.3f}", file=sys.stderr)
    if best is None or f > best[0]:
        best = (f, t, params)
f, t, params = best
print(f"chosen {params}, threshold {t:.3f}, cross-validated pair F1 {f:.3f}", file=sys.stderr)

# Document gate: no pair in a document whose best pair scores under `gate`. Chosen on the
# out-of-fold probabilities of the chosen model, scoring as the scorer does (gold-name pairs, one
# per unordered pair) and charging 0.2 per no-meeting document that gets a meeting (a rate).
oof = np.zeros(len(y))
for tr, te in gkf.split(X, y, docs):
    oof[te] = GradientBoostingClassifier(random_state=args.seed, **params).fit(X[tr], y[tr]) \
        .predict_proba(X[te])[:, 1]
by_doc = {}
for r, pr in zip(rows, oof):
    by_doc.setdefault(r["doc"], []).append((r, pr))
positive_docs = {r["doc"] for r in rows if r["label"]}


def doc_scores(t, gate):
    tp = fp = fn = invented = negatives = 0
    for d, items in by_doc.items():
        gold = {frozenset((r["gold_a"], r["gold_b"])) for r, _ in items if r["label"]}
        top = max(pr for _, pr in items)
        pred = set()
        if top >= gate:
            for r, pr in items:
                if pr >= t:
                    ok = r["gold_a"] and r["gold_b"] and r["gold_a"] != r["gold_b"]
                    pred.add(frozenset((r["gold_a"], r["gold_b"])) if ok else (r["a"], r["b"]))
        tp += len(pred & gold); fp += len(pred - gold); fn += len(gold - pred)
        if d not in positive_docs:
            negatives += 1
            invented += bool(pred)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, invented, negatives


choice = None
for gate in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7):
    f1, inv, neg = doc_scores(t, gate)
    obj = f1 - 0.2 * inv / max(1, neg)
    print(f"gate {gate:.2f}: pair F1 {f1:.3f}, meetings in {inv}/{neg} documents without a gold pair",
          file=sys.stderr)
    if choice is None or obj > choice[0]:
        choice = (obj, gate, f1, inv, neg)
_, gate, f1_gate, inv, neg = choice
print(f"chosen gate {gate:.2f}", file=sys.stderr)
m = GradientBoostingClassifier(random_state=args.seed, **params).fit(X, y)
p = m.predict_proba(X)[:, 1]
print(f"tuning part, refit: pair F1 {f1_at(p, y, t):.3f}", file=sys.stderr)

bias, trees = export_trees(m, X, y, params["learning_rate"])
imp = sorted(zip(m.feature_importances_, names), reverse=True)[:12]
print("importances", ", ".join(f"{n} {v:.3f}" for v, n in imp), file=sys.stderr)
out = {"features": names, "bias": round(bias, 6), "threshold": round(float(t), 4),
       "document_gate": gate, "trees": trees,
       "trained_on": {"pairs": len(rows), "positive": int(y.sum()), "documents": len(set(docs)),
                      "params": params, "cv_pair_f1": round(f, 4), "cv_doc_pair_f1": round(f1_gate, 4),
                      "cv_invented": f"{inv}/{neg}"}}
with open(args.out, "w", encoding="utf-8") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(f"wrote {args.out}", file=sys.stderr)
