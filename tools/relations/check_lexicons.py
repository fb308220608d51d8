#!/usr/bin/env python3
"""Checks the language files `data/lang/<code>.json` and reports what they hold.

    python3 tools/relations/check_lexicons.py [--dir data/lang] [--quiet]

Every file must be valid JSON with no key written twice in any object (the standard
`json` module keeps the last one silently, serde rejects nothing either). In every phrase
field (a list of strings or an object keyed by phrases) each phrase must be non-empty,
stripped, in lower case, with straight apostrophes (matching turns `’` into `'`), and
written once; object values must be non-empty. Keys starting with `_` are documentation
and are not checked. The agency fields `portfolio_words` (object), `ambassador_titles`
and `host_prepositions` (lists) must be present with those types.

Prints per-language counts of the agency fields, then any problems; exits 1 on a problem."""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "..", "data", "lang")
AGENCY_FIELDS = [("portfolios", dict), ("organisations", dict), ("portfolio_words", dict),
                 ("ambassador_titles", list), ("host_prepositions", list),
                 ("no_agency_titles", list)]
# Scalar fields: not phrase lists.
SCALARS = {"language", "name", "capitalized_prefix_titles", "ministry_from_complement"}
# Lists of English country names (`data/agency/countries.json` keys), checked against that file.
COUNTRY_LISTS = {"official_in"}
COUNTRIES = set(json.load(open(os.path.join(HERE, "..", "..", "data", "agency", "countries.json"),
                               encoding="utf-8"))["countries"])


def pairs_hook(problems, where):
    """An `object_pairs_hook` that records keys written twice in one object."""
    def hook(pairs):
        seen = {}
        for k, _ in pairs:
            seen[k] = seen.get(k, 0) + 1
        for k, n in seen.items():
            if n > 1:
                problems.append(f"{where}: key {k!r} written {n} times in one object")
        return dict(pairs)
    return hook


def phrase_problems(phrase):
    """What is wrong with one phrase (empty list when nothing)."""
    out = []
    if not isinstance(phrase, str):
        return [f"{phrase!r} is not a string"]
    if not phrase.strip():
        out.append("empty phrase")
        return out
    if phrase != phrase.strip():
        out.append(f"{phrase!r} has leading or trailing space")
    if "  " in phrase:
        out.append(f"{phrase!r} has a double space")
    if phrase != phrase.lower():
        out.append(f"{phrase!r} is not lower case")
    if "\u2019" in phrase:
        out.append(f"{phrase!r} has a typographic apostrophe")
    return out


def check_file(path):
    """(language code, counts, problems) of one file."""
    problems = []
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data = json.loads(text, object_pairs_hook=pairs_hook(problems, name))
    except (OSError, ValueError) as e:
        return name, {}, [f"{name}: not valid JSON: {e}"]
    if not isinstance(data, dict):
        return name, {}, [f"{name}: top level is not an object"]
    code = data.get("language", name)
    if os.path.splitext(name)[0] != code:
        problems.append(f"{name}: `language` is {code!r}, not the file stem")
    for field, kind in AGENCY_FIELDS:
        if field not in data:
            problems.append(f"{name}: field `{field}` missing")
        elif not isinstance(data[field], kind):
            problems.append(f"{name}: field `{field}` is not a {kind.__name__}")
    for field, value in data.items():
        if field.startswith("_") or field in SCALARS:
            continue
        where = f"{name}: {field}"
        if field in COUNTRY_LISTS:
            problems += [f"{where}: {c!r} is not a country of countries.json" for c in value
                         if c not in COUNTRIES]
            continue
        if isinstance(value, list):
            seen = set()
            for item in value:
                problems += [f"{where}: {p}" for p in phrase_problems(item)]
                if isinstance(item, str):
                    if item in seen:
                        problems.append(f"{where}: {item!r} listed twice")
                    seen.add(item)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k.startswith("_"):
                    continue
                problems += [f"{where}: key {p}" for p in phrase_problems(k)]
                if v is None or (isinstance(v, str) and not v.strip()) or v == [] or v == {}:
                    problems.append(f"{where}: {k!r} has an empty value")
                elif isinstance(v, str) and v != v.strip():
                    problems.append(f"{where}: value of {k!r} has leading or trailing space")
        else:
            problems.append(f"{where}: neither a list nor an object")
    counts = {f: len(data[f]) for f, k in AGENCY_FIELDS if isinstance(data.get(f), k)}
    if isinstance(data.get("portfolio_words"), dict):
        counts["distinct_wordings"] = len({v for k, v in data["portfolio_words"].items()
                                          if not k.startswith("_")})
    return code, counts, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=DEFAULT_DIR)
    ap.add_argument("--quiet", action="store_true", help="print problems only")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.dir, "*.json")))
    if not files:
        print(f"no language files in {args.dir}", file=sys.stderr)
        return 1
    results = [check_file(p) for p in files]
    if not args.quiet:
        cols = [f for f, _ in AGENCY_FIELDS] + ["distinct_wordings"]
        width = max(len(c) for c in cols)
        print(f"{'':{width}} " + " ".join(f"{r[0]:>6}" for r in results))
        for c in cols:
            print(f"{c:{width}} " + " ".join(f"{r[1].get(c, '-'):>6}" for r in results))
    problems = [p for r in results for p in r[2]]
    for p in problems:
        print(p)
    if not args.quiet:
        print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
