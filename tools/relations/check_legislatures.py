#!/usr/bin/env python3
"""Check data/agency/legislatures.json: every key is a key of countries.json,
each value has only 'lower' (required) and optionally 'upper', all non-empty
strings, and the file is in canonical form (1-space indent, sorted keys,
ensure_ascii=False, trailing newline)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "data" / "agency"


def main() -> int:
    countries = json.loads((AGENCY / "countries.json").read_text(encoding="utf-8"))["countries"]
    text = (AGENCY / "legislatures.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    errors = []
    if set(doc) != {"_doc", "legislatures"}:
        errors.append(f"top-level keys: {sorted(doc)}")
    if not isinstance(doc.get("_doc"), str) or not doc.get("_doc").strip():
        errors.append("_doc must be a non-empty string")
    legs = doc.get("legislatures", {})
    for country, chambers in legs.items():
        if country not in countries:
            errors.append(f"{country!r}: not a key of countries.json")
        if not isinstance(chambers, dict):
            errors.append(f"{country!r}: value is not an object")
            continue
        if "lower" not in chambers:
            errors.append(f"{country!r}: missing 'lower'")
        extra = set(chambers) - {"lower", "upper"}
        if extra:
            errors.append(f"{country!r}: unexpected keys {sorted(extra)}")
        for k, v in chambers.items():
            if not isinstance(v, str) or not v.strip() or v != v.strip():
                errors.append(f"{country!r}.{k}: not a clean non-empty string: {v!r}")
        if chambers.get("lower") is not None and chambers.get("lower") == chambers.get("upper"):
            errors.append(f"{country!r}: lower == upper")
    names = [v for c in legs.values() if isinstance(c, dict) for v in c.values()]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        errors.append(f"chamber names used twice: {dups}")
    canonical = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if text != canonical:
        errors.append("not in canonical form (indent=1, sort_keys, ensure_ascii=False, trailing newline)")
    missing = sorted(set(countries) - set(legs))
    for e in errors:
        print("ERROR:", e)
    upper = sum(1 for c in legs.values() if isinstance(c, dict) and "upper" in c)
    print(f"{len(legs)} legislatures ({upper} with an upper chamber); "
          f"countries without an entry: {missing}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
