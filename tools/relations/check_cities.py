#!/usr/bin/env python3
"""Checks the cities that give a document its home country.

    python3 tools/relations/check_cities.py [--format] [--verbose]

File: data/agency/cities.json (`cities`: English name -> {"country": <a key of
data/agency/countries.json>, "names": [lower-case names in fr, en, de, es, it, pt]}).
`home_country` in src/relate/agency.rs lower-cases a document's first 400 bytes (and
turns U+2019 into an apostrophe), finds all names at once, leftmost-longest, and takes the
first match that is a whole word; the checker emulates that and reports:

(a) structure. Errors (exit status 1): a top level other than `_doc` and `cities`; a city
    whose value is not {"country", "names"}; a country that is not a key of countries.json;
    a name that is not a lower-case, trimmed string with single spaces and no U+2019, or
    that is given twice; a name given to two cities (a name must read as one city); a name
    that equals a country stem of countries.json (`québec` is the province Quebec,
    `monaco`, `panama`, `kuwait`, `tunis`, `vatican` are read as countries there: the
    cities file only adds what the stems cannot read); a name of STOP (common words and
    first names, left out on purpose: see the list); a file not in its canonical layout
    (1-space indent, keys sorted, one line per city, names sorted, UTF-8, trailing newline;
    --format rewrites it so, through a temporary file and a rename).
(b) coverage. A country of countries.json without any city is a warning.
(c) expectations. Every dateline of TRICKY must be read as the country given, and no
    NEGATIVE text as any. A failure is an error. KNOWN lists names kept though they also
    name other things; they are printed with --verbose.
Counts: cities, names, countries covered, cities per country (most first).
"""
import argparse
import collections
import json
import os
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CITIES = os.path.join(ROOT, "data", "agency", "cities.json")
COUNTRIES = os.path.join(ROOT, "data", "agency", "countries.json")
OPENING = 400

# Names that must not be in the file: common words or first names in one of the six
# languages (the city is kept under a qualified name where it matters).
STOP = {
    "male": "English word (Malé is kept with its accent)",
    "nice": "English word",
    "split": "English word",
    "seul": "French 'alone' (Portuguese/Italian Seoul)",
    "victoria": "first name (Seychelles and British Columbia are qualified)",
    "santiago": "first name (Santiago de Chile, Santiago de Compostela written out)",
    "sofia": "first name (qualified: 'sofia, bulgaria')",
    "sofía": "first name",
    "florence": "first name (Firenze, Florenz, Florença kept)",
    "florencia": "first name",
    "colombo": "Italian surname (qualified: 'colombo, sri lanka')",
    "praia": "Portuguese 'beach' (qualified: 'cidade da praia', 'praia, cabo verde')",
    "sucre": "French 'sugar' (qualified)",
    "la paz": "Spanish 'peace' (qualified)",
    "le cap": "French idiom 'passer le cap'",
    "porto": "Italian and Portuguese 'port' ('oporto', 'porto, portugal' kept)",
    "salvador": "first name, and it would read 'El Salvador' as Brazil",
    "kingston": "Jamaica and Ontario (both qualified)",
    "georgetown": "Guyana, Washington D.C., Penang (qualified)",
    "san josé": "saint, and San Jose, California (both qualified)",
    "san jose": "San Jose, California (qualified)",
    "st. john's": "Antigua and Newfoundland (both qualified)",
    "alexandria": "Egypt and Virginia (both qualified)",
    "córdoba": "Spain and Argentina",
    "cordoba": "Spain and Argentina",
    "riad": "first name (riyadh, riyad kept)",
    "madri": "Italian 'mothers'",
    "soci": "Italian 'members'",
    "sana": "Italian 'healthy'",
    "ama": "Spanish and Portuguese 'loves'",
    "genes": "English word",
    "bale": "English word",
    "fes": "Fès without its accent: too short and close to other words",
    "fez": "English word",
    "essen": "German 'to eat'",
    "trente": "French 'thirty'",
    "colonia": "Spanish and Italian 'colony'",
    "natal": "Portuguese 'Christmas'",
    "belém": "Portuguese 'Bethlehem'",
    "fortaleza": "Spanish and Portuguese 'fortress'",
    "goma": "Spanish and Portuguese 'rubber'",
    "beira": "Portuguese 'edge'",
    "regina": "first name (qualified)",
    "roseau": "French 'reed' (qualified)",
    "moroni": "Italian surname (qualified)",
    "canton": "Swiss canton",
    "madras": "fabric",
    "darwin": "surname",
    "hamilton": "surname and several cities",
    "cambridge": "England and Massachusetts",
    "ho chi minh": "a person",
    "cayenne": "pepper",
    "nancy": "first name",
    "tours": "French word",
    "pau": "Portuguese 'stick'",
    "deli": "English word (delhi kept)",
    "lyons": "surname",
    "rio": "river",
}

