//! The RDF view of a [`Graph`]: one list of triples, written as N-Triples or
//! as JSON-LD, so that both exports always hold exactly the same graph.
//! The vocabulary and the provenance model are described in the
//! [`graph`](super) module docs.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use super::{Edge, EdgeKind, Graph, Node, NodeKind};

/// Prefix that turns a node id into an absolute IRI in RDF exports.
pub const ID_BASE: &str = "urn:rolegraph:";

/// Prefixes of the JSON-LD context; every predicate and class is written
/// compact (`schema:name`) and expanded with this table.
const PREFIXES: [(&str, &str); 7] = [
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("schema", "https://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("rg", "urn:rolegraph:vocab#"),
];

const RDF_TYPE: &str = "rdf:type";

/// The object of a triple.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Object {
    /// An absolute IRI.
    Iri(String),
    /// A node of the class (compact name).
    Class(&'static str),
    /// A literal with an optional datatype (compact name).
    Literal(String, Option<&'static str>),
}

/// One triple: subject IRI, compact predicate, object.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Triple {
    s: String,
    p: &'static str,
    o: Object,
}

/// Triples in insertion order, each once.
#[derive(Default)]
struct Triples {
    list: Vec<Triple>,
    seen: HashSet<Triple>,
}

impl Triples {
    fn push(&mut self, s: &str, p: &'static str, o: Object) {
        let t = Triple { s: s.to_string(), p, o };
        if self.seen.insert(t.clone()) {
            self.list.push(t);
        }
    }
    fn iri(&mut self, s: &str, p: &'static str, o: &str) {
        self.push(s, p, Object::Iri(o.to_string()));
    }
    fn lit(&mut self, s: &str, p: &'static str, v: &str) {
        self.push(s, p, Object::Literal(v.to_string(), None));
    }
}

/// `schema:name` → `https://schema.org/name`.
fn expand(compact: &str) -> String {
    match compact.split_once(':') {
        Some((prefix, rest)) => match PREFIXES.iter().find(|(p, _)| *p == prefix) {
            Some((_, ns)) => format!("{ns}{rest}"),
            None => compact.to_string(),
        },
        None => compact.to_string(),
    }
}

fn class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "schema:Person",
        NodeKind::Organization => "org:Organization",
        NodeKind::Location => "schema:Place",
        NodeKind::Post => "org:Post",
        NodeKind::Meeting => "schema:Event",
        NodeKind::Topic => "schema:DefinedTerm",
    }
}

fn predicate(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Holds => "org:holds",
        EdgeKind::PostIn => "org:postIn",
        // Stored person -> meeting; written meeting schema:attendee person.
        EdgeKind::Attended => "schema:attendee",
        EdgeKind::MetWith => "rg:metWith",
        EdgeKind::LocatedIn => "schema:location",
        EdgeKind::About => "schema:about",
        EdgeKind::Discussed => "rg:discussed",
    }
}

/// (subject, object) of an edge in RDF: `attended` is written as the
/// meeting's `schema:attendee`.
fn rdf_ends(e: &Edge) -> (&str, &str) {
    if e.kind == EdgeKind::Attended {
        (&e.target, &e.source)
    } else {
        (&e.source, &e.target)
    }
}

/// Percent-encodes (UTF-8) every character outside `keep` and ASCII letters and digits.
fn percent(s: &str, keep: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// The IRI of a node id.
pub(crate) fn iri(id: &str) -> String {
    // Ids are slugs joined by '/', so they are valid IRI characters already;
    // escape anything else defensively.
    let mut out = String::from(ID_BASE);
    percent(id, "-._~/", &mut out);
    out
}

/// The IRI of a document id: one path segment, whatever the id holds.
pub(crate) fn document_iri(doc: &str) -> String {
    let mut out = format!("{ID_BASE}document/");
    percent(doc, "-._~", &mut out);
    out
}

/// The part of a node id after its kind (`person/ralph-goodale` → `ralph-goodale`).
fn local(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, rest)| rest)
}

/// The XSD type of an ISO date as the relations stage writes it.
fn date_type(iso: &str) -> Option<&'static str> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y] if digits(y, 4) => Some("xsd:gYear"),
        [y, m] if digits(y, 4) && digits(m, 2) => Some("xsd:gYearMonth"),
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => Some("xsd:date"),
        _ => None,
    }
}

