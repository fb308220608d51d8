//! The store read back as one [`Graph`], and Neo4j import files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph::{short_slug, Edge, EdgeKind, Graph, Node, NodeKind, Provenance};
use crate::relate::slug;

fn prov(doc: String) -> Vec<Provenance> {
    vec![Provenance { document: Some(doc), evidence: None }]
}

fn node(
    id: String,
    kind: NodeKind,
    label: String,
    props: BTreeMap<String, Value>,
    doc: String,
) -> Node {
    Node { id, kind, label, properties: props, provenance: prov(doc) }
}

fn edge(source: &str, target: &str, kind: EdgeKind, confidence: f64, doc: String) -> Edge {
    Edge {
        source: source.to_string(),
        target: target.to_string(),
        kind,
        confidence: confidence as f32,
        provenance: prov(doc),
    }
}

/// The graph id of a stored person: stable as long as the store is.
fn person_id(id: i64) -> String {
    format!("person/{id}")
}

fn meeting_id(doc: &str, start: i64) -> String {
    format!("meeting/{}--{start}", short_slug(doc))
}

pub(super) fn to_graph(conn: &Connection) -> rusqlite::Result<Graph> {
    let mut g = Graph::new();
    // People, with every name form and the documents that mention them.
    let mut names: HashMap<i64, Vec<Value>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT person, name FROM person_names ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let v = Value::String(r.get(1)?);
        let list = names.entry(r.get(0)?).or_default();
        if !list.contains(&v) {
            list.push(v);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, n.doc FROM people p JOIN person_names n ON n.person = p.id \
         GROUP BY p.id, n.doc ORDER BY p.id, min(n.rowid)",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let mut props = BTreeMap::new();
        props.insert("mentions".into(), Value::Array(names.get(&id).cloned().unwrap_or_default()));
        g.add_node(node(person_id(id), NodeKind::Person, r.get(1)?, props, r.get(2)?));
    }
    // Posts and agencies, ids as in `Graph::from_relations`.
    let mut stmt = conn.prepare(
        "SELECT p.person, p.title, p.\"of\", a.name, p.doc, p.confidence, pe.name \
         FROM posts p LEFT JOIN agencies a ON a.id = p.agency JOIN people pe ON pe.id = p.person \
         ORDER BY p.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let person: i64 = r.get(0)?;
        let title: String = r.get::<_, Option<String>>(1)?.unwrap_or_else(|| "member".into());
        let of: Option<String> = r.get(2)?;
        let agency: Option<String> = r.get::<_, Option<String>>(3)?.or_else(|| of.clone());
        let doc: String = r.get(4)?;
        let confidence: f64 = r.get(5)?;
        let holder: String = r.get(6)?;
        let key = match &agency {
            Some(a) => format!("{}--{}", short_slug(&title), short_slug(a)),
            None => format!("{}--{}", short_slug(&title), slug(&holder)),
        };
        let mut props = BTreeMap::new();
        props.insert("title".into(), Value::String(title.clone()));
        if let Some(o) = &of {
            props.insert("of".into(), Value::String(o.clone()));
        }
        let label = match &of {
            Some(o) => format!("{title} ({o})"),
            None => title.clone(),
        };
        let post =
            g.add_node(node(format!("post/{key}"), NodeKind::Post, label, props, doc.clone()));
        g.add_edge(edge(&person_id(person), &post, EdgeKind::Holds, confidence, doc.clone()));
        if let Some(a) = agency {
            let org = format!("org/{}", short_slug(&a));
            g.add_node(node(org.clone(), NodeKind::Organization, a, BTreeMap::new(), doc.clone()));
            g.add_edge(edge(&post, &org, EdgeKind::PostIn, confidence, doc));
        }
    }
    // Meetings: one node per reported meeting (document + evidence span),
    // attended by everyone in its pairs.
    let mut stmt = conn.prepare(
        "SELECT m.person_a, m.person_b, m.doc, m.start, m.date, m.date_text, m.place, \
         m.\"trigger\", m.confidence, a.name, b.name \
         FROM meetings m JOIN people a ON a.id = m.person_a JOIN people b ON b.id = m.person_b \
         ORDER BY m.doc, m.start, m.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut attendees: BTreeMap<String, BTreeSet<(i64, String)>> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let (a, b): (i64, i64) = (r.get(0)?, r.get(1)?);
        let doc: String = r.get(2)?;
        let mid = meeting_id(&doc, r.get(3)?);
        let iso: Option<String> = r.get(4)?;
        let confidence: f64 = r.get(8)?;
        let mut props = BTreeMap::new();
        props.insert("trigger".into(), Value::String(r.get(7)?));
        if let Some(d) = r.get::<_, Option<String>>(5)? {
            props.insert("date".into(), Value::String(d));
        }
        if let Some(i) = &iso {
            props.insert("iso_date".into(), Value::String(i.clone()));
        }
        let people = attendees.entry(mid.clone()).or_default();
        people.insert((a, r.get(9)?));
        people.insert((b, r.get(10)?));
        let who: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
        let label = format!(
            "Meeting: {}{}",
            who.join(", "),
            iso.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
        );
        g.add_node(node(mid.clone(), NodeKind::Meeting, label.clone(), props, doc.clone()));
        if let Some(n) = g.nodes.iter_mut().rev().find(|n| n.id == mid) {
            n.label = label;
        }
        for p in [a, b] {
            g.add_edge(edge(&person_id(p), &mid, EdgeKind::Attended, confidence, doc.clone()));
        }
        g.add_edge(edge(&person_id(a), &person_id(b), EdgeKind::MetWith, confidence, doc.clone()));
        if let Some(place) = r.get::<_, Option<String>>(6)? {
            let lid = format!("location/{}", short_slug(&place));
            if lid != "location/" {
                g.add_node(node(
                    lid.clone(),
                    NodeKind::Location,
                    place,
                    BTreeMap::new(),
                    doc.clone(),
                ));
                g.add_edge(edge(&mid, &lid, EdgeKind::LocatedIn, confidence, doc));
            }
        }
    }
    // Topics, who discussed them, and the meeting they belong to.
    let mut stmt = conn.prepare(
        "SELECT d.id, d.doc, d.topic, d.confidence, d.meeting_start, \
         (SELECT group_concat(person) FROM discussion_participants WHERE discussion = d.id) \
         FROM discussions d ORDER BY d.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let doc: String = r.get(1)?;
        let topic: String = r.get(2)?;
        let tid = format!("topic/{}", short_slug(&topic));
        if tid == "topic/" {
            continue;
        }
        let confidence: f64 = r.get(3)?;
        let mut props = BTreeMap::new();
        props.insert("text".into(), Value::String(topic.clone()));
        g.add_node(node(tid.clone(), NodeKind::Topic, topic, props, doc.clone()));
        if let Some(ms) = r.get::<_, Option<i64>>(4)? {
            let mid = meeting_id(&doc, ms);
            if g.node(&mid).is_some() {
                g.add_edge(edge(&mid, &tid, EdgeKind::About, confidence, doc.clone()));
            }
        }
        let participants: Option<String> = r.get(5)?;
        for p in participants.iter().flat_map(|s| s.split(',')).filter_map(|p| p.parse().ok()) {
            g.add_edge(edge(&person_id(p), &tid, EdgeKind::Discussed, confidence, doc.clone()));
        }
    }
    Ok(g)
}

