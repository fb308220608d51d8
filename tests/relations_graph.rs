//! Graph building, merging and exporters; the RDF exports read by rdflib
//! (`tools/rdf/check_isomorphic.py`).

use std::path::{Path, PathBuf};
use std::process::Command;

use rolegraph::graph::{EdgeKind, Format, Graph, NodeKind};
use rolegraph::relate::Relator;
use rolegraph::{CharIndex, Entity, Span};
use serde_json::Value;

fn ents(text: &str, spec: &[(&str, &str)]) -> Vec<Entity> {
    let idx = CharIndex::new(text);
    let mut from = 0;
    spec.iter()
        .map(|(label, surface)| {
            let s = from + text[from..].find(surface).unwrap();
            from = s + surface.len();
            let bytes = Span::new(s, s + surface.len());
            Entity {
                label: (*label).into(),
                text: (*surface).into(),
                score: 1.0,
                bytes,
                chars: idx.char_span(bytes),
                value: None,
            }
        })
        .collect()
}

const DOC1: &str = "OTTAWA, le 3 mai 2022 - Le ministre de la Santé Jean Côté a rencontré à Ottawa la secrétaire Ann \"<Lee>\". Ils ont discuté de la vaccination & des tests.";
const DOC2: &str =
    "Minister Côté met with Governor Rita Sousa in Toronto. They discussed hospital funding.";

fn graph1() -> Graph {
    let e = ents(
        DOC1,
        &[("LOC", "OTTAWA"), ("PER", "Jean Côté"), ("LOC", "Ottawa"), ("PER", "Ann \"<Lee>\"")],
    );
    let r = Relator::default().relate(DOC1, &e);
    Graph::from_relations(&r, &e, Some("doc-1"))
}

fn graph2() -> Graph {
    let e = ents(DOC2, &[("PER", "Côté"), ("PER", "Rita Sousa"), ("LOC", "Toronto")]);
    let r = Relator::default().relate(DOC2, &e);
    Graph::from_relations(&r, &e, Some("doc-2"))
}

#[test]
fn nodes_edges_and_stable_ids() {
    let g = graph1();
    assert!(
        g.node("person/jean-cote").is_some(),
        "{:?}",
        g.nodes.iter().map(|n| &n.id).collect::<Vec<_>>()
    );
    assert!(g.node("person/ann-lee").is_some());
    assert!(g.node("location/ottawa").is_some());
    // `ministre de la Santé` under an Ottawa dateline: the canonical agency.
    assert_eq!(g.node("post/ministre--health-canada").map(|n| n.kind), Some(NodeKind::Post));
    assert!(g
        .edges_of(EdgeKind::Holds)
        .any(|e| e.source == "person/jean-cote" && e.target == "post/ministre--health-canada"));
    assert!(g
        .edges_of(EdgeKind::PostIn)
        .any(|e| e.source == "post/ministre--health-canada" && e.target == "org/health-canada"));
    let meeting = g.nodes.iter().find(|n| n.kind == NodeKind::Meeting).unwrap();
    assert_eq!(meeting.id, "meeting/2022-05-03--ann-lee--jean-cote");
    assert_eq!(g.edges_of(EdgeKind::Attended).count(), 2);
    assert_eq!(g.edges_of(EdgeKind::MetWith).count(), 1);
    assert_eq!(g.edges_of(EdgeKind::About).count(), 1, "a plain list is one topic");
    assert!(g.edges.iter().all(|e| e
        .provenance
        .iter()
        .all(|p| p.document.as_deref() == Some("doc-1") && p.evidence.is_some())));
}

#[test]
fn merge_keeps_one_person() {
    let mut g = graph1();
    let n1 = g.nodes.len();
    g.merge(graph2());
    assert_eq!(g.nodes.iter().filter(|n| n.id == "person/jean-cote").count(), 1);
    assert!(g.node("person/cote").is_none(), "surname-only person merged into the full name");
    assert!(g.node("post/minister--cote").is_none());
    assert!(g.node("post/minister--jean-cote").is_some());
    assert!(g
        .edges_of(EdgeKind::MetWith)
        .any(|e| e.source == "person/jean-cote" && e.target == "person/rita-sousa"));
    let cote = g.node("person/jean-cote").unwrap();
    let docs: Vec<_> = cote.provenance.iter().filter_map(|p| p.document.as_deref()).collect();
    assert!(docs.contains(&"doc-1") && docs.contains(&"doc-2"));
    assert!(g.nodes.len() > n1);
    // merging the same graph again adds nothing
    let before = (g.nodes.len(), g.edges.len());
    g.merge(graph2());
    assert_eq!(before, (g.nodes.len(), g.edges.len()));
}

