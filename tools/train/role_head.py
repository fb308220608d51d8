#!/usr/bin/env python3
"""Train the role head: token labels for role titles, their complements (`of`) and discussion
topics, read from the frozen encoder of the shipped NER model.

    python3 tools/train/role_head.py [--model models/rolegraph-ner] [--corpus ../shared/data/relations/corpus]
        [--layers -1,-3] [--hidden 0] [--epochs 30] [--finetune EPOCHS] [--out DIR] [--log FILE]

Result (tools/train/logs/role_head.log, experiments.md): not good enough to ship. Span F1 of
titles on the measure-only part: 0.02 with a linear head on the last layer, 0.18-0.24 with an
MLP over layers 0, 2 and 4, 0.25 after six epochs of training the encoder too (0.35 on the tuning
part itself). The rules' title F1 on the same part is 0.61.

Training data: the tuning part of the written relations corpus (`data.corpus_part`); the
measure-only part is scored, never trained or tuned on. Gold titles and complements are strings
on a person's role; each is located at its occurrence nearest one of that person's mentions.
Topics carry their character spans. Labels (BIO over word pieces): O, B/I-TITLE, B/I-OF,
B/I-TOPIC.

The encoder stays frozen (the NER head and its speed are unchanged); the head is a linear layer
(or a one-hidden-layer MLP with --hidden) over the concatenated hidden states of --layers. It is
written as `role_head.safetensors` with its labels and layers in `role_head.json`, which the Rust
side loads next to the NER weights."""
import argparse
import glob
import json
import os
import re
import sys
import time

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import corpus_part  # noqa: E402

LABELS = ["O", "B-TITLE", "I-TITLE", "B-OF", "I-OF", "B-TOPIC", "I-TOPIC"]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def log(*a):
    msg = " ".join(str(x) for x in a)
    print(msg, flush=True)
    if ARGS.log:
        with open(ARGS.log, "a", encoding="utf-8") as f:
            f.write(msg + "\n")


def nearest(text_l, needle, anchors, after=None):
    """Start of the occurrence of `needle` (lower case) nearest an anchor span; None if absent.
    With `after`, prefer occurrences that start at or after it (a complement follows its title)."""
    best = None
    for m in re.finditer(re.escape(needle), text_l):
        s, e = m.start(), m.end()
        if s > 0 and text_l[s - 1].isalnum() or e < len(text_l) and text_l[e].isalnum():
            continue  # inside a longer word
        if after is not None:
            d = s - after if s >= after else 10_000 + after - s
        else:
            d = min(abs(s - a_e) if s >= a_e else abs(a_s - e) for a_s, a_e in anchors)
        if best is None or d < best[0]:
            best = (d, s, e)
    return None if best is None else (best[1], best[2])


def gold_spans(doc):
    """(start, end, label) character spans of the document's titles, complements and topics."""
    text_l = doc["text"].lower()
    spans = []
    for p in doc.get("persons", []):
        anchors = [(m["start"], m["end"]) for m in p.get("mention_spans", [])]
        if not anchors:
            continue
        for r in p.get("roles", []):
            t = None
            if r.get("title"):
                t = nearest(text_l, r["title"].lower(), anchors)
                if t:
                    spans.append((t[0], t[1], "TITLE"))
            if r.get("of"):
                o = nearest(text_l, r["of"].lower(), anchors, after=t[1] if t else None)
                if o:
                    spans.append((o[0], o[1], "OF"))
    for d in doc.get("discussed", []):
        if d.get("start") is not None and d.get("end") is not None:
            spans.append((d["start"], d["end"], "TOPIC"))
    return spans


def label_tokens(offsets, spans):
    prio = {"TITLE": 0, "OF": 1, "TOPIC": 2}
    labels = ["O"] * len(offsets)
    owner = [None] * len(offsets)
    for s, e, lab in sorted(spans, key=lambda x: prio[x[2]]):
        for i, (a, b) in enumerate(offsets):
            if b <= a or owner[i] is not None or not (s <= a < e):
                continue
            first = a == s or i == 0 or owner[i - 1] != (s, e)
            labels[i] = ("B-" if first else "I-") + lab
            owner[i] = (s, e)
    return labels


def windows(n, size, stride):
    """Windows over n tokens: (start, end, keep_from, keep_to) with each token kept once."""
    if n <= size:
        return [(0, n, 0, n)]
    out, s = [], 0
    while True:
        e = min(s + size, n)
        keep_from = 0 if s == 0 else (size - stride) // 2 + s
        keep_to = e if e == n else e - (size - stride) // 2
        out.append((s, e, keep_from, keep_to))
        if e == n:
            break
        s += stride
    return out


