"""What the two tree-model trainers share (`train_pairs.py`, `train_countries.py`): the rows that
`eval-relations --dump-pairs` / `--dump-countries` write, the feature names of the Rust file that
computes them, and the export of a scikit-learn gradient-boosted classifier to the JSON that
`src/relate/pairs.rs` (`PairModel`) reads."""
import json
import re

import numpy as np


def load_rows(rows_path, features_path):
    """The feature names (`const FEATURES` of `features_path`), the rows, and X, y and each row's
    document as arrays; checks that every row has one value per feature."""
    src = open(features_path, encoding="utf-8").read()
    names = re.findall(r'"([a-z_]+)"',
                       re.search(r"const FEATURES: &\[&str\] = &\[(.*?)\];", src, re.S).group(1))
    rows = [json.loads(line) for line in open(rows_path, encoding="utf-8")]
    X = np.array([r["x"] for r in rows], dtype=np.float32)
    y = np.array([r["label"] for r in rows], dtype=np.int32)
    docs = np.array([r["doc"] for r in rows])
    assert X.shape[1] == len(names), (X.shape, len(names))
    return names, rows, X, y, docs


def export_trees(m, X, y, learning_rate):
    """`(bias, trees)` of the fitted classifier `m`: raw score = bias + sum of the trees' leaf
    values (learning rate folded in), sklearn's `x <= threshold` going left. Checked against
    `m.predict_proba` on the first 500 rows of X."""
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    bias = float(np.log(prior / (1 - prior)))
    trees = []
    for est in m.estimators_[:, 0]:
        tr = est.tree_
        nodes = []
        for i in range(tr.node_count):
            if tr.children_left[i] == -1:
                nodes.append({"feature": -1, "value": round(float(tr.value[i][0][0]) * learning_rate, 6)})
            else:
                nodes.append({"feature": int(tr.feature[i]), "threshold": round(float(tr.threshold[i]), 6),
                              "left": int(tr.children_left[i]), "right": int(tr.children_right[i])})
        trees.append(nodes)

    def walk(x):
        z = bias
        for nodes in trees:
            i = 0
            while nodes[i]["feature"] >= 0:
                nd = nodes[i]
                i = nd["left"] if x[nd["feature"]] <= nd["threshold"] else nd["right"]
            z += nodes[i]["value"]
        return 1 / (1 + np.exp(-z))

    p = m.predict_proba(X[:500])[:, 1]
    mine = np.array([walk(x) for x in X[:500]])
    assert np.allclose(mine, p, atol=1e-4), np.abs(mine - p).max()
    return bias, trees