/// Documents of a provenance list, each once, in order.
fn documents(prov: &[super::Provenance]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for d in prov.iter().filter_map(|p| p.document.as_deref()) {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

fn node_triples(t: &mut Triples, n: &Node, docs: &mut Vec<String>) {
    let s = iri(&n.id);
    t.push(&s, RDF_TYPE, Object::Class(class(n.kind)));
    t.lit(&s, "rdfs:label", &n.label);
    t.lit(&s, "schema:name", &n.label);
    let prop = |k: &str| n.properties.get(k).and_then(Value::as_str);
    match n.kind {
        NodeKind::Post => {
            if let Some(v) = prop("title") {
                t.lit(&s, "rg:title", v);
            }
            if let Some(v) = prop("of") {
                t.lit(&s, "rg:of", v);
            }
        }
        NodeKind::Meeting => {
            if let Some(v) = prop("iso_date") {
                t.push(&s, "schema:startDate", Object::Literal(v.to_string(), date_type(v)));
            }
            if let Some(v) = prop("trigger") {
                t.lit(&s, "rg:trigger", v);
            }
        }
        NodeKind::Person => {
            if let Some(Value::Array(ms)) = n.properties.get("mentions") {
                for m in ms.iter().filter_map(Value::as_str) {
                    t.lit(&s, "schema:alternateName", m);
                }
            }
        }
        _ => {}
    }
    for d in documents(&n.provenance) {
        derived(t, &s, d, docs);
    }
}

/// `s prov:wasDerivedFrom <document>`, remembering the document.
fn derived(t: &mut Triples, s: &str, doc: &str, docs: &mut Vec<String>) {
    t.iri(s, "prov:wasDerivedFrom", &document_iri(doc));
    if !docs.iter().any(|d| d == doc) {
        docs.push(doc.to_string());
    }
}

impl Graph {
    /// Every triple of the RDF exports, in a stable order.
    fn triples(&self) -> Vec<Triple> {
        let mut t = Triples::default();
        let mut docs: Vec<String> = Vec::new();
        let label = |id: &str| self.node(id).map_or_else(|| id.to_string(), |n| n.label.clone());
        for n in &self.nodes {
            node_triples(&mut t, n, &mut docs);
        }
        for e in &self.edges {
            let (s, o) = rdf_ends(e);
            t.iri(&iri(s), predicate(e.kind), &iri(o));
        }
        // Qualified relations that carry their documents (module docs).
        let post_in: HashMap<&str, Vec<&str>> =
            self.edges_of(EdgeKind::PostIn).fold(HashMap::new(), |mut m, e| {
                m.entry(e.source.as_str()).or_default().push(e.target.as_str());
                m
            });
        for e in self.edges_of(EdgeKind::Holds) {
            let m = iri(&format!("membership/{}/{}", local(&e.source), local(&e.target)));
            t.push(&m, RDF_TYPE, Object::Class("org:Membership"));
            t.lit(&m, "rdfs:label", &format!("{} — {}", label(&e.source), label(&e.target)));
            t.iri(&m, "org:member", &iri(&e.source));
            t.iri(&m, "rg:post", &iri(&e.target));
            for org in post_in.get(e.target.as_str()).into_iter().flatten() {
                t.iri(&m, "org:organization", &iri(org));
            }
            for d in documents(&e.provenance) {
                derived(&mut t, &m, d, &mut docs);
            }
        }
        // One discussion per (topic, document): who and which meeting, as that document says.
        // (topic id, document) → (edge kind, person or meeting id)
        type Key<'g> = (&'g str, Option<&'g str>);
        let mut discussions: Vec<Key> = Vec::new();
        let mut said: HashMap<Key, BTreeSet<(EdgeKind, &str)>> = HashMap::new();
        for e in
            self.edges.iter().filter(|e| matches!(e.kind, EdgeKind::Discussed | EdgeKind::About))
        {
            let mut ds: Vec<Option<&str>> =
                documents(&e.provenance).into_iter().map(Some).collect();
            if ds.is_empty() {
                ds.push(None);
            }
            for d in ds {
                let key = (e.target.as_str(), d);
                if !said.contains_key(&key) {
                    discussions.push(key);
                }
                said.entry(key).or_default().insert((e.kind, e.source.as_str()));
            }
        }
        for key @ (topic, doc) in discussions {
            let mut id = format!("{ID_BASE}discussion/");
            percent(local(topic), "-._~", &mut id);
            if let Some(d) = doc {
                id.push('/');
                percent(d, "-._~", &mut id);
            }
            t.push(&id, RDF_TYPE, Object::Class("rg:Discussion"));
            t.lit(&id, "rdfs:label", &format!("Discussion: {}", label(topic)));
            t.iri(&id, "schema:about", &iri(topic));
            for &(kind, who) in &said[&key] {
                let p = if kind == EdgeKind::Discussed { "rg:participant" } else { "rg:meeting" };
                t.iri(&id, p, &iri(who));
            }
            if let Some(d) = doc {
                derived(&mut t, &id, d, &mut docs);
            }
        }
        for d in &docs {
            let s = document_iri(d);
            t.push(&s, RDF_TYPE, Object::Class("prov:Entity"));
            t.lit(&s, "schema:identifier", d);
        }
        t.list
    }

    /// JSON-LD (schema.org, W3C ORG, PROV; vocabulary in the module docs):
    /// the same triples as [`Graph::to_ntriples`], one object per subject.
    ///
    /// ```
    /// let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
    /// let found = rolegraph::extract(text)?;
    /// let mut graph = found.graph;
    /// graph.assign_document("note-1");
    /// let ld: serde_json::Value = serde_json::from_str(&graph.to_jsonld()).unwrap();
    /// let meeting = ld["@graph"].as_array().unwrap().iter()
    ///     .find(|o| o["@type"] == "schema:Event").unwrap();
    /// assert_eq!(meeting["prov:wasDerivedFrom"][0]["@id"], "urn:rolegraph:document/note-1");
    /// # Ok::<(), rolegraph::Error>(())
    /// ```
    pub fn to_jsonld(&self) -> String {
        let mut objs: Vec<Map<String, Value>> = Vec::new();
        let mut pos: HashMap<String, usize> = HashMap::new();
        for tr in self.triples() {
            let i = *pos.entry(tr.s.clone()).or_insert_with(|| {
                let mut o = Map::new();
                o.insert("@id".into(), Value::String(tr.s.clone()));
                objs.push(o);
                objs.len() - 1
            });
            let o = &mut objs[i];
            let (key, v, always_array) = match tr.o {
                Object::Class(c) if tr.p == RDF_TYPE => ("@type".to_string(), json!(c), false),
                Object::Class(c) => (tr.p.to_string(), json!({ "@id": expand(c) }), true),
                Object::Iri(x) => (tr.p.to_string(), json!({ "@id": x }), true),
                Object::Literal(x, None) => (tr.p.to_string(), Value::String(x), false),
                Object::Literal(x, Some(dt)) => {
                    (tr.p.to_string(), json!({ "@value": x, "@type": dt }), false)
                }
            };
            match o.get_mut(&key) {
                Some(Value::Array(a)) => a.push(v),
                Some(old) => {
                    let prev = old.take();
                    *old = Value::Array(vec![prev, v]);
                }
                None if always_array => {
                    o.insert(key, Value::Array(vec![v]));
                }
                None => {
                    o.insert(key, v);
                }
            }
        }
        let context: Map<String, Value> =
            PREFIXES.iter().map(|(p, ns)| (p.to_string(), Value::String(ns.to_string()))).collect();
        let doc = json!({
            "@context": context,
            "@graph": objs.into_iter().map(Value::Object).collect::<Vec<_>>()
        });
        serde_json::to_string_pretty(&doc).expect("JSON-LD serialises") + "\n"
    }

    /// N-Triples (RDF 1.1): one triple per line, node IRIs `urn:rolegraph:<id>`,
    /// literals escaped; the same triples as [`Graph::to_jsonld`].
    pub fn to_ntriples(&self) -> String {
        let mut out = String::new();
        for tr in self.triples() {
            let o = match &tr.o {
                Object::Iri(x) => format!("<{x}>"),
                Object::Class(c) => format!("<{}>", expand(c)),
                Object::Literal(x, None) => format!("\"{}\"", nt_escape(x)),
                Object::Literal(x, Some(dt)) => format!("\"{}\"^^<{}>", nt_escape(x), expand(dt)),
            };
            let _ = writeln!(out, "<{}> <{}> {o} .", tr.s, expand(tr.p));
        }
        out
    }
}

/// N-Triples string literal escaping (RDF 1.1 `ECHAR` / `UCHAR`).
pub(crate) fn nt_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_iris() {
        assert_eq!(nt_escape("a\"b\\c\nd\u{1}"), "a\\\"b\\\\c\\nd\\u0001");
        assert_eq!(iri("person/jean yves"), "urn:rolegraph:person/jean%20yves");
        assert_eq!(document_iri("news/2019 #1"), "urn:rolegraph:document/news%2F2019%20%231");
        assert_eq!(expand("schema:name"), "https://schema.org/name");
        assert_eq!(date_type("2019-06-10"), Some("xsd:date"));
        assert_eq!(date_type("2019-06"), Some("xsd:gYearMonth"));
        assert_eq!(date_type("juin"), None);
    }
}
