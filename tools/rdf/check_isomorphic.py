#!/usr/bin/env python3
"""Checks that a rolegraph N-Triples export and a JSON-LD export are one graph.

    check_isomorphic.py GRAPH.nt GRAPH.jsonld

Reads both with rdflib, then checks that
  * the two graphs are isomorphic (rdflib.compare.isomorphic) and hold the
    same number of triples;
  * every meeting (schema:Event), post (org:Post), membership
    (org:Membership) and discussion (rg:Discussion) has a prov:wasDerivedFrom,
    and every document it names is a prov:Entity with a schema:identifier.

Prints one JSON object (triple counts, nodes per class, the documents and,
per meeting, its documents) on standard output; exits 1 when a check fails
(the reasons on standard error), 2 when rdflib is missing.
"""

import json
import sys

try:
    import rdflib
    from rdflib.compare import isomorphic, graph_diff, to_isomorphic
    from rdflib.namespace import RDF
except ImportError:
    sys.stderr.write(
        "rdflib is not installed for %s: `%s -m pip install rdflib` "
        "(.ci/run installs it)\n" % (sys.executable, sys.executable)
    )
    sys.exit(2)

SCHEMA = rdflib.Namespace("https://schema.org/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
RG = rdflib.Namespace("urn:rolegraph:vocab#")

SOURCED = {
    "meeting": SCHEMA.Event,
    "post": ORG.Post,
    "membership": ORG.Membership,
    "discussion": RG.Discussion,
}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 1
    nt = rdflib.Graph().parse(argv[1], format="nt")
    ld = rdflib.Graph().parse(argv[2], format="json-ld")
    problems = []
    same = isomorphic(nt, ld)
    if not same:
        _, only_nt, only_ld = graph_diff(to_isomorphic(nt), to_isomorphic(ld))
        for label, g in (("only in N-Triples", only_nt), ("only in JSON-LD", only_ld)):
            for t in sorted(g)[:20]:
                problems.append("%s: %s" % (label, " ".join(x.n3() for x in t)))
    if len(nt) != len(ld):
        problems.append("N-Triples holds %d triples, JSON-LD %d" % (len(nt), len(ld)))

    kinds = {}
    for kind, cls in SOURCED.items():
        nodes = sorted(set(nt.subjects(RDF.type, cls)))
        kinds[kind] = len(nodes)
        for n in nodes:
            docs = list(nt.objects(n, PROV.wasDerivedFrom))
            if not docs:
                problems.append("%s %s has no prov:wasDerivedFrom" % (kind, n))
            for d in docs:
                if (d, RDF.type, PROV.Entity) not in nt:
                    problems.append("%s is not a prov:Entity" % d)
                if (d, SCHEMA.identifier, None) not in nt:
                    problems.append("%s has no schema:identifier" % d)

    documents = sorted(str(i) for i in nt.objects(None, SCHEMA.identifier))
    meetings = {
        str(m): sorted(
            str(nt.value(d, SCHEMA.identifier)) for d in nt.objects(m, PROV.wasDerivedFrom)
        )
        for m in nt.subjects(RDF.type, SCHEMA.Event)
    }
    print(
        json.dumps(
            {
                "ntriples": len(nt),
                "jsonld": len(ld),
                "isomorphic": same,
                "nodes": kinds,
                "documents": documents,
                "meetings": meetings,
            },
            indent=1,
            sort_keys=True,
        )
    )
    for p in problems:
        sys.stderr.write(p + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
