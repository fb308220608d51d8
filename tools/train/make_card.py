#!/usr/bin/env python3
"""Write models/rolegraph-ner/README.md (model card) from training_metrics.json (+ optional full eval json).

    python3 tools/train/make_card.py --model models/rolegraph-ner [--full-eval eval_full.json] [--notes notes.md]
"""
import argparse
import json
import os


def fmt_table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/rolegraph-ner")
    ap.add_argument("--full-eval", default="")
    ap.add_argument("--notes", default="", help="markdown file appended (experiment log etc.)")
    ap.add_argument("--command", default="")
    args = ap.parse_args()
    m = json.load(open(os.path.join(args.model, "training_metrics.json")))
    a = m["args"]
    best = m["best"]
    size_mb = os.path.getsize(os.path.join(args.model, "model.safetensors")) / 1e6
    tok_mb = os.path.getsize(os.path.join(args.model, "tokenizer.json")) / 1e6
    ev = json.load(open(args.full_eval)) if args.full_eval else m["eval_detail"]
    evmax = ev.get("eval_max", a.get("eval_max"))
    cmd = args.command or ("python3 tools/train/train.py --out models/rolegraph-ner" )

    lang_rows = []
    for lang, f in ev["langs"].items():
        sets = [k for k in ev["sets"] if k.split("/")[1].split(".")[0] == lang]
        lang_rows.append([lang, f"{f*100:.1f}"] + ["; ".join(f"{k} {ev['sets'][k]['f1']*100:.1f}" for k in sets)])
    type_rows = [[t, f"{f*100:.1f}"] for t, f in ev["types"].items()]
    set_rows = []
    for k, v in ev["sets"].items():
        set_rows.append([k, f"{v['p']*100:.1f}", f"{v['r']*100:.1f}", f"{v['f1']*100:.1f}", v["n_gold"],
                         " ".join(f"{t}:{x*100:.0f}" for t, x in v["types"].items())])
    hist_rows = [[h["step"], f"{h['epoch']:.2f}", f"{h['train_time_s']/60:.0f}", f"{h['tokens_per_s']:.0f}",
                  f"{h['mean_lang_f1']*100:.1f}"] + [f"{h['langs'][l]*100:.1f}" for l in sorted(h["langs"])]
                 for h in m["history"]]
    langs_sorted = sorted(m["history"][0]["langs"]) if m["history"] else []

    text = f"""# rolegraph-ner — default multilingual NER model of rolegraph

A small BERT-style token classifier (PER / ORG / LOC / MISC, IOB2) trained **from scratch** (no pretrained
weights) on public NER corpora in nine languages: de, en, es, fr, it, nl, pl, pt, ru.
Loaded by the Rust engine (candle) from `config.json`, `model.safetensors` and `tokenizer.json`.

**License note.** The training data include WikiNEuRal (CC BY-NC-SA 4.0). This model was trained on it,
so treat the weights as **non-commercial, share-alike** (CC BY-NC-SA 4.0). For a model free of that term,
retrain without WikiNEuRal: `python3 tools/train/train.py --no-wikineural --out <dir>` (French, Italian and
Portuguese then only come from the CC0 Europeana French newspapers, i.e. it/pt get no training data at all).

## Files

| file | what |
|---|---|
| `config.json` | `BertConfig`, `architectures: ["BertForTokenClassification"]`, `id2label` / `label2id` |
| `model.safetensors` | weights, **float16** storage ({size_mb:.1f} MB; upcast to f32 when loading), keys `bert.embeddings.*`, `bert.encoder.layer.N.*`, `classifier.*`, no pooler |
| `tokenizer.json` | HF `tokenizers` cased WordPiece ({tok_mb:.1f} MB), plus `tokenizer_config.json` / `special_tokens_map.json` for `transformers` |
| `training_metrics.json` | arguments, evaluation history, evaluation detail of the exported checkpoint |

Labels: `{json.dumps({int(k): v for k, v in json.load(open(os.path.join(args.model, 'config.json')))['id2label'].items()})}`.

## Architecture and size

BERT encoder, {a['layers']} layers, hidden {a['hidden']}, {a['heads']} heads, intermediate {a['intermediate']},
GELU, max positions 512 (**trained only on windows of ≤ {a['max_len']} subword tokens**; feed the model windows
of ≤ 128 tokens, e.g. sentences), type vocab 2, vocabulary {json.load(open(os.path.join(args.model, 'config.json')))['vocab_size']}.
Parameters: {m['params']:,} (≈{m['params']*2/1e6:.1f} MB in f16); of these {json.load(open(os.path.join(args.model, 'config.json')))['vocab_size']*a['hidden']:,} are word embeddings.
Token classification head = linear layer on the last hidden state; word label = label of the word's
**first subword** (`aggregation_strategy="first"`).

## Tokenizer

Cased WordPiece trained with `tokenizers` on the training text only (tokens joined by single spaces):
`BertNormalizer(clean_text, handle_chinese_chars, strip_accents=False, lowercase=False)`, `BertPreTokenizer`,
`[CLS] $A [SEP]` template, special tokens `[PAD] [UNK] [CLS] [SEP] [MASK]` (ids 0–4), WordPiece decoder (`##`),
vocab size {a['vocab']}, min frequency 2, alphabet limit 1000. Why {a['vocab']}: nine languages in Latin and
Cyrillic script share one vocabulary; 32k keeps the average at about {m['train_subword_tokens']/m['train_words']:.2f} subwords per word
(incl. [CLS]/[SEP]) — shorter sequences are cheaper on CPU and in the attention — while the embedding matrix
is still small (32k × 256 = 8.2M parameters, 16 MB in f16). A larger vocabulary would mostly add rarely-seen
embeddings for a from-scratch model trained on ~5M words.

## Data

| corpus | languages | used for training | held out for evaluation | license |
|---|---|---|---|---|
| WikiNEuRal (`wikineural/<lang>/val.conllu`) | de en es fr it nl pl pt ru | first 90% of each file (fr/it/pt repeated ×2) | last 10% of each file | CC BY-NC-SA 4.0 |
| CoNLL-2003 / CoNLL-2002 | de en / es nl | `train` | `val` | see the original CoNLL releases (Reuters / EFE / De Morgen text, research use) |
| WikiANN (PAN-X) | de en es nl pl ru | `train` | `val` (random 2000 sentences per language, seed 13) | see the original WikiANN release |
| Europeana Newspapers | fr nl de (3 files) | first 90% of the sentences of each file | last 10% | CC0 |

Details: `-DOCSTART-` skipped; Europeana converted IOB1→IOB2, noisy tags normalised (`B_PER`, `I-PEr`, …; unknown → O),
segmented at `.`/`!`/`?` tokens and capped at ~60 tokens. WikiANN and Europeana have **no MISC**: for their
sentences the loss on `O` tokens is computed with the `B-MISC`/`I-MISC` logits removed from the softmax, so the
model is never taught that a MISC-like span is O. {m['train_words']:,} training words
({m['train_subword_tokens']:,} subword tokens incl. [CLS]/[SEP], {m['train_chunks']:,} sequences, after upsampling) per epoch.
Nothing from `/work/shared/data/relations` is read.

Text reconstruction = run time: each sentence's tokens are joined with single spaces and tokenized by the
trained tokenizer (with offsets); the first subword of each pre-tokenizer word carries the label (if the
pre-tokenizer splits a corpus token, e.g. `U.S.` → `U . S .`, the later pieces get `I-X`), all other subwords are
ignored (-100). Sentences longer than {a['max_len']} subwords are split at word boundaries into several windows.

Augmentation: {a['case_aug']*100:.0f}% of the training sentences recased (2/3 lower-cased, 1/3 upper-cased).

## Training

Command (the one used for the shipped model):

```
{cmd}
```

AdamW (β=0.9/0.98, wd {a['wd']}), peak lr {a['lr']}, {a['warmup_steps']} warmup steps, then linear decay to 0;
batch {a['batch']} sequences from length-sorted buckets of shuffled, mixed-language data; dropout {a['dropout']};
label smoothing {a['smoothing']}; gradient clipping 1.0; seed {a['seed']}; fp32 on CPU.
Schedule: `--time-budget-min {a.get('time_budget_min')}` — the lr decay runs on max(step / steps of {a['epochs']} epochs,
elapsed / budget), so on this shared 2-core machine training stopped when the time budget was used.
Checkpoint selection: evaluation every {a.get('eval_every_min')} min on the held-out splits (≤ {a['eval_max']} sentences per set during
training), export of the checkpoint with the best mean per-language F1.

Exported checkpoint: step {best['step']} (epoch {best['epoch']:.2f}), {best['train_time_s']/60:.0f} min of training,
{best['tokens_seen']:,} subword tokens seen, **{best['tokens_per_s']:.0f} tokens/s** average training throughput
(2 CPU cores shared with concurrent Rust builds; 1 vs 2 OpenMP threads chosen adaptively; on an idle
machine the same model trains at ≈ 5k tokens/s).

## Validation results (held-out splits; entity-level exact-match micro F1, %)

Word-level predictions from the first subword; chunks decoded conlleval-style. For WikiANN and Europeana
(no MISC in the gold data) predicted MISC is mapped to O before scoring. Per-language = micro F1 over
all held-out sets of that language. Sentences per set: {"all held-out sentences (WikiANN: 2000)" if not evmax else f"≤ {evmax} (seeded sample)"}.
Mean over the nine languages: **{ev['mean_lang_f1']*100:.1f}**.

{fmt_table(lang_rows, ['lang', 'F1', 'per set'])}

Per type (micro over all sets; MISC only on sets with MISC annotation):

{fmt_table(type_rows, ['type', 'F1'])}

Per set:

{fmt_table(set_rows, ['set', 'P', 'R', 'F1', 'gold entities', 'per type F1'])}

WikiNEuRal labels are silver (automatic) and its held-out tail is from the same Wikipedia distribution as its
training part, so its numbers are optimistic; CoNLL `val` (gold, news) and Europeana (OCR'd historic news) are
the harder, more honest ones. These are validation splits used for checkpoint selection, not test sets.

## Training history (this run)

{fmt_table(hist_rows, ['step', 'epoch', 'min', 'tok/s', 'mean F1'] + langs_sorted)}
"""
    if args.notes and os.path.exists(args.notes):
        text += "\n" + open(args.notes).read()
    with open(os.path.join(args.model, "README.md"), "w") as f:
        f.write(text)
    print("wrote", os.path.join(args.model, "README.md"))


if __name__ == "__main__":
    main()
