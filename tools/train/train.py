#!/usr/bin/env python3
"""Train the default multilingual NER model of rolegraph (BERT-style token classifier, from scratch).

    python3 tools/train/train.py --out models/rolegraph-ner

Steps: load corpora (data.py) -> train a cased WordPiece tokenizer on the training text ->
encode sentences (tokens joined by single spaces, first-subword labelling) -> train
BertForTokenClassification -> evaluate on held-out splits after every epoch -> export the best
checkpoint (f16 safetensors + tokenizer.json) to --out.
"""
import argparse
import copy
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data as D  # noqa: E402

from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, decoders, trainers  # noqa: E402

LABELS = D.LABELS
L2I = {l: i for i, l in enumerate(LABELS)}
MISC_IDS = [L2I["B-MISC"], L2I["I-MISC"]]
DATE_IDS = [L2I["B-DATE"], L2I["I-DATE"]]


def removed_classes(ds, misc_mask=True):
    """Classes a set does not annotate: removed from the softmax on its O tokens."""
    out = torch.zeros(len(LABELS), dtype=torch.bool)
    if ds["no_misc"] and misc_mask:
        out[MISC_IDS] = True
    if ds.get("no_date", True):
        out[DATE_IDS] = True
    return out


def log(*a):
    msg = time.strftime("%H:%M:%S") + " " + " ".join(str(x) for x in a)
    print(msg, flush=True)


# ---------------------------------------------------------------- tokenizer
def train_tokenizer(texts, vocab_size, min_frequency=2):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True,
                                                strip_accents=False, lowercase=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece(prefix="##")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tr = trainers.WordPieceTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                   special_tokens=specials, continuing_subword_prefix="##",
                                   limit_alphabet=1000)
    tok.train_from_iterator(texts, trainer=tr, length=len(texts))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    return tok


# ---------------------------------------------------------------- encoding
def encode_sents(tok, sents, max_len):
    """Encode sentences; returns a list of chunks (ids, labels, word_index) and, per sentence,
    the list of (chunk_idx, position) of the first subword of each corpus token (or None).

    labels: first subword of every pre-tokenizer word gets a label, others -100.  If a corpus
    token is split by the pre-tokenizer into several words, the first word gets the token's tag,
    the later ones I-X (or O)."""
    texts = [" ".join(t) for t, _ in sents]
    encs = tok.encode_batch(texts, add_special_tokens=False)
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    chunks = []      # (ids, labels)
    sent_map = []    # per sentence: list of (chunk, pos) per corpus token
    body = max_len - 2
    for (toks, tags), text, enc in zip(sents, texts, encs):
        # char -> corpus token index
        c2t = np.empty(len(text), dtype=np.int32)
        p = 0
        for i, t in enumerate(toks):
            c2t[p:p + len(t)] = i
            if p + len(t) < len(text):
                c2t[p + len(t)] = -1
            p += len(t) + 1
        ids = enc.ids
        wids = enc.word_ids
        offs = enc.offsets
        labels = [-100] * len(ids)
        first_pos = [None] * len(toks)
        prev_w = None
        for j, (w, (s, e)) in enumerate(zip(wids, offs)):
            if w is None or w == prev_w:
                prev_w = w
                continue
            prev_w = w
            if s >= len(text):
                continue
            ti = int(c2t[s])
            if ti < 0:
                continue
            tag = tags[ti]
            if first_pos[ti] is None:
                first_pos[ti] = j
                labels[j] = L2I[tag] if tag in L2I else 0
            else:
                labels[j] = 0 if tag == "O" else L2I["I-" + tag[2:]]
        # split into chunks at word starts
        starts = [j for j in range(len(ids)) if j == 0 or wids[j] != wids[j - 1]]
        bounds = []
        a = 0
        while a < len(ids):
            b = min(a + body, len(ids))
            if b < len(ids):
                cand = [s for s in starts if a < s <= b]
                if cand:
                    b = cand[-1]
            bounds.append((a, b))
            a = b
        pos2chunk = {}
        for (a, b) in bounds:
            ci = len(chunks)
            chunks.append(([cls] + ids[a:b] + [sep], [-100] + labels[a:b] + [-100]))
            for j in range(a, b):
                pos2chunk[j] = (ci, j - a + 1)
        sent_map.append([pos2chunk.get(fp) if fp is not None else None for fp in first_pos])
    return chunks, sent_map


