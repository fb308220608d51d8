//! The SQLite knowledge-graph store: incremental ingest, identity across
//! documents, provenance, the example queries of docs/store.md, exports,
//! and `rolegraph ingest` / `rolegraph export`.

use std::path::PathBuf;

use rolegraph::graph::{Format, Graph};
use rolegraph::relate::Relator;
use rolegraph::store::Store;
use rolegraph::{CharIndex, Entity, Extraction, Span};

mod common;
use common::{fixture, rolegraph};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolegraph-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The relations of `text` with these PER names as entities (no model).
fn extraction(text: &str, people: &[&str]) -> Extraction {
    let idx = CharIndex::new(text);
    let mut entities: Vec<Entity> = people
        .iter()
        .flat_map(|name| text.match_indices(name).map(|(s, n)| (s, n.len())).collect::<Vec<_>>())
        .map(|(s, len)| {
            let bytes = Span::new(s, s + len);
            Entity {
                label: "PER".into(),
                text: text[bytes.range()].into(),
                score: 1.0,
                bytes,
                chars: idx.char_span(bytes),
                value: None,
            }
        })
        .collect();
    entities.sort_by_key(|e| e.bytes.start);
    let relations = Relator::default().relate(text, &entities);
    Extraction { entities, relations, graph: Graph::new() }
}

const DOC_A: &str = "Le ministre canadien de la Sécurité publique Ralph Goodale a rencontré la secrétaire Ann Lee. \
                     Les deux homologues ont discuté de la sécurité frontalière.";
const DOC_B: &str = "Le ministre canadien de la Sécurité publique GOODALE Ralph a rencontré la secrétaire Ann Lee à Ottawa. \
                     Les deux homologues ont discuté du commerce.";
const DOC_C: &str = "Le ministre Goodale a rencontré Kevin McAleenan.";

fn docs() -> Vec<(&'static str, &'static str, Extraction)> {
    vec![
        ("a", DOC_A, extraction(DOC_A, &["Ralph Goodale", "Ann Lee"])),
        ("b", DOC_B, extraction(DOC_B, &["GOODALE Ralph", "Ann Lee"])),
        ("c", DOC_C, extraction(DOC_C, &["Goodale", "Kevin McAleenan"])),
    ]
}

fn filled() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for (id, text, found) in docs() {
        let stats = store.ingest(id, text, &found).unwrap();
        assert!(!stats.unchanged && !stats.replaced, "{id}: {stats:?}");
    }
    store
}

fn rows(store: &Store, sql: &str) -> Vec<Vec<String>> {
    let conn = store.connection();
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut rs = stmt.query([]).unwrap();
    while let Some(r) = rs.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "<blob>".to_string(),
                })
                .collect(),
        );
    }
    out
}

#[test]
fn ingesting_twice_changes_no_row_and_a_changed_text_replaces_its_facts() {
    let mut store = filled();
    let before = store.counts().unwrap();
    assert!(before.iter().all(|(t, n)| *n > 0 || *t == "agencies"), "{before:?}");
    let ids = rows(&store, "SELECT id, key, name FROM people ORDER BY id");
    for (id, text, found) in docs() {
        assert!(store.ingest(id, text, &found).unwrap().unchanged);
    }
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(rows(&store, "SELECT id, key, name FROM people ORDER BY id"), ids);

    // Document c now names someone else: its facts are replaced, the person
    // only it named is gone, everyone else keeps their id.
    let text = "Le ministre Goodale a rencontré Chrystia Freeland.";
    let stats =
        store.ingest("c", text, &extraction(text, &["Goodale", "Chrystia Freeland"])).unwrap();
    assert!(stats.replaced && !stats.unchanged, "{stats:?}");
    let names: Vec<String> = rows(&store, "SELECT name FROM people ORDER BY id").concat();
    assert!(names.contains(&"Chrystia Freeland".to_string()), "{names:?}");
    assert!(!names.contains(&"Kevin McAleenan".to_string()), "{names:?}");
    let kept: Vec<Vec<String>> = ids
        .into_iter()
        .filter(|r| !r[1].ends_with("@doc:c") && r[2] != "Kevin McAleenan")
        .collect();
    let after = rows(&store, "SELECT id, key, name FROM people ORDER BY id");
    assert_eq!(after[..kept.len()], kept[..]);
}

