//! JSON-LD, N-Triples, GraphML and DOT writers.

use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use super::{EdgeKind, Graph, Node, NodeKind};

/// Prefix that turns a node id into an absolute IRI in RDF exports.
pub const ID_BASE: &str = "urn:rolegraph:";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SCHEMA: &str = "https://schema.org/";
const ORG: &str = "http://www.w3.org/ns/org#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const RG: &str = "urn:rolegraph:vocab#";

fn class(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("schema:Person", "https://schema.org/Person"),
        NodeKind::Organization => ("org:Organization", "http://www.w3.org/ns/org#Organization"),
        NodeKind::Location => ("schema:Place", "https://schema.org/Place"),
        NodeKind::Post => ("org:Post", "http://www.w3.org/ns/org#Post"),
        NodeKind::Meeting => ("schema:Event", "https://schema.org/Event"),
        NodeKind::Topic => ("schema:DefinedTerm", "https://schema.org/DefinedTerm"),
    }
}

fn predicate(kind: EdgeKind) -> (&'static str, String) {
    match kind {
        EdgeKind::Holds => ("org:holds", format!("{ORG}holds")),
        EdgeKind::PostIn => ("org:postIn", format!("{ORG}postIn")),
        // Stored person -> meeting; written meeting schema:attendee person.
        EdgeKind::Attended => ("schema:attendee", format!("{SCHEMA}attendee")),
        EdgeKind::MetWith => ("rg:metWith", format!("{RG}metWith")),
        EdgeKind::LocatedIn => ("schema:location", format!("{SCHEMA}location")),
        EdgeKind::About => ("schema:about", format!("{SCHEMA}about")),
        EdgeKind::Discussed => ("rg:discussed", format!("{RG}discussed")),
    }
}

/// (subject, object) of an edge in RDF: `attended` is written as the
/// meeting's `schema:attendee`.
fn rdf_ends(e: &super::Edge) -> (&str, &str) {
    if e.kind == EdgeKind::Attended {
        (&e.target, &e.source)
    } else {
        (&e.source, &e.target)
    }
}

fn iri(id: &str) -> String {
    // Ids are slugs joined by '/', so they are valid IRI characters already;
    // escape anything else defensively.
    let mut out = String::from(ID_BASE);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || "-._~/".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
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

/// XML text and attribute escaping; characters not allowed in XML 1.0 are dropped.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// DOT double-quoted string escaping.
pub(crate) fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\r', "")
}