def swap_entities(toks, tags, pools, rng):
    """Replace every entity mention by a random mention of the same type from `pools`
    (IOB2 tags rebuilt for the new lengths)."""
    out_t, out_g, i = [], [], 0
    for typ, a, b in D.get_entities(tags):
        out_t += toks[i:a]; out_g += tags[i:a]
        new = rng.choice(pools[typ]) if typ in pools else toks[a:b]
        out_t += new; out_g += ["B-" + typ] + ["I-" + typ] * (len(new) - 1)
        i = b
    out_t += toks[i:]; out_g += tags[i:]
    return out_t, out_g


# ---------------------------------------------------------------- batching
def make_batches(lengths, batch_size, rng, bucket_batches=50):
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    batches = []
    span = batch_size * bucket_batches
    for k in range(0, len(idx), span):
        grp = sorted(idx[k:k + span], key=lambda i: lengths[i])
        for m in range(0, len(grp), batch_size):
            batches.append(grp[m:m + batch_size])
    rng.shuffle(batches)
    return batches


def collate(items, pad_id, with_mask=None):
    L = max(len(x[0]) for x in items)
    n = len(items)
    ids = torch.full((n, L), pad_id, dtype=torch.long)
    lab = torch.full((n, L), -100, dtype=torch.long)
    att = torch.zeros((n, L), dtype=torch.long)
    for i, (a, b) in enumerate(items):
        ids[i, :len(a)] = torch.tensor(a)
        lab[i, :len(b)] = torch.tensor(b)
        att[i, :len(a)] = 1
    return ids, lab, att


def loss_fn(logits, labels, removed, eps):
    """Cross-entropy with label smoothing; `removed` [batch, classes] marks the classes a
    sentence's corpus does not annotate (MISC in wikiann/europeana, DATE everywhere but the
    relations corpus): they are removed from the softmax on tokens labelled O, so predicting
    them there is not penalised."""
    valid = labels != -100
    lg = logits[valid]
    lb = labels[valid]
    rm = removed.unsqueeze(1).expand(-1, labels.size(1), -1)[valid]
    allowed = ~(rm & (lb == 0).unsqueeze(1))
    lg = lg.masked_fill(~allowed, -1e4)
    lp = F.log_softmax(lg, dim=-1)
    nll = -lp.gather(1, lb.unsqueeze(1)).squeeze(1)
    if eps > 0:
        smooth = -(lp * allowed).sum(-1) / allowed.sum(-1)
        loss = (1 - eps) * nll + eps * smooth
    else:
        loss = nll
    return loss.mean()