/// A CSV field, always quoted (`"` doubled), as `neo4j-admin` reads it.
fn csv(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "Person",
        NodeKind::Organization => "Organization",
        NodeKind::Location => "Location",
        NodeKind::Post => "Post",
        NodeKind::Meeting => "Meeting",
        NodeKind::Topic => "Topic",
    }
}

fn rel_type(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Holds => "HOLDS",
        EdgeKind::PostIn => "POST_IN",
        EdgeKind::Attended => "ATTENDED",
        EdgeKind::MetWith => "MET_WITH",
        EdgeKind::LocatedIn => "LOCATED_IN",
        EdgeKind::About => "ABOUT",
        EdgeKind::Discussed => "DISCUSSED",
    }
}

/// The documents of a provenance list, `;`-separated (Neo4j's array delimiter).
fn documents(prov: &[Provenance]) -> String {
    let docs: BTreeSet<&str> = prov.iter().filter_map(|p| p.document.as_deref()).collect();
    docs.into_iter().map(|d| d.replace(';', ",")).collect::<Vec<_>>().join(";")
}

pub(super) fn to_neo4j_csv(g: &Graph, dir: &Path) -> Result<()> {
    let io = |path: &Path, e: std::io::Error| {
        Error::new(crate::ErrorKind::Io, format!("cannot write {}: {e}", path.display()))
            .with_path(path)
            .with_source(e)
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let path = dir.join("nodes.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| io(&path, e))?);
    let mut out = String::from("id:ID,:LABEL,name,documents:string[]\n");
    for n in &g.nodes {
        out.push_str(&format!(
            "{},{},{},{}\n",
            csv(&n.id),
            label(n.kind),
            csv(&n.label),
            csv(&documents(&n.provenance))
        ));
    }
    w.write_all(out.as_bytes()).and_then(|()| w.flush()).map_err(|e| io(&path, e))?;
    let path = dir.join("relationships.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| io(&path, e))?);
    let mut out = String::from(":START_ID,:END_ID,:TYPE,confidence:float,documents:string[]\n");
    for e in &g.edges {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            csv(&e.source),
            csv(&e.target),
            rel_type(e.kind),
            e.confidence,
            csv(&documents(&e.provenance))
        ));
    }
    w.write_all(out.as_bytes()).and_then(|()| w.flush()).map_err(|e| io(&path, e))?;
    Ok(())
}
