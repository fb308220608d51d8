"""Loading and splitting of the NER corpora under /work/shared/data/ner.

Every corpus is turned into a list of sentences ``(tokens, tags)`` with IOB2 tags over
the label set PER/ORG/LOC/MISC.  Held-out parts (never trained on):
  * wikineural/<lang>/val.conllu : last 10% of the sentences of each file
  * europeana/*.bio              : last 10% of the (segmented) sentences of each file
  * conll/<lang>/val.conllu, wikiann/<lang>/val.conllu (the latter subsampled)
The written relations corpus (/work/shared/data/relations/corpus) is read only when asked
(``read_relations_corpus``), and only its tuning part (``corpus_part``); its measure-only part and
the real documents of relations/dev are never trained on.
"""
import glob
import json
import os
import random
import re

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "B-DATE",
          "I-DATE"]
TYPES = ("PER", "ORG", "LOC", "MISC", "DATE")
WIKINEURAL_LANGS = ["de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru"]
CONLL_LANGS = ["de", "en", "es", "nl"]
WIKIANN_LANGS = ["de", "en", "es", "nl", "pl", "ru"]
EUROPEANA = {"fr.bnf": "fr", "nl.kb": "nl", "de.lft": "de", "de.onb": "de", "de.sbb": "de"}


def norm_tag(tag):
    """Normalise noisy tags (e.g. 'B_PER', 'I-PEr', 'B.LOC'); unknown types become O."""
    t = tag.strip().upper().replace("_", "-").replace(".", "-")
    if t == "O" or len(t) < 3 or t[1] != "-" or t[0] not in "BI":
        return "O"
    if t[2:] not in TYPES:
        return "O"
    return t