#[test]
fn a_file_store_keeps_its_rows_across_opens() {
    let dir = temp_dir("reopen");
    let path = dir.join("kg.db");
    let counts = {
        let mut store = Store::open(&path).unwrap();
        for (id, text, found) in docs() {
            store.ingest(id, text, &found).unwrap();
        }
        store.counts().unwrap()
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap(), counts);
    for (id, text, found) in docs() {
        assert!(store.ingest(id, text, &found).unwrap().unchanged);
    }
    assert_eq!(store.counts().unwrap(), counts);
    // Not a store: refused, no panic.
    let other = dir.join("other.db");
    std::fs::write(&other, b"not a database at all, just text").unwrap();
    let err = Store::open(&other).unwrap_err();
    assert_eq!(err.kind(), rolegraph::ErrorKind::Store);
}

#[test]
fn people_merge_by_full_name_never_by_surname_alone() {
    let store = filled();
    let people = rows(&store, "SELECT key, name FROM people ORDER BY id");
    let keys: Vec<&str> = people.iter().map(|r| r[0].as_str()).collect();
    // Ralph Goodale (a) = GOODALE Ralph (b); Goodale alone (c) is someone of c.
    assert_eq!(keys.iter().filter(|k| **k == "goodale ralph").count(), 1, "{people:?}");
    assert!(keys.contains(&"goodale @doc:c"), "{people:?}");
    assert_eq!(keys.iter().filter(|k| **k == "ann lee").count(), 1, "{people:?}");
    let ralph = rows(
        &store,
        "SELECT p.name, (SELECT group_concat(doc) FROM (SELECT DISTINCT doc FROM person_names \
         WHERE person = p.id ORDER BY doc)) FROM people p WHERE p.key = 'goodale ralph'",
    );
    assert_eq!(ralph, vec![vec!["Ralph Goodale".to_string(), "a,b".to_string()]]);
}

#[test]
fn every_fact_has_its_document_span_and_evidence() {
    let store = filled();
    for table in ["mentions", "posts", "meetings", "discussions"] {
        let bad = rows(
            &store,
            &format!(
                "SELECT count(*) FROM {table} WHERE doc IS NULL OR start IS NULL OR end IS NULL \
                 OR evidence IS NULL OR evidence = '' OR end <= start \
                 OR doc NOT IN (SELECT id FROM documents)"
            ),
        );
        assert_eq!(bad, vec![vec!["0".to_string()]], "{table}");
    }
    // Spans are code points of the document.
    for (id, text, _) in docs() {
        let chars: Vec<char> = text.chars().collect();
        for r in
            rows(&store, &format!("SELECT start, end, evidence FROM meetings WHERE doc = '{id}'"))
        {
            let (s, e): (usize, usize) = (r[0].parse().unwrap(), r[1].parse().unwrap());
            assert_eq!(chars[s..e].iter().collect::<String>(), r[2]);
        }
    }
}

/// The `sql` blocks of docs/store.md, by their `-- example: NAME` line.
fn doc_examples() -> Vec<(String, String)> {
    let md =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/store.md")).unwrap();
    md.split("```sql\n")
        .skip(1)
        .map(|b| {
            let sql = b.split("```").next().unwrap();
            let name = sql.lines().next().unwrap().trim_start_matches("-- example: ").to_string();
            (name, sql.to_string())
        })
        .collect()
}