# Names kept though they also name other things (shown with --verbose).
KNOWN = {
    "washington": "surname; the U.S. state reads as the United States too",
    "roma": "Romani people; the usual Italian dateline",
    "rom": "Romani people (fr, it), ROM; the German dateline 'ROM (dpa)'",
    "lima": "Portuguese surname and 'file'",
    "lagos": "Spanish and Portuguese 'lakes'",
    "damas": "Spanish and Portuguese 'ladies'; the French dateline 'DAMAS'",
    "berne": "French 'en berne' (half-mast)",
    "vienne": "French subjunctive of venir; a French department",
    "riga": "Italian 'line'",
    "sydney": "first name",
    "wellington": "surname",
    "adelaide": "first name",
    "perth": "also Scotland",
    "london": "surname; London, Ontario is qualified",
    "paris": "first name",
    "luxembourg": "also the Palais du Luxembourg (French Senate) and a Belgian province",
    "mexico": "also New Mexico, Gulf of Mexico: the country anyway",
    "guatemala": "the country as well",
    "jerusalem": "read as Israel; East Jerusalem ('jérusalem-est') as Palestine",
    "hong kong": "read as China",
    "asunción": "first name and feast (Spanish)",
    "recife": "Portuguese 'reef'",
    "san paolo": "Italian 'Saint Paul'",
    "cali": "slang for California",
    "sejong": "the king the city is named after",
}