def to_iob2(tags):
    """IOB1 -> IOB2 (also a no-op repair for IOB2 input): I-X not preceded by X starts a new entity."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_conllu(path):
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, to_iob2(tags)))
                toks, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                continue
            tok, tag = parts[1], parts[2]
            if tok == "-DOCSTART-":
                continue
            if not tok.strip():
                continue
            toks.append(tok)
            tags.append(norm_tag(tag))
    if toks:
        sents.append((toks, to_iob2(tags)))
    return sents


def read_bio(path, max_len=60):
    """Europeana: 'token tag' lines, IOB1, no sentence breaks.  Segment at . ! ? and cap at max_len."""
    toks, tags = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            toks.append(" ".join(parts[:-1]) if len(parts) > 2 else parts[0])
            tags.append(norm_tag(parts[-1]))
    tags = to_iob2(tags)
    sents, cur_t, cur_g = [], [], []
    for i, (tok, tag) in enumerate(zip(toks, tags)):
        cur_t.append(tok)
        cur_g.append(tag)
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        end = tok in (".", "!", "?") and not nxt.startswith("I-")
        # cap: break only outside an entity if possible
        if len(cur_t) >= max_len and not nxt.startswith("I-"):
            end = True
        if len(cur_t) >= 2 * max_len:
            end = True
        if end:
            sents.append((cur_t, to_iob2(cur_g)))
            cur_t, cur_g = [], []
    if cur_t:
        sents.append((cur_t, to_iob2(cur_g)))
    # the tokens are joined with single spaces later: drop tokens containing whitespace oddities
    out = []
    for t, g in sents:
        t2 = [re.sub(r"\s+", "", x) for x in t]
        keep = [(a, b) for a, b in zip(t2, g) if a]
        if keep:
            out.append(([a for a, _ in keep], to_iob2([b for _, b in keep])))
    return out


def corpus_part(doc_id):
    """The fixed split of the written relations corpus: FNV-1a (32 bit) of the id's UTF-8 bytes,
    modulo 5; 0 is the measure-only part, the rest the tuning part. The Rust side
    (`rolegraph eval-relations --split`) uses the same rule."""
    h = 0x811C9DC5
    for b in doc_id.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return "measure" if h % 5 == 0 else "tune"


WORD_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)  # as BERT's pre-tokenizer: punctuation apart


def doc_sentences(text, entities, max_words=60):
    """Cut a gold document into sentences of (tokens, IOB2 tags): words and punctuation marks from
    WORD_RE, a tag from the gold entity covering a token (a token only partly inside an entity, as in
    hyphenated compounds, takes the entity's tag when it starts inside it). Sentences end at line
    breaks and at . ! ? before a capital; long ones are cut outside entities."""
    toks = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
    tags = ["O"] * len(toks)
    ents = sorted(entities, key=lambda e: e["start"])
    j = 0
    for i, (s, e) in enumerate(toks):
        while j < len(ents) and ents[j]["end"] <= s:
            j += 1
        if j < len(ents) and ents[j]["start"] <= s < ents[j]["end"]:
            first = i == 0 or toks[i - 1][1] <= ents[j]["start"]
            tags[i] = ("B-" if first else "I-") + ents[j]["type"]
    tags = to_iob2(tags)
    sents, cur = [], []
    for i, (s, e) in enumerate(toks):
        cur.append(i)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        inside = nxt is not None and tags[i + 1].startswith("I-")
        end = nxt is None or "\n" in text[e:nxt[0]]
        if not end and not inside and text[s:e] in ".!?" and text[nxt[0]:nxt[1]][:1].isupper():
            end = True
        if not end and len(cur) >= max_words and not inside:
            end = True
        if end:
            sents.append(([text[toks[k][0]:toks[k][1]] for k in cur], [tags[k] for k in cur]))
            cur = []
    return sents


def read_relations_corpus(root, part="tune"):
    """Sentences of the written relations corpus documents in `part`, grouped by language:
    {lang: [(tokens, tags), ...]}."""
    out = {}
    for fn in sorted(glob.glob(os.path.join(root, "*.json"))):
        with open(fn, encoding="utf-8") as f:
            d = json.load(f)
        if corpus_part(d["id"]) != part:
            continue
        out.setdefault(d["lang"], []).extend(doc_sentences(d["text"], d["entities"]))
    return out


def load_all(root, use_wikineural=True, use_conll=True, use_wikiann=True, use_europeana=True,
             wikiann_val_max=2000, seed=13, relations_corpus=None):
    """Return (train_sets, eval_sets): lists of dicts with name, lang, corpus, no_misc, no_date,
    sents. Only the relations corpus annotates DATE."""
    rng = random.Random(seed)
    train, evals = [], []

    def add(lst, name, lang, corpus, sents, no_misc):
        lst.append(dict(name=name, lang=lang, corpus=corpus, sents=sents, no_misc=no_misc,
                        no_date=corpus != "relations"))

    if relations_corpus:
        for lang, sents in sorted(read_relations_corpus(relations_corpus).items()):
            add(train, f"relations/{lang}", lang, "relations", sents, False)

    # WikiNEuRal is always used for *evaluation* (held-out tail); only trained on when enabled.
    for lang in WIKINEURAL_LANGS:
        s = read_conllu(os.path.join(root, "wikineural", lang, "val.conllu"))
        cut = int(len(s) * 0.9)
        if use_wikineural:
            add(train, f"wikineural/{lang}", lang, "wikineural", s[:cut], False)
        add(evals, f"wikineural/{lang}", lang, "wikineural", s[cut:], False)
    for lang in CONLL_LANGS:
        if use_conll:
            add(train, f"conll/{lang}", lang, "conll",
                read_conllu(os.path.join(root, "conll", lang, "train.conllu")), False)
        add(evals, f"conll/{lang}", lang, "conll",
            read_conllu(os.path.join(root, "conll", lang, "val.conllu")), False)
    for lang in WIKIANN_LANGS:
        if use_wikiann:
            add(train, f"wikiann/{lang}", lang, "wikiann",
                read_conllu(os.path.join(root, "wikiann", lang, "train.conllu")), True)
        v = read_conllu(os.path.join(root, "wikiann", lang, "val.conllu"))
        if wikiann_val_max and len(v) > wikiann_val_max:
            v = random.Random(seed).sample(v, wikiann_val_max)
        add(evals, f"wikiann/{lang}", lang, "wikiann", v, True)
    for fname, lang in EUROPEANA.items():
        s = read_bio(os.path.join(root, "europeana", fname + ".bio"))
        cut = int(len(s) * 0.9)
        if use_europeana:
            add(train, f"europeana/{fname}", lang, "europeana", s[:cut], True)
        add(evals, f"europeana/{fname}", lang, "europeana", s[cut:], True)
    return train, evals


def get_entities(tags):
    """conlleval/seqeval-style chunks (type, start, end_exclusive); I-X after O/other type starts a chunk."""
    ents = []
    start, typ = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                ents.append((typ, start, i))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return ents