#[test]
fn the_example_queries_of_the_docs_give_the_expected_rows() {
    let store = filled();
    let examples = doc_examples();
    let names: Vec<&str> = examples.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["meetings_of_person", "met_most", "posts_by_agency", "topics_of_person"]);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for (name, sql) in &examples {
        let got = rows(&store, sql);
        let want: Vec<Vec<String>> = match name.as_str() {
            "meetings_of_person" => vec![
                s(&["Ann Lee", "a", "NULL", "Le ministre canadien de la Sécurité publique Ralph Goodale a rencontré la secrétaire Ann Lee."]),
                s(&["Ann Lee", "b", "NULL", "Le ministre canadien de la Sécurité publique GOODALE Ralph a rencontré la secrétaire Ann Lee à Ottawa."]),
            ],
            "met_most" => vec![s(&["Ralph Goodale", "Ann Lee", "2"]), s(&["Goodale", "Kevin McAleenan", "1"])],
            "posts_by_agency" => vec![s(&["Public Safety Canada", "ministre", "Ralph Goodale", "2"])],
            "topics_of_person" => vec![s(&["la sécurité frontalière", "a"]), s(&["commerce", "b"])],
            other => panic!("no expected rows for {other}"),
        };
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn exports_parse() {
    let store = filled();
    let g = store.to_graph().unwrap();
    assert!(g.nodes.iter().any(|n| n.label == "Ralph Goodale"));
    let jsonld: serde_json::Value = serde_json::from_str(&g.export(Format::JsonLd)).unwrap();
    assert!(jsonld.get("@graph").is_some() || jsonld.get("@context").is_some());
    let _: serde_json::Value = serde_json::from_str(&g.export(Format::Json)).unwrap();
    let nt = g.export(Format::NTriples);
    assert!(nt.lines().count() > 5);
    for line in nt.lines() {
        assert!(line.starts_with('<') && line.ends_with(" ."), "{line}");
    }
    let graphml = g.export(Format::GraphMl);
    assert_eq!(graphml.matches("<node ").count(), g.nodes.len());
    assert_eq!(graphml.matches("<edge ").count(), g.edges.len());
    let dot = g.export(Format::Dot);
    assert!(dot.trim_end().ends_with('}') && dot.contains("graph"));

    let dir = temp_dir("neo4j");
    store.to_neo4j_csv(&dir).unwrap();
    let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
    let rels = std::fs::read_to_string(dir.join("relationships.csv")).unwrap();
    let nodes = csv_rows(&nodes);
    let rels = csv_rows(&rels);
    assert_eq!(nodes[0], ["id:ID", ":LABEL", "name", "documents:string[]"]);
    assert_eq!(
        rels[0],
        [":START_ID", ":END_ID", ":TYPE", "confidence:float", "documents:string[]"]
    );
    assert_eq!(nodes.len() - 1, g.nodes.len());
    assert_eq!(rels.len() - 1, g.edges.len());
    let ids: std::collections::HashSet<&str> = nodes[1..].iter().map(|r| r[0].as_str()).collect();
    for r in &rels[1..] {
        assert_eq!(r.len(), 5, "{r:?}");
        assert!(ids.contains(r[0].as_str()) && ids.contains(r[1].as_str()), "{r:?}");
    }
    assert!(rels[1..].iter().any(|r| r[2] == "MET_WITH"));
}

/// A small CSV reader (quoted fields, `""` escapes, no newlines in fields).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            let (mut fields, mut cur, mut quoted, mut chars) =
                (Vec::new(), String::new(), false, line.chars().peekable());
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        chars.next();
                        cur.push('"');
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(std::mem::take(&mut cur)),
                    (c, _) => cur.push(c),
                }
            }
            assert!(!quoted, "unterminated quote: {line}");
            fields.push(cur);
            fields
        })
        .collect()
}

/// `extract --format jsonl` records of the three documents, made by hand.
fn extracted_lines() -> Vec<String> {
    docs()
        .into_iter()
        .enumerate()
        .map(|(i, (id, _, found))| {
            serde_json::json!({
                "id": id, "source": "run.jsonl", "line": i + 1,
                "entities": found.entities, "relations": found.relations, "graph": found.graph,
            })
            .to_string()
        })
        .collect()
}