#[test]
fn exporters_are_well_formed() {
    let mut g = graph1();
    g.merge(graph2());
    // JSON round-trips.
    let back: Graph = serde_json::from_str(&g.export(Format::Json)).unwrap();
    assert_eq!(back.nodes.len(), g.nodes.len());
    assert!(back.node("person/jean-cote").is_some());
    // JSON-LD: context + ORG/schema.org terms.
    let ld: serde_json::Value = serde_json::from_str(&g.export(Format::JsonLd)).unwrap();
    assert_eq!(ld["@context"]["org"], "http://www.w3.org/ns/org#");
    let graph = ld["@graph"].as_array().unwrap();
    let person = graph.iter().find(|o| o["@id"] == "urn:rolegraph:person/jean-cote").unwrap();
    assert_eq!(person["@type"], "schema:Person");
    assert!(person["org:holds"].is_array());
    let post = graph.iter().find(|o| o["@type"] == "org:Post").unwrap();
    assert!(post["org:postIn"].is_array());
    let ev = graph.iter().find(|o| o["@type"] == "schema:Event").unwrap();
    assert_eq!(ev["schema:attendee"].as_array().unwrap().len(), 2);
    assert!(ev["schema:about"].is_array());
    // N-Triples: every line is `<s> <p> <o|"literal"> .`, quotes escaped.
    let nt = g.export(Format::NTriples);
    for line in nt.lines() {
        assert!(line.starts_with("<urn:rolegraph:") && line.ends_with(" ."), "{line}");
        let obj = line.splitn(3, "> ").nth(2).unwrap();
        if obj.starts_with('"') {
            // `"…" .` or a typed `"…"^^<…> .`
            let end = obj.rfind("\"^^<").unwrap_or(obj.len() - 3);
            let lit = &obj[1..end];
            let unescaped_quote =
                lit.char_indices().any(|(i, c)| c == '"' && !lit[..i].ends_with('\\'));
            assert!(!unescaped_quote, "{line}");
        }
    }
    assert!(nt.contains("<http://www.w3.org/ns/org#holds>"));
    assert!(nt.contains("\"Ann \\\"<Lee>\\\"\""), "{nt}");
    // GraphML: no raw markup from labels.
    let xml = g.export(Format::GraphMl);
    assert!(xml.contains("Ann &quot;&lt;Lee&gt;&quot;"));
    assert!(!xml.contains("<Lee>"));
    assert_eq!(xml.matches("<node ").count(), g.nodes.len());
    assert_eq!(xml.matches("<edge ").count(), g.edges.len());
    // DOT
    let dot = g.export(Format::Dot);
    assert!(dot.starts_with("digraph"));
    assert_eq!(dot.matches(" -> ").count(), g.edges.len());
    assert_eq!("jsonld".parse::<Format>().unwrap(), Format::JsonLd);
    assert!("xml".parse::<Format>().is_err());
}