# Openings and the country each must give.
TRICKY = {
    "OTTAWA, le 5 mai 2019 /CNW/ - Le ministre": "Canada",
    "BERLIN (dpa) – Die Bundesregierung": "Germany",
    "Nairobi, 12 March 2020 – The Government": "Kenya",
    "WASHINGTON, D.C., May 5, 2019 /PRNewswire/": "United States",
    "NEW YORK, May 5 (Reuters) -": "United States",
    "LONDON, Ont., May 5, 2019 /CNW/": "Canada",
    "LONDON, 5 May - The Foreign Secretary": "United Kingdom",
    "VICTORIA, BC, May 5, 2019 /CNW/": "Canada",
    "Victoria, Seychelles, 5 May": "Seychelles",
    "SANTIAGO DE CHILE, 5 may (EFE)": "Chile",
    "Santiago de Compostela, 5 de mayo": "Spain",
    "SAO PAULO, 5 de maio": "Brazil",
    "São Paulo, 5 de maio de 2019": "Brazil",
    "GENÈVE, 5 mai (ATS)": "Switzerland",
    "GENEVE, 5 mai": "Switzerland",
    "Genf (sda) –": "Switzerland",
    "MÜNCHEN (dpa) –": "Germany",
    "Monaco di Baviera, 5 maggio": None,  # a stem of Germany in countries.json
    "İstanbul, 5 Mayıs": "Turkey",
    "ISTANBUL, May 5": "Turkey",
    "LA NOUVELLE-ORLÉANS, 5 mai": "United States",
    "Jérusalem-Est, 5 mai": "Palestine",
    "JERUSALEM, May 5": "Israel",
    "ST. PETERSBURG, Fla., May 5": "United States",
    "ST. PETERSBURG, May 5": "Russia",
    "Saint-Pétersbourg, 5 mai": "Russia",
    "KINGSTON, Jamaica, May 5": "Jamaica",
    "KINGSTON, ON, May 5, 2019 /CNW/": "Canada",
    "QUÉBEC, le 5 mai 2019 /CNW Telbec/": None,  # the province's name: countries.json
    "Ville de Québec, le 5 mai": "Quebec",
    "MONTRÉAL, le 5 mai 2019 /CNW Telbec/": "Canada",
    "FRANKFURT AM MAIN (dpa-AFX)": "Germany",
    "MEXICO CITY, May 5": "Mexico",
    "Ciudad de México, 5 de mayo": "Mexico",
    "Buenos Aires, 5 de mayo (Télam)": "Argentina",
    "LE CAIRE, 5 mai (AFP)": "Egypt",
    "Il Cairo, 5 maggio": "Egypt",
    "Pékin, 5 mai": "China",
    "Pechino, 5 maggio": "China",
    "Moskau (dpa) -": "Russia",
    "Varsóvia, 5 de maio": "Poland",
    "Bruselas, 5 de mayo": "Belgium",
    "La Haye, 5 mai": "Netherlands",
    "Den Haag (ANP)": "Netherlands",
    "Washington’s partners": "United States",
    "Malé, 5 May": "Maldives",
    "Sofia, Bulgaria, May 5": "Bulgaria",
    "Colombo, Sri Lanka, May 5": "Sri Lanka",
    "La Paz, Bolivia, 5 de mayo": "Bolivia",
    "N’Djamena, 5 mai": "Chad",
    "Addis-Abeba, le 5 mai": "Ethiopia",
    "Dar es Salaam, 5 May": "Tanzania",
    "Rome, 5 mai": "Italy",
    "Roma, 5 maggio": "Italy",
    "A Nova Iorque, 5 de maio": "United States",
    "Hô-Chi-Minh-Ville, 5 mai": "Vietnam",
    "Cité du Vatican, 5 mai": "Holy See",
    "MONTE-CARLO, 5 mai": "Monaco",
    "Guinée-Bissau : à Bissau, le 5 mai": "Guinea-Bissau",
    "Romance novels sell well": None,  # not a whole word: 'roma' in 'romance'
    "The New Yorker reports": None,
}

# Texts that must read as no city (common words of the six languages).
NEGATIVE = [
    "Le ministre a passé le cap des cent jours, seul et sans sucre.",
    "drapeaux et cap, le seul moyen",
    "The male nurse had a nice split shift.",
    "La paz en el mundo y la salud.",
    "Na praia, o natal e a fortaleza da beira.",
    "Il porto e i soci della sana azienda, le madri.",
    "Wir essen in der Halle.",
    "la goma de la colonia",
    "trente ans de paix",
    "El Salvador y Honduras",
    "New Mexican cuisine",
]


def lower(s):
    return s.lower().replace("\u2019", "'")


def is_alnum(c):
    return c.isalnum()


class Cities:
    """All names at once, leftmost-longest, as `home_country` in src/relate/agency.rs."""

    def __init__(self, names):
        self.names = names  # {name: country}
        self.lengths = sorted({len(n) for n in names}, reverse=True)

    def matches(self, text):
        i, n = 0, len(text)
        while i < n:
            for length in self.lengths:
                if i + length <= n and text[i:i + length] in self.names:
                    yield i, i + length, text[i:i + length]
                    i += length
                    break
            else:
                i += 1

    def home(self, text):
        head = text.encode("utf-8")[:OPENING].decode("utf-8", "ignore")
        head = lower(head)
        for a, b, name in self.matches(head):
            if (a == 0 or not is_alnum(head[a - 1])) and (b == len(head) or not is_alnum(head[b])):
                return self.names[name]
        return None


