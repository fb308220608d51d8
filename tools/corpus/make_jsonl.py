#!/usr/bin/env python3
"""Writes a mixed-language JSON-lines corpus for measuring `rolegraph extract` in corpus mode.

    python3 tools/corpus/make_jsonl.py --out /tmp/corpus.jsonl [--docs 2000] [--seed 14]

Documents, in a shuffled but seeded order:
- every press release of the written relations corpus (`<shared>/data/relations/corpus/*.json`:
  its `id`, `text`, `lang`);
- pseudo-documents of 4-14 consecutive sentences of the NER data (`<shared>/data/ner/wikineural/<lang>/
  val.conllu` and `conll/<lang>/val.conllu`; tokens joined with spaces, no space before closing
  punctuation), ids `ner-<corpus>-<lang>-<n>`, until `--docs` documents in all;
- then a few broken lines at fixed positions, not counted in `--docs`: invalid JSON, a record without
  `text`, invalid UTF-8 bytes, a `text` that is a number, a blank line.

Prints the line count, the number of documents and the whitespace-word count to stderr.
"""
import argparse
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't"}
NO_SPACE_AFTER = {"(", "[", "{", "«", "d'", "l'", "j'", "qu'", "n'", "s'", "c'", "dell'", "all'"}


def sentences(path):
    """Sentences of a CoNLL-like file as lists of tokens."""
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            token = cols[1] if len(cols) >= 3 else cols[0]
            if token == "-DOCSTART-":
                continue
            sent.append(token)
    if sent:
        yield sent


def detok(tokens):
    out = ""
    for t in tokens:
        if out and t not in NO_SPACE_BEFORE and not out.endswith(tuple(NO_SPACE_AFTER)):
            out += " "
        out += t
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--shared", default=SHARED)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    docs = []
    for path in sorted(glob.glob(os.path.join(args.shared, "data/relations/corpus/*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        if isinstance(d, dict) and isinstance(d.get("text"), str):
            rec = {"id": d.get("id") or os.path.basename(path)[:-5], "text": d["text"]}
            if d.get("lang"):
                rec["lang"] = d["lang"]
            docs.append(rec)

    files = sorted(glob.glob(os.path.join(args.shared, "data/ner/wikineural/*/val.conllu")))
    files += sorted(glob.glob(os.path.join(args.shared, "data/ner/conll/*/val.conllu")))
    pools = []
    for path in files:
        corpus = path.split(os.sep)[-3]
        lang = path.split(os.sep)[-2]
        pools.append((corpus, lang, sentences(path)))
    need = max(0, args.docs - len(docs))
    n = 0
    while n < need and pools:
        for corpus, lang, it in list(pools):
            if n >= need:
                break
            sents = []
            for _ in range(rng.randint(4, 14)):
                s = next(it, None)
                if s is None:
                    pools.remove((corpus, lang, it))
                    break
                sents.append(detok(s))
            if sents:
                docs.append({"id": f"ner-{corpus}-{lang}-{n:04d}", "text": " ".join(sents), "lang": lang})
                n += 1
    docs = docs[: args.docs]
    rng.shuffle(docs)

    lines = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in docs]
    broken = [
        b'{"id": "broken-json", "text": "unterminated',
        b'{"id": "no-text", "lang": "en"}',
        b'{"id": "bad-utf8", "text": "caf\xe9 \xff"}',
        b'{"id": "text-number", "text": 42}',
        b"",
    ]
    for i, b in enumerate(broken):
        lines.insert(min(len(lines), (i + 1) * len(lines) // (len(broken) + 1)), b)
    with open(args.out, "wb") as f:
        for line in lines:
            f.write(line + b"\n")
    words = sum(len(d["text"].split()) for d in docs)
    print(f"{args.out}: {len(lines)} lines, {len(docs)} documents, {len(broken)} broken lines, "
          f"{words} words", file=sys.stderr)


if __name__ == "__main__":
    main()