/// Runs `tools/rdf/check_isomorphic.py` (rdflib) on the N-Triples and JSON-LD
/// exports and returns its summary. Fails, never skips, without python3 or
/// rdflib: `.ci/run` installs them. `ROLEGRAPH_PYTHON` picks the interpreter.
fn rdflib_check(name: &str, nt: &str, jsonld: &str) -> Value {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rdf");
    std::fs::create_dir_all(&dir).unwrap();
    let (nt_path, ld_path) = (dir.join(format!("{name}.nt")), dir.join(format!("{name}.jsonld")));
    std::fs::write(&nt_path, nt).unwrap();
    std::fs::write(&ld_path, jsonld).unwrap();
    let python = std::env::var("ROLEGRAPH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/rdf/check_isomorphic.py");
    let out = Command::new(&python).arg(&script).arg(&nt_path).arg(&ld_path).output();
    let out = out.unwrap_or_else(|e| {
        panic!("cannot run `{python}` ({e}): the RDF tests need python3 with rdflib; .ci/run installs them (python3 -m pip install rdflib)")
    });
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(
        out.status.code(),
        Some(2),
        "rdflib missing for `{python}`: {err} (.ci/run installs it: python3 -m pip install rdflib)"
    );
    assert!(out.status.success(), "{name}: the RDF exports differ or lack provenance:\n{err}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cli_export(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rolegraph")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn assert_sourced(summary: &Value) {
    assert!(summary["isomorphic"].as_bool().unwrap(), "{summary}");
    assert_eq!(summary["ntriples"], summary["jsonld"], "{summary}");
    for kind in ["meeting", "post", "membership", "discussion"] {
        assert!(summary["nodes"][kind].as_u64().unwrap() >= 1, "no {kind}: {summary}");
    }
}

#[test]
fn rdf_exports_are_one_graph_with_sources() {
    let mut g = graph1();
    g.merge(graph2());
    let s = rdflib_check("doc-1-2", &g.export(Format::NTriples), &g.export(Format::JsonLd));
    assert_sourced(&s);
    assert_eq!(s["documents"], serde_json::json!(["doc-1", "doc-2"]), "{s}");
}

#[test]
fn rdf_exports_of_the_seed_and_of_a_corpus_merge() {
    // One document with the embedded model: its id is the file name.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-000.txt");
    let seed = seed.to_str().unwrap();
    let nt = cli_export(&["extract", seed, "--format", "ntriples"]);
    let ld = cli_export(&["extract", seed, "--format", "jsonld"]);
    let s = rdflib_check("seed-000", &nt, &ld);
    assert_sourced(&s);
    assert_eq!(s["documents"], serde_json::json!(["seed-000"]), "{s}");
    assert_eq!(s["ntriples"], nt.lines().count(), "{s}");

    // Corpus mode: the same meeting in two documents (one id with characters
    // IRIs must escape) is one node derived from both.
    let brief = "WASHINGTON, June 10, 2019 - Minister Ralph Goodale met with Acting Secretary \
                 Kevin McAleenan today. They discussed border security.";
    let odd_id = "news/2019 #1 \"brief\"";
    let jsonl: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rdf-two.jsonl");
    let text = std::fs::read_to_string(seed).unwrap();
    std::fs::write(
        &jsonl,
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "seed-000", "text": text}),
            serde_json::json!({"id": odd_id, "text": brief})
        ),
    )
    .unwrap();
    let jsonl = jsonl.to_str().unwrap();
    let nt = cli_export(&["extract", jsonl, "--format", "ntriples", "--jobs", "2"]);
    let ld = cli_export(&["extract", jsonl, "--format", "jsonld", "--jobs", "2"]);
    let s = rdflib_check("corpus-2", &nt, &ld);
    assert_sourced(&s);
    assert_eq!(s["documents"], serde_json::json!([odd_id, "seed-000"]), "{s}");
    let meeting =
        &s["meetings"]["urn:rolegraph:meeting/2019-06-10--kevin-mcaleenan--ralph-goodale"];
    assert_eq!(meeting, &serde_json::json!([odd_id, "seed-000"]), "{s}");
}

/// One organisation named 20,000 times: every distinct source is kept once,
/// a repeated one is not added again, and provenance edited in place (the
/// list is public) is re-read before the next merge.
#[test]
fn many_sources_of_one_node_are_merged_without_loss_or_duplicates() {
    use rolegraph::graph::{Node, Provenance};
    use rolegraph::relate::TextSpan;
    let source = |k: usize| Provenance {
        document: Some(format!("doc-{}", k % 7)),
        evidence: Some(TextSpan {
            text: "Bonjour".into(),
            bytes: Span { start: 8 * k, end: 8 * k + 7 },
            chars: Span { start: 8 * k, end: 8 * k + 7 },
        }),
    };
    let node = |k: usize| Node {
        id: "org/bonjour".into(),
        kind: NodeKind::Organization,
        label: "Bonjour".into(),
        properties: Default::default(),
        provenance: vec![source(k)],
    };
    let mut g = Graph::default();
    for k in 0..20_000 {
        g.add_node(node(k));
    }
    for k in (0..20_000).step_by(3) {
        g.add_node(node(k));
    }
    assert_eq!(g.nodes.len(), 1);
    assert_eq!(g.nodes[0].provenance.len(), 20_000);
    // Edited in place: the last source removed, then merged again.
    g.nodes[0].provenance.pop();
    g.add_node(node(19_999));
    g.add_node(node(0));
    assert_eq!(g.nodes[0].provenance.len(), 20_000);
    assert_eq!(g.nodes[0].provenance.last(), Some(&source(19_999)));
}