def canonical(data):
    lines = ["{", " " + json.dumps("_doc") + ": " + json.dumps(data["_doc"], ensure_ascii=False) + ",",
             ' "cities": {']
    items = sorted(data["cities"].items())
    for k, (name, v) in enumerate(items):
        v = {"country": v["country"], "names": sorted(v["names"])}
        comma = "," if k + 1 < len(items) else ""
        lines.append("  " + json.dumps(name, ensure_ascii=False) + ": "
                     + json.dumps(v, ensure_ascii=False) + comma)
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def write_atomic(path, text):
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".cities.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", action="store_true", help="rewrite the file in its canonical layout")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    raw = open(CITIES, encoding="utf-8").read()
    data = json.loads(raw)
    countries = json.load(open(COUNTRIES, encoding="utf-8"))["countries"]
    stems = {s: c for c, v in countries.items() for s in v}
    errors, warnings = [], []

    if set(data) != {"_doc", "cities"}:
        errors.append(f"top-level keys {sorted(data)}, not ['_doc', 'cities']")
    cities = data.get("cities", {})
    owner = {}
    for city, v in cities.items():
        if not isinstance(v, dict) or set(v) != {"country", "names"}:
            errors.append(f"{city!r}: value is not {{'country', 'names'}}")
            continue
        if v["country"] not in countries:
            errors.append(f"{city!r}: country {v['country']!r} is not a key of countries.json")
        names = v["names"]
        if not isinstance(names, list) or not names:
            errors.append(f"{city!r}: names is not a non-empty list")
            continue
        if len(set(names)) != len(names):
            errors.append(f"{city!r}: a name is given twice")
        for n in names:
            if not isinstance(n, str) or not n:
                errors.append(f"{city!r}: name {n!r} is not a non-empty string")
                continue
            if n != n.strip() or "  " in n:
                errors.append(f"{city!r}: name {n!r} is not trimmed")
            if n != n.lower():
                errors.append(f"{city!r}: name {n!r} is not lower case")
            if "\u2019" in n:
                errors.append(f"{city!r}: name {n!r} has U+2019 (the text's is read as ')")
            if n in stems:
                errors.append(f"{city!r}: name {n!r} is a stem of {stems[n]} in countries.json")
            if n in STOP:
                errors.append(f"{city!r}: name {n!r} is left out on purpose ({STOP[n] or 'common word'})")
            if n in owner and owner[n] != city:
                errors.append(f"name {n!r} is given to {owner[n]!r} and {city!r}")
            owner.setdefault(n, city)
    if raw != canonical(data) and not args.format:
        errors.append("the file is not in its canonical layout (run with --format)")

    covered = collections.Counter(
        v["country"] for v in cities.values() if isinstance(v, dict) and v.get("country") in countries)
    for c in sorted(countries):
        if c not in covered:
            warnings.append(f"no city for {c}")

    m = Cities({n: cities[c]["country"] for n, c in owner.items()})
    for text, want in TRICKY.items():
        got = m.home(text)
        if got != want:
            errors.append(f"{text!r} is read as {got}, not {want}")
    for text in NEGATIVE:
        got = m.home(text)
        if got:
            errors.append(f"{text!r} is read as {got}")

    print(f"cities: {len(cities)}, names: {len(owner)}, "
          f"countries covered: {len(covered)} of {len(countries)}")
    print("cities per country (most first): "
          + ", ".join(f"{c} {k}" for c, k in covered.most_common(12)) + ", ...")
    print(f"expectations: {len(TRICKY)} openings, {len(NEGATIVE)} negative texts")
    if args.verbose:
        print("kept though ambiguous (KNOWN):")
        for n, why in sorted(KNOWN.items()):
            print(f"  {n!r}: {why}" + ("" if n in owner else "  [not in the file]"))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    if args.format and not errors:
        text = canonical(data)
        if text != raw:
            write_atomic(CITIES, text)
            print("rewrote", os.path.relpath(CITIES, ROOT))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