fn literal_props(n: &Node) -> Vec<(&'static str, String, String)> {
    // (compact predicate, full predicate IRI, value)
    let mut out = Vec::new();
    out.push(("schema:name", format!("{SCHEMA}name"), n.label.clone()));
    let s = |k: &str| n.properties.get(k).and_then(Value::as_str).map(str::to_string);
    match n.kind {
        NodeKind::Post => {
            if let Some(t) = s("title") {
                out.push(("rg:title", format!("{RG}title"), t));
            }
            if let Some(t) = s("of") {
                out.push(("rg:of", format!("{RG}of"), t));
            }
        }
        NodeKind::Meeting => {
            if let Some(t) = s("iso_date") {
                out.push(("schema:startDate", format!("{SCHEMA}startDate"), t));
            }
            if let Some(t) = s("trigger") {
                out.push(("rg:trigger", format!("{RG}trigger"), t));
            }
        }
        NodeKind::Person => {
            if let Some(Value::Array(ms)) = n.properties.get("mentions") {
                for m in ms.iter().filter_map(Value::as_str) {
                    out.push((
                        "schema:alternateName",
                        format!("{SCHEMA}alternateName"),
                        m.to_string(),
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

impl Graph {
    /// JSON-LD with schema.org and the W3C ORG ontology: persons are
    /// `schema:Person` with `org:holds` → `org:Post` (`org:postIn` →
    /// `org:Organization`); meetings are `schema:Event` with `schema:attendee`,
    /// `schema:location`, `schema:startDate` and `schema:about`.
    pub fn to_jsonld(&self) -> String {
        let mut objs: Vec<Map<String, Value>> = Vec::new();
        let mut pos = std::collections::HashMap::new();
        for n in &self.nodes {
            let mut o = Map::new();
            o.insert("@id".into(), Value::String(iri(&n.id)));
            o.insert("@type".into(), Value::String(class(n.kind).0.into()));
            for (k, _, v) in literal_props(n) {
                match o.get_mut(k) {
                    Some(Value::Array(a)) => a.push(Value::String(v)),
                    Some(old) => {
                        let prev = old.take();
                        *old = Value::Array(vec![prev, Value::String(v)]);
                    }
                    None => {
                        o.insert(k.into(), Value::String(v));
                    }
                }
            }
            let docs: Vec<Value> = n
                .provenance
                .iter()
                .filter_map(|p| p.document.as_ref())
                .map(|d| json!({"@id": format!("{ID_BASE}document/{d}")}))
                .collect();
            if !docs.is_empty() {
                o.insert("prov:wasDerivedFrom".into(), Value::Array(docs));
            }
            pos.insert(n.id.clone(), objs.len());
            objs.push(o);
        }
        for e in &self.edges {
            let (s, t) = rdf_ends(e);
            let (k, _) = predicate(e.kind);
            if let Some(&i) = pos.get(s) {
                let v = json!({"@id": iri(t)});
                match objs[i].get_mut(k) {
                    Some(Value::Array(a)) => a.push(v),
                    _ => {
                        objs[i].insert(k.into(), Value::Array(vec![v]));
                    }
                }
            }
        }
        let doc = json!({
            "@context": {
                "schema": SCHEMA,
                "org": ORG,
                "prov": PROV,
                "rg": RG,
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"
            },
            "@graph": objs.into_iter().map(Value::Object).collect::<Vec<_>>()
        });
        serde_json::to_string_pretty(&doc).expect("JSON-LD serialises")
    }

    /// N-Triples: one triple per line, IRIs `urn:rolegraph:<id>`, literals escaped.
    pub fn to_ntriples(&self) -> String {
        let mut out = String::new();
        for n in &self.nodes {
            let s = iri(&n.id);
            let _ = writeln!(out, "<{s}> <{RDF_TYPE}> <{}> .", class(n.kind).1);
            let _ = writeln!(out, "<{s}> <{RDFS_LABEL}> \"{}\" .", nt_escape(&n.label));
            for (_, p, v) in literal_props(n) {
                let _ = writeln!(out, "<{s}> <{p}> \"{}\" .", nt_escape(&v));
            }
            for d in n.provenance.iter().filter_map(|p| p.document.as_ref()) {
                let _ = writeln!(
                    out,
                    "<{s}> <{PROV}wasDerivedFrom> <{}> .",
                    iri(&format!("document/{d}"))
                );
            }
        }
        for e in &self.edges {
            let (s, t) = rdf_ends(e);
            let _ = writeln!(out, "<{}> <{}> <{}> .", iri(s), predicate(e.kind).1, iri(t));
        }
        out
    }

    /// GraphML with `kind`, `label` and (edges) `confidence` attributes.
    pub fn to_graphml(&self) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        out.push_str("  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n");
        out.push_str(
            "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        );
        out.push_str(
            "  <key id=\"ekind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        );
        out.push_str("  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>\n");
        out.push_str("  <graph id=\"rolegraph\" edgedefault=\"directed\">\n");
        for n in &self.nodes {
            let _ = writeln!(
                out,
                "    <node id=\"{}\"><data key=\"kind\">{}</data><data key=\"label\">{}</data></node>",
                xml_escape(&n.id),
                n.kind.prefix(),
                xml_escape(&n.label)
            );
        }
        for (i, e) in self.edges.iter().enumerate() {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"ekind\">{kind}</data><data key=\"confidence\">{:.3}</data></edge>",
                xml_escape(&e.source),
                xml_escape(&e.target),
                e.confidence
            );
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    /// Graphviz DOT (`digraph`), one shape per node kind; `met_with` edges undirected-looking.
    pub fn to_dot(&self) -> String {
        let mut out =
            String::from("digraph rolegraph {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for n in &self.nodes {
            let shape = match n.kind {
                NodeKind::Person => "ellipse",
                NodeKind::Organization => "box",
                NodeKind::Location => "house",
                NodeKind::Post => "note",
                NodeKind::Meeting => "diamond",
                NodeKind::Topic => "plaintext",
            };
            let _ = writeln!(
                out,
                "  \"{}\" [label=\"{}\", shape={shape}];",
                dot_escape(&n.id),
                dot_escape(&n.label)
            );
        }
        for e in &self.edges {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let extra = if e.kind == EdgeKind::MetWith { ", dir=both" } else { "" };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{extra}];",
                dot_escape(&e.source),
                dot_escape(&e.target),
                kind
            );
        }
        out.push_str("}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(nt_escape("a\"b\\c\nd\u{1}"), "a\\\"b\\\\c\\nd\\u0001");
        assert_eq!(
            xml_escape("<a & 'b'> \"c\"\u{2}"),
            "&lt;a &amp; &apos;b&apos;&gt; &quot;c&quot;"
        );
        assert_eq!(dot_escape("say \"hi\"\\"), "say \\\"hi\\\"\\\\");
        assert_eq!(iri("person/jean yves"), "urn:rolegraph:person/jean%20yves");
    }
}