# ---------------------------------------------------------------- evaluation
@torch.no_grad()
def predict_chunks(model, chunks, pad_id, batch_size=64):
    model.eval()
    order = sorted(range(len(chunks)), key=lambda i: len(chunks[i][0]))
    preds = [None] * len(chunks)
    for k in range(0, len(order), batch_size):
        b = order[k:k + batch_size]
        ids, _, att = collate([chunks[i] for i in b], pad_id)
        logits = model(input_ids=ids, attention_mask=att).logits
        am = logits.argmax(-1).tolist()
        for r, i in enumerate(b):
            preds[i] = am[r]
    model.train()
    return preds


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(model, evsets, pad_id):
    """Entity-level exact-match micro F1 on word (corpus token) level, first-subword prediction.
    For corpora without MISC annotation (wikiann, europeana) predicted MISC is mapped to O."""
    res = {}
    lang_counts = {}
    type_counts = {t: [0, 0, 0] for t in D.TYPES}
    for ev in evsets:
        preds = predict_chunks(model, ev["chunks"], pad_id)
        cnt = [0, 0, 0]
        tcnt = {t: [0, 0, 0] for t in D.TYPES}
        for (toks, gold), smap in zip(ev["sents"], ev["map"]):
            ptags = []
            for m in smap:
                lab = "O" if m is None else LABELS[preds[m[0]][m[1]]]
                if (ev["no_misc"] and lab.endswith("MISC")) or (ev["no_date"] and lab.endswith("DATE")):
                    lab = "O"
                ptags.append(lab)
            ge = set(D.get_entities(gold))
            pe = set(D.get_entities(ptags))
            tp = ge & pe
            cnt[0] += len(tp); cnt[1] += len(pe); cnt[2] += len(ge)
            for t in D.TYPES:
                tcnt[t][0] += sum(1 for x in tp if x[0] == t)
                tcnt[t][1] += sum(1 for x in pe if x[0] == t)
                tcnt[t][2] += sum(1 for x in ge if x[0] == t)
        p, r, f = prf(*cnt)
        res[ev["name"]] = dict(p=p, r=r, f1=f, n_gold=cnt[2],
                               types={t: prf(*tcnt[t])[2] for t in D.TYPES if tcnt[t][2]})
        lc = lang_counts.setdefault(ev["lang"], [0, 0, 0])
        for i in range(3):
            lc[i] += cnt[i]
        for t in D.TYPES:
            if (ev["no_misc"] and t == "MISC") or (ev["no_date"] and t == "DATE"):
                continue
            for i in range(3):
                type_counts[t][i] += tcnt[t][i]
    langs = {l: prf(*c)[2] for l, c in sorted(lang_counts.items())}
    types = {t: prf(*c)[2] for t, c in type_counts.items()}
    mean = sum(langs.values()) / len(langs)
    return dict(sets=res, langs=langs, types=types, mean_lang_f1=mean)


