//! GraphML and DOT writers (the RDF ones are in `rdf.rs`).

use std::fmt::Write as _;

use super::{EdgeKind, Graph, NodeKind};

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

impl Graph {
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
        assert_eq!(
            xml_escape("<a & 'b'> \"c\"\u{2}"),
            "&lt;a &amp; &apos;b&apos;&gt; &quot;c&quot;"
        );
        assert_eq!(dot_escape("say \"hi\"\\"), "say \\\"hi\\\"\\\\");
    }
}
