#!/usr/bin/env python3
"""Train the role-country model (`data/models/country.json`) on the tuning part of the corpus.

    cargo run --release -- eval-relations --data ../shared/data/relations/corpus --split tune \\
        --dump-countries /tmp/countries_tune.jsonl
    python3 tools/relations/train_countries.py /tmp/countries_tune.jsonl --out data/models/country.json

A role whose title and complement name no country (`le ministre des Affaires étrangères, X`) takes one
of the countries the document names. Every (role, candidate country) is one example (features from the
Rust side, `src/relate/country.rs`); label: the gold roles of the person have an agency of that country
(`org_entity`, read by `agency::country_of_agency`). Gradient-boosted trees (scikit-learn); the depth,
the number of trees and the threshold under which the rules' own choice is kept are chosen by 5-fold
cross-validation grouped by document on the tuning part alone, on the share of roles given their gold
country. The measure-only part is never read here. Needs scikit-learn.
"""
import argparse
import json
import sys
from collections import defaultdict

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from trees import export_trees, load_rows

ap = argparse.ArgumentParser()
ap.add_argument("rows", help="JSON lines from eval-relations --dump-countries (tuning part)")
ap.add_argument("--out", default="data/models/country.json")
ap.add_argument("--features", default="src/relate/country.rs", help="Rust file with FEATURES")
ap.add_argument("--seed", type=int, default=7)
args = ap.parse_args()

names, rows, X, y, docs = load_rows(args.rows, args.features)
groups = defaultdict(list)
for i, r in enumerate(rows):
    groups[(r["doc"], r["role"])].append(i)
scored = [g for g in groups.values() if rows[g[0]]["gold_countries"]]
RULE = names.index("rule")
print(f"{len(rows)} candidates, {y.sum()} positive, {len(groups)} roles ({len(scored)} with a gold "
      f"country), {len(set(docs))} documents", file=sys.stderr)


def accuracy(p, t):
    """Share of the roles with a gold country given it: the best candidate from `t` on, else the rule's."""
    right = 0
    for g in scored:
        best = max(g, key=lambda i: p[i])
        pick = best if p[best] >= t else next((i for i in g if X[i, RULE] == 1), None)
        right += pick is not None and y[pick] == 1
    return right / len(scored)


print(f"the rules alone: {accuracy(np.zeros(len(y)), 2.0):.3f} of the roles with a gold country",
      file=sys.stderr)
grid = [dict(max_depth=d, n_estimators=n, learning_rate=0.05, subsample=0.8, min_samples_leaf=20)
        for d in (2, 3) for n in (100, 250)]
thresholds = np.arange(0.0, 0.81, 0.05)
gkf = GroupKFold(n_splits=5)
best = None
for params in grid:
    oof = np.zeros(len(y))
    for tr, te in gkf.split(X, y, docs):
        m = GradientBoostingClassifier(random_state=args.seed, **params).fit(X[tr], y[tr])
        oof[te] = m.predict_proba(X[te])[:, 1]
    a, t = max((accuracy(oof, t), t) for t in thresholds)
    print(f"cv {params} -> {a:.3f} at threshold {t:.2f}", file=sys.stderr)
    if best is None or a > best[0]:
        best = (a, t, params)
a, t, params = best
print(f"chosen {params}, threshold {t:.2f}, cross-validated {a:.3f}", file=sys.stderr)
m = GradientBoostingClassifier(random_state=args.seed, **params).fit(X, y)
p = m.predict_proba(X)[:, 1]
print(f"tuning part, refit: {accuracy(p, t):.3f}", file=sys.stderr)

bias, trees = export_trees(m, X, y, params["learning_rate"])
imp = sorted(zip(m.feature_importances_, names), reverse=True)[:10]
print("importances", ", ".join(f"{n} {v:.3f}" for v, n in imp), file=sys.stderr)
out = {"features": names, "bias": round(bias, 6), "threshold": round(float(t), 4), "trees": trees,
       "trained_on": {"candidates": len(rows), "roles": len(scored), "documents": len(set(docs)),
                      "params": params, "cv_accuracy": round(a, 4)}}
json.dump(out, open(args.out, "w", encoding="utf-8"), separators=(",", ":"))
print(f"wrote {args.out}", file=sys.stderr)