# ---------------------------------------------------------------- export
def export(model, tok_fast, out_dir, meta):
    from transformers import BertForTokenClassification  # noqa
    os.makedirs(out_dir, exist_ok=True)
    m = copy.deepcopy(model).half()
    m.save_pretrained(out_dir, safe_serialization=True)
    tok_fast.save_pretrained(out_dir)
    with open(os.path.join(out_dir, "training_metrics.json"), "w") as f:
        json.dump(meta, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data/ner")
    ap.add_argument("--out", default="models/rolegraph-ner")
    ap.add_argument("--workdir", default="tools/train/work", help="logs/checkpoints (git-ignored)")
    ap.add_argument("--no-wikineural", action="store_true",
                    help="do not train on WikiNEuRal (CC BY-NC-SA); it is still used for evaluation")
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--epochs", type=float, default=3.5)
    ap.add_argument("--lr", type=float, default=8e-4)
    ap.add_argument("--warmup", type=float, default=0.04, help="fraction of steps")
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--smoothing", type=float, default=0.05)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--upsample", default="wikineural/fr:2,wikineural/it:2,wikineural/pt:2",
                    help="name:factor,... training-set repetition factors")
    ap.add_argument("--case-aug", type=float, default=0.03,
                    help="fraction of training sentences recased (2/3 lower, 1/3 upper)")
    ap.add_argument("--entity-upper", type=float, default=0.0,
                    help="fraction of training sentences where one entity mention is written in capitals "
                         "(headlines, datelines, 'WASHINGTON D.C.')")
    ap.add_argument("--dateline", type=float, default=0.0,
                    help="fraction of training sentences prefixed by a news dateline: a location from the "
                         "training data in capitals and a comma ('PARIS, ...'), labelled LOC")
    ap.add_argument("--entity-swap", type=float, default=0.0,
                    help="fraction of training sentences whose entity mentions are each replaced by a random "
                         "mention of the same type from the same corpus and language (mention substitution: "
                         "more names in more contexts, less memorisation of the pairs seen)")
    ap.add_argument("--relations-corpus", default="",
                    help="also train on the tuning part of this written relations corpus (adds DATE)")
    ap.add_argument("--relations-upsample", type=float, default=1.0,
                    help="repeat factor of the relations corpus sets")
    ap.add_argument("--init", default="",
                    help="continue from an exported model directory: reuse its tokenizer and weights "
                         "(the LR schedule restarts with --lr/--warmup-steps)")
    ap.add_argument("--no-misc-mask", action="store_true", help="disable MISC masking for wikiann/europeana")
    ap.add_argument("--evals-per-epoch", type=int, default=2)
    ap.add_argument("--eval-max", type=int, default=1000, help="max sentences per held-out set (seeded sample)")
    ap.add_argument("--deadline", default="", help="UTC HH:MM: evaluate/export and stop when reached")
    ap.add_argument("--time-budget-min", type=float, default=0,
                    help="if >0: the LR schedule runs on max(step/total_steps, elapsed/budget), "
                         "training stops when either reaches 1 (for shared/slow machines)")
    ap.add_argument("--warmup-steps", type=int, default=500)
    ap.add_argument("--eval-every-min", type=float, default=0, help="if >0: evaluate every N minutes instead")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-steps", type=int, default=0, help="debug: stop after N steps")
    ap.add_argument("--subsample", type=float, default=1.0, help="debug: fraction of training data")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    os.makedirs(args.workdir, exist_ok=True)
    log("args", json.dumps(vars(args)))
    t0 = time.time()

    trainsets, evsets = D.load_all(args.data, use_wikineural=not args.no_wikineural,
                                   relations_corpus=args.relations_corpus or None)
    if args.relations_upsample != 1.0:
        args.upsample = ",".join(filter(None, [args.upsample] + [
            f"{ds['name']}:{args.relations_upsample}" for ds in trainsets if ds["corpus"] == "relations"]))
    for ev in evsets:
        if args.eval_max and len(ev["sents"]) > args.eval_max:
            ev["sents"] = random.Random(args.seed).sample(ev["sents"], args.eval_max)
    deadline = None
    if args.deadline:
        import datetime as _dt
        now = _dt.datetime.utcnow()
        hh, mm = map(int, args.deadline.split(":"))
        dl = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        deadline = time.time() + (dl - now).total_seconds()
    rng = random.Random(args.seed)
    if args.subsample < 1:
        for ds in trainsets:
            ds["sents"] = ds["sents"][: max(1, int(len(ds["sents"]) * args.subsample))]
    log("loaded", sum(len(d["sents"]) for d in trainsets), "train sents;",
        sum(len(d["sents"]) for d in evsets), "eval sents", f"{time.time()-t0:.0f}s")

    from transformers import BertTokenizerFast
    if args.init:
        tok = Tokenizer.from_file(os.path.join(args.init, "tokenizer.json"))
    else:
        # tokenizer: training text only (original casing, before augmentation)
        texts = [" ".join(t) for ds in trainsets for t, _ in ds["sents"]]
        tok = train_tokenizer(texts, args.vocab)
        del texts
    tok_fast = BertTokenizerFast(tokenizer_object=tok, do_lower_case=False, strip_accents=False,
                                 tokenize_chinese_chars=True, model_max_length=512,
                                 unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]",
                                 cls_token="[CLS]", mask_token="[MASK]")
    pad_id = tok.token_to_id("[PAD]")
    log("tokenizer vocab", tok.get_vocab_size(), f"{time.time()-t0:.0f}s")

    # training examples
    ups = {}
    for kv in filter(None, args.upsample.split(",")):
        k, v = kv.split(":")
        ups[k] = float(v)
    train_chunks, train_removed = [], []
    n_words = 0
    places = []
    if args.dateline > 0:
        for ds in trainsets:
            for toks, tags in ds["sents"]:
                for typ, a, b in D.get_entities(tags):
                    if typ == "LOC" and b - a < 3:
                        places.append(toks[a:b])
        log("dateline places", len(places))
    for ds in trainsets:
        sents = ds["sents"]
        pools = {}
        if args.entity_swap > 0:
            for toks, tags in sents:
                for typ, a, b in D.get_entities(tags):
                    if b - a <= 6:
                        pools.setdefault(typ, []).append(toks[a:b])
        aug = []
        for toks, tags in sents:
            if pools and rng.random() < args.entity_swap:
                toks, tags = swap_entities(toks, tags, pools, rng)
            u = rng.random()
            if u < args.case_aug * 2 / 3:
                toks = [t.lower() for t in toks]
            elif u < args.case_aug:
                toks = [t.upper() for t in toks]
            elif u < args.case_aug + args.entity_upper:
                ents = D.get_entities(tags)
                if ents:
                    _, a, b = rng.choice(ents)
                    toks = toks[:a] + [t.upper() for t in toks[a:b]] + toks[b:]
            if places and rng.random() < args.dateline:
                place = [t.upper() for t in rng.choice(places)]
                toks = place + [","] + list(toks)
                tags = ["B-LOC"] + ["I-LOC"] * (len(place) - 1) + ["O"] + list(tags)
            aug.append((toks, tags))
        chunks, _ = encode_sents(tok, aug, args.max_len)
        f = ups.get(ds["name"], 1.0)
        reps = int(f) + (1 if rng.random() < f - int(f) else 0)
        for _ in range(reps):
            train_chunks.extend(chunks)
            train_removed.extend([removed_classes(ds, not args.no_misc_mask)] * len(chunks))
        n_words += reps * sum(len(s[0]) for s in sents)
    n_sub = sum(len(c[0]) for c in train_chunks)
    log("train chunks", len(train_chunks), "words", n_words, "subword tokens", n_sub,
        f"({n_sub/n_words:.2f}/word)", f"{time.time()-t0:.0f}s")
    for ev in evsets:
        ev["chunks"], ev["map"] = encode_sents(tok, ev["sents"], args.max_len)
    log("eval encoded", f"{time.time()-t0:.0f}s")

    from transformers import BertConfig, BertForTokenClassification
    cfg = BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=args.hidden,
                     num_hidden_layers=args.layers, num_attention_heads=args.heads,
                     intermediate_size=args.intermediate, max_position_embeddings=512,
                     type_vocab_size=2, hidden_dropout_prob=args.dropout,
                     attention_probs_dropout_prob=args.dropout, pad_token_id=pad_id,
                     num_labels=len(LABELS), id2label={i: l for i, l in enumerate(LABELS)},
                     label2id=dict(L2I), architectures=["BertForTokenClassification"])
    if args.init:
        model = BertForTokenClassification.from_pretrained(args.init, torch_dtype=torch.float32)
        old = [model.config.id2label[i] for i in range(model.config.num_labels)]
        assert LABELS[:len(old)] == old, old
        if len(old) < len(LABELS):
            # new labels (DATE): the old classifier rows are kept, the new ones start at zero with
            # the bias of O minus a margin, so the model predicts as before until trained
            head = torch.nn.Linear(model.config.hidden_size, len(LABELS))
            with torch.no_grad():
                head.weight.zero_(); head.bias.zero_()
                head.weight[:len(old)] = model.classifier.weight
                head.bias[:len(old)] = model.classifier.bias
                head.bias[len(old):] = model.classifier.bias[0] - 4.0
            model.classifier = head
            model.num_labels = len(LABELS)
            model.config.num_labels = len(LABELS)
            model.config.id2label = {i: l for i, l in enumerate(LABELS)}
            model.config.label2id = dict(L2I)
            log("classifier extended", old, "->", LABELS)
        model.config.hidden_dropout_prob = args.dropout
    else:
        model = BertForTokenClassification(cfg)
    n_params = sum(p.numel() for p in model.parameters())
    log("params", n_params)

    lengths = [len(c[0]) for c in train_chunks]
    steps_per_epoch = math.ceil(len(train_chunks) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    warm = args.warmup_steps if args.warmup_steps else max(1, int(total * args.warmup))
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if n.endswith("bias") or "LayerNorm" in n else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.wd},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.98), eps=1e-6, foreach=True)
    budget_s = args.time_budget_min * 60

    def progress(s):
        p = s / total
        if budget_s > 0:
            p = max(p, (time.time() - t_train) / budget_s)
        return min(1.0, p)

    def set_lr(s):
        f = min(1.0, (s + 1) / warm) * max(0.0, 1.0 - progress(s))
        for g in opt.param_groups:
            g["lr"] = args.lr * f
        return args.lr * f
    log("steps/epoch", steps_per_epoch, "total steps", total, "warmup", warm)

    eval_every = max(1, steps_per_epoch // args.evals_per_epoch)
    best = -1.0
    history = []
    step = 0
    tok_seen = 0
    t_train = time.time()
    t_last_eval = t_train
    thr_win_t, thr_win_tok, thr_rates = None, 0, {}
    t_log = time.time(); tok_log = 0; loss_acc = 0.0; n_acc = 0
    removed_t = torch.stack(train_removed)
    model.train()
    epoch = 0
    done = False
    while not done:
        batches = make_batches(lengths, args.batch, rng)
        for b in batches:
            ids, lab, att = collate([train_chunks[i] for i in b], pad_id)
            # adaptive thread count: on a shared 2-core machine (parallel Rust builds) OpenMP with 2
            # threads can be far slower than 1; every 300 steps try the other setting for 25 steps.
            if args.threads > 1 and step % 25 == 0:
                now_t = time.time()
                if thr_win_t is not None:
                    rate = thr_win_tok / (now_t - thr_win_t)
                    thr_rates[torch.get_num_threads()] = rate
                if step % 300 == 0 and step > 0:
                    other = 1 if torch.get_num_threads() > 1 else args.threads
                    thr_keep = torch.get_num_threads()
                    torch.set_num_threads(other)
                elif step % 300 == 25 and step > 25:
                    best_thr = max(thr_rates, key=thr_rates.get)
                    torch.set_num_threads(best_thr)
                    log("threads rates", {k: round(v) for k, v in thr_rates.items()}, "-> use", best_thr)
                thr_win_t = time.time(); thr_win_tok = 0
            cur_lr = set_lr(step)
            logits = model(input_ids=ids, attention_mask=att).logits
            loss = loss_fn(logits, lab, removed_t[b], args.smoothing)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            ntok = int(att.sum()); tok_seen += ntok; tok_log += ntok; thr_win_tok += ntok
            loss_acc += loss.item(); n_acc += 1
            if step % 50 == 0:
                dt = time.time() - t_log
                log(f"step {step}/{total} ep {step/steps_per_epoch:.2f} loss {loss_acc/n_acc:.4f} "
                    f"lr {cur_lr:.2e} prog {progress(step):.3f} {tok_log/dt:.0f} tok/s (padded {ids.numel()/max(1,ntok):.2f}x)")
                t_log = time.time(); tok_log = 0; loss_acc = 0.0; n_acc = 0
            hit_deadline = deadline is not None and time.time() > deadline
            if hit_deadline:
                log("deadline reached: final eval/export at step", step)
                total = step
            if budget_s > 0 and progress(step) >= 1.0:
                log("time budget used: final eval/export at step", step)
                total = step
            due = (time.time() - t_last_eval > args.eval_every_min * 60) if args.eval_every_min > 0 \
                else (step % eval_every == 0)
            if due or step == total:
                t_last_eval = time.time()
                te = time.time()
                r = evaluate(model, evsets, pad_id)
                train_time = time.time() - t_train
                rec = dict(step=step, epoch=step / steps_per_epoch, mean_lang_f1=r["mean_lang_f1"],
                           langs=r["langs"], types=r["types"],
                           sets={k: round(v["f1"], 4) for k, v in r["sets"].items()},
                           train_time_s=train_time, tokens_seen=tok_seen,
                           tokens_per_s=tok_seen / train_time)
                history.append(rec)
                log(f"EVAL step {step} mean_lang_f1 {r['mean_lang_f1']:.4f} ({time.time()-te:.0f}s)")
                log("  langs", json.dumps({k: round(v, 4) for k, v in r["langs"].items()}))
                log("  types", json.dumps({k: round(v, 4) for k, v in r["types"].items()}))
                log("  sets", json.dumps(rec["sets"]))
                with open(os.path.join(args.workdir, "history.json"), "w") as f:
                    json.dump(history, f, indent=1)
                if r["mean_lang_f1"] > best:
                    best = r["mean_lang_f1"]
                    meta = dict(args=vars(args), params=n_params, best=rec, eval_detail=r,
                                history=history, train_chunks=len(train_chunks), train_words=n_words,
                                train_subword_tokens=n_sub)
                    export(model, tok_fast, args.out, meta)
                    log(f"  exported best -> {args.out}")
            if step >= total:
                done = True
                break
        epoch += 1
    log("done", f"train {time.time()-t_train:.0f}s total {time.time()-t0:.0f}s best {best:.4f}")


if __name__ == "__main__":
    main()