@torch.no_grad()
def features(model, tok, text, layers):
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offs = enc["input_ids"], enc["offset_mapping"]
    feats = torch.zeros(len(ids), model.config.hidden_size * len(layers))
    for s, e, kf, kt in windows(len(ids), 254, 192):
        x = torch.tensor([[tok.cls_token_id] + ids[s:e] + [tok.sep_token_id]])
        hs = model(input_ids=x, output_hidden_states=True).hidden_states
        h = torch.cat([hs[layer][0, 1:-1] for layer in layers], dim=-1)
        feats[kf:kt] = h[kf - s:kt - s]
    return feats, offs


def decode(offsets, labels):
    """Character spans (start, end, type) from BIO labels over word pieces."""
    out, cur = [], None
    for (a, b), lab in zip(offsets, labels):
        if b <= a:
            continue
        if lab.startswith("B-") or (lab.startswith("I-") and (cur is None or cur[2] != lab[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [a, b, lab[2:]]
        elif lab.startswith("I-"):
            cur[1] = b
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


def span_prf(docs, preds):
    rows = {}
    for typ in ("TITLE", "OF", "TOPIC"):
        tp = npred = ngold = 0
        for d, p in zip(docs, preds):
            g = {(s, e) for s, e, t in d["spans"] if t == typ}
            q = {(s, e) for s, e, t in p if t == typ}
            tp += len(g & q)
            npred += len(q)
            ngold += len(g)
        pr = tp / npred if npred else 0.0
        rc = tp / ngold if ngold else 0.0
        rows[typ] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return rows


def finetune(tok, parts):
    """The encoder trained too (a second encoder at inference: twice the cost), to see
    whether the frozen features or the data limit the head."""
    import random
    from transformers import AutoModel
    enc = AutoModel.from_pretrained(os.path.join(ROOT, ARGS.model))
    head = torch.nn.Linear(enc.config.hidden_size, len(LABELS))
    chunks = []
    for d in parts["tune"]:
        for s, e, _, _ in windows(len(d["ids"]), 254, 192):
            chunks.append(([tok.cls_token_id] + d["ids"][s:e] + [tok.sep_token_id],
                           [-100] + d["y"].tolist()[s:e] + [-100]))
    opt = torch.optim.AdamW([{"params": enc.parameters(), "lr": 1e-4},
                             {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01)

    @torch.no_grad()
    def predict(d):
        out = [0] * len(d["ids"])
        for s, e, kf, kt in windows(len(d["ids"]), 254, 192):
            x = torch.tensor([[tok.cls_token_id] + d["ids"][s:e] + [tok.sep_token_id]])
            p = head(enc(input_ids=x).last_hidden_state)[0, 1:-1].argmax(-1).tolist()
            out[kf:kt] = p[kf - s:kt - s]
        return decode(d["offs"], [LABELS[k] for k in out])

    random.seed(ARGS.seed)
    for ep in range(ARGS.finetune):
        enc.train()
        head.train()
        random.shuffle(chunks)
        tot = 0.0
        for i in range(0, len(chunks), 8):
            b = chunks[i:i + 8]
            n = max(len(c[0]) for c in b)
            ids = torch.tensor([c[0] + [0] * (n - len(c[0])) for c in b])
            mask = torch.tensor([[1] * len(c[0]) + [0] * (n - len(c[0])) for c in b])
            y = torch.tensor([c[1] + [-100] * (n - len(c[1])) for c in b])
            h = enc(input_ids=ids, attention_mask=mask).last_hidden_state
            loss = torch.nn.functional.cross_entropy(head(h).reshape(-1, len(LABELS)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item()
        enc.eval()
        head.eval()
        res = {n: span_prf(ds, [predict(d) for d in ds]) for n, ds in parts.items()}
        row = " ".join(f"{n}:" + ",".join(f"{t}={v[2]:.3f}" for t, v in r.items())
                       for n, r in res.items())
        log(f"finetune epoch {ep + 1} loss {tot:.2f} {row}")


def main():
    model_dir = os.path.join(ROOT, ARGS.model)
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForTokenClassification.from_pretrained(model_dir).eval()
    torch.set_num_threads(ARGS.threads)
    layers = [int(x) for x in ARGS.layers.split(",")]
    n_layers = model.config.num_hidden_layers
    layers = [n_layers + 1 + x if x < 0 else x for x in layers]  # hidden_states has n+1 entries
    parts = {"tune": [], "measure": []}
    t0 = time.time()
    for fn in sorted(glob.glob(os.path.join(ARGS.corpus, "*.json"))):
        with open(fn, encoding="utf-8") as f:
            doc = json.load(f)
        feats, offs = features(model, tok, doc["text"], layers)
        spans = gold_spans(doc)
        labels = label_tokens(offs, spans)
        ids = tok(doc["text"], add_special_tokens=False)["input_ids"]
        parts[corpus_part(doc["id"])].append(
            {"id": doc["id"], "x": feats, "offs": offs, "spans": spans, "ids": ids,
             "y": torch.tensor([LABELS.index(lab) for lab in labels])})
    log(f"features: {sum(len(d['y']) for p in parts.values() for d in p)} tokens, "
        f"{len(parts['tune'])} tune / {len(parts['measure'])} measure documents, "
        f"layers {layers}, {time.time() - t0:.0f} s")

    if ARGS.finetune:
        return finetune(tok, parts)
    x = torch.cat([d["x"] for d in parts["tune"]])
    y = torch.cat([d["y"] for d in parts["tune"]])
    mean, std = x.mean(0), x.std(0) + 1e-5
    dim = x.shape[1]
    torch.manual_seed(ARGS.seed)
    if ARGS.hidden:
        head = torch.nn.Sequential(torch.nn.Linear(dim, ARGS.hidden), torch.nn.GELU(),
                                   torch.nn.Dropout(0.1), torch.nn.Linear(ARGS.hidden, len(LABELS)))
    else:
        head = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(dim, len(LABELS)))
    opt = torch.optim.AdamW(head.parameters(), lr=ARGS.lr, weight_decay=ARGS.wd)
    xn = (x - mean) / std
    for ep in range(ARGS.epochs):
        head.train()
        perm = torch.randperm(len(y))
        tot = 0.0
        for i in range(0, len(y), 512):
            b = perm[i:i + 512]
            loss = torch.nn.functional.cross_entropy(head(xn[b]), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item() * len(b)
        if (ep + 1) % 5 == 0 or ep + 1 == ARGS.epochs:
            head.eval()
            res = {}
            for name, docs in parts.items():
                preds = []
                with torch.no_grad():
                    for d in docs:
                        lab = head((d["x"] - mean) / std).argmax(-1).tolist()
                        preds.append(decode(d["offs"], [LABELS[k] for k in lab]))
                res[name] = span_prf(docs, preds)
            row = " ".join(f"{n}:" + ",".join(f"{t}={v[2]:.3f}" for t, v in r.items())
                           for n, r in res.items())
            log(f"epoch {ep + 1} loss {tot / len(y):.4f} {row}")

    if ARGS.out:
        from safetensors.torch import save_file
        head.eval()
        # Fold the normalisation into the first linear layer: W (x - m) / s + b.
        lin = head[0] if ARGS.hidden else head[1]
        w = lin.weight.data / std
        b = lin.bias.data - (lin.weight.data * (mean / std)).sum(1)
        tensors = {"role_head.0.weight": w.contiguous(), "role_head.0.bias": b.contiguous()}
        if ARGS.hidden:
            tensors["role_head.1.weight"] = head[3].weight.data.contiguous()
            tensors["role_head.1.bias"] = head[3].bias.data.contiguous()
        out = os.path.join(ROOT, ARGS.out)
        save_file(tensors, os.path.join(out, "role_head.safetensors"))
        with open(os.path.join(out, "role_head.json"), "w", encoding="utf-8") as f:
            json.dump({"labels": LABELS, "layers": layers, "hidden": ARGS.hidden,
                       "activation": "gelu" if ARGS.hidden else None,
                       "trained_on": "written relations corpus, tuning part (corpus_part)",
                       "args": vars(ARGS)}, f, indent=1)
        log(f"wrote {out}/role_head.safetensors")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/rolegraph-ner")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "relations",
                                                     "corpus"))
    ap.add_argument("--layers", default="-1")
    ap.add_argument("--hidden", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--wd", type=float, default=1e-2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--finetune", type=int, default=0, help="epochs of training the encoder too")
    ap.add_argument("--out", default="")
    ap.add_argument("--log", default="")
    ARGS = ap.parse_args()
    main()