#[test]
fn cli_ingests_extracted_records_reports_broken_lines_and_exports() {
    let dir = temp_dir("cli-extracted");
    let db = dir.join("kg.db");
    let input = dir.join("results.jsonl");
    let lines = extracted_lines();
    let data = format!("{}\n{{\"id\": \"broken\", \"entit\n{}\n{}\n", lines[0], lines[1], lines[2]);
    std::fs::write(&input, data).unwrap();
    let run = || rolegraph().arg("ingest").arg(&db).arg(&input).output().unwrap();
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let records: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 1, "{stdout}");
    assert_eq!(records[0]["line"], 2);
    assert_eq!(records[0]["error"]["kind"], "input");
    assert!(stderr.contains("results.jsonl:2: invalid JSON"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("ETA"), "{stderr}");

    let store = Store::open(&db).unwrap();
    let docs = rows(&store, "SELECT id FROM documents ORDER BY id").concat();
    assert_eq!(docs, ["a", "b", "c"]);
    let counts = store.counts().unwrap();
    drop(store);
    // Again: nothing changes (and the broken line is reported again).
    assert_eq!(run().status.code(), Some(1));
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), counts);

    for format in ["jsonld", "ntriples", "graphml", "dot"] {
        let path = dir.join(format!("kg.{format}"));
        let out = rolegraph()
            .args(["export"])
            .arg(&db)
            .args(["--format", format, "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read_to_string(&path).unwrap().contains("Goodale"), "{format}");
    }
    let neo = dir.join("neo4j");
    let out = rolegraph()
        .arg("export")
        .arg(&db)
        .args(["--format", "neo4j", "--out"])
        .arg(&neo)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(neo.join("nodes.csv").exists() && neo.join("relationships.csv").exists());

    // The archive of records without their text: pages list the facts only.
    let archive = dir.join("archive");
    let out = rolegraph().arg("report").arg(&db).arg("--out").arg(&archive).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("3 document pages (3 without their text"), "{stderr}");
    let index = std::fs::read_to_string(archive.join("index.html")).unwrap();
    assert!(index.contains("Ralph Goodale") && index.contains("no text"));
    let page = std::fs::read_to_string(archive.join("docs/a.html")).unwrap();
    assert!(page.contains("is not in the store") && page.contains("Ann Lee"));
}

#[test]
fn an_older_store_is_refused_with_a_clear_error() {
    let dir = temp_dir("old-version");
    let path = dir.join("old.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE documents (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, lang TEXT, \
         date TEXT); PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind(), rolegraph::ErrorKind::Store);
    let msg = err.to_string();
    assert!(msg.contains("schema version 1 was written by an older rolegraph"), "{msg}");
    assert!(msg.contains(&format!("reads version {}", rolegraph::store::SCHEMA_VERSION)));
    assert!(msg.contains("ingest the documents again"), "{msg}");
    let out = rolegraph().arg("report").arg(&path).arg("--out").arg(dir.join("a")).output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("older rolegraph"));
    assert!(!dir.join("a").exists(), "nothing written");
}

#[test]
fn cli_ingests_documents_with_the_corpus_runner() {
    let dir = temp_dir("cli-docs");
    let db = dir.join("kg.db");
    let input = dir.join("corpus.jsonl");
    let data = concat!(
        r#"{"id": "d1", "text": "Le ministre Ralph Goodale a rencontré Kevin McAleenan.", "date": "2019-06-10"}"#,
        "\n",
        "not json\n",
        r#"{"id": "d2", "text": "Angela Merkel traf Emmanuel Macron in Berlin."}"#,
        "\n",
    );
    std::fs::write(&input, data).unwrap();
    let run = || {
        rolegraph()
            .arg("ingest")
            .arg(&db)
            .arg(&input)
            .args(["--model", &fixture(), "--jobs", "2"])
            .output()
            .unwrap()
    };
    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(r#""line":2,"error":{"kind":"input""#), "{stdout}");
    assert!(stderr.contains("corpus.jsonl:2: invalid JSON"), "{stderr}");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        rows(&store, "SELECT id, date FROM documents ORDER BY id"),
        vec![
            vec!["d1".to_string(), "2019-06-10".to_string()],
            vec!["d2".to_string(), "NULL".to_string()],
        ]
    );
    let texts = rows(&store, "SELECT text FROM documents WHERE id = 'd1'");
    assert_eq!(texts[0][0], "Le ministre Ralph Goodale a rencontré Kevin McAleenan.");
    let counts = store.counts().unwrap();
    drop(store);
    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.contains("2 documents stored") && stderr.contains("(2 unchanged"), "{stderr}");
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), counts);
}

#[test]
fn the_embedded_model_end_to_end() {
    let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
    let found = rolegraph::extract(text).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.ingest("seed", text, &found).unwrap();
    let met = rows(
        &store,
        "SELECT a.name, b.name FROM meetings m JOIN people a ON a.id = m.person_a \
         JOIN people b ON b.id = m.person_b",
    );
    assert_eq!(met.len(), 1, "{met:?}");
    let mut pair = met[0].clone();
    pair.sort();
    assert_eq!(pair, ["Kevin McAleenan", "Ralph Goodale"]);
}
