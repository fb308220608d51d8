//! The knowledge graph drawn as inline SVG, with a layered layout computed
//! here (no script, no library): one column per node kind — organisations,
//! posts, people, meetings, then topics and places — and, inside a column,
//! nodes ordered by the mean row of their neighbours in the people column
//! (ties in graph order), so that the drawing is the same on every run.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::escape::{short, text};
use crate::graph::{EdgeKind, Graph, NodeKind};

/// Nodes drawn at most; larger graphs keep their best-connected nodes.
pub(crate) const MAX_NODES: usize = 120;

const COLUMNS: [(&str, f32); 5] = [
    ("Organisations", 210.0),
    ("Posts", 230.0),
    ("People", 170.0),
    ("Meetings", 210.0),
    ("Topics and places", 300.0),
];
const GAP: f32 = 70.0;
const ROW: f32 = 34.0;
const BOX: f32 = 24.0;
const TOP: f32 = 40.0;
const MARGIN: f32 = 16.0;
/// Average width of a 12px character, for cutting labels to their box.
const CHAR_W: f32 = 6.6;

fn column(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Organization => 0,
        NodeKind::Post => 1,
        NodeKind::Person => 2,
        NodeKind::Meeting => 3,
        NodeKind::Topic | NodeKind::Location => 4,
    }
}

fn edge_class(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Holds => "holds",
        EdgeKind::PostIn => "post_in",
        EdgeKind::Attended => "attended",
        EdgeKind::MetWith => "met_with",
        EdgeKind::LocatedIn => "located_in",
        EdgeKind::About => "about",
        EdgeKind::Discussed => "discussed",
    }
}

/// The graph as an `<svg>` element (with a caption when nodes were left out).
pub(crate) fn graph(g: &Graph) -> String {
    let index: HashMap<&str, usize> =
        g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let edges: Vec<(usize, usize, EdgeKind)> = g
        .edges
        .iter()
        .filter_map(|e| {
            Some((*index.get(e.source.as_str())?, *index.get(e.target.as_str())?, e.kind))
        })
        .filter(|(a, b, _)| a != b)
        .collect();
    let mut degree = vec![0usize; g.nodes.len()];
    for &(a, b, _) in &edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    // Which nodes are drawn.
    let mut shown: Vec<bool> = vec![true; g.nodes.len()];
    if g.nodes.len() > MAX_NODES {
        let mut order: Vec<usize> = (0..g.nodes.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(degree[i]), i));
        shown = vec![false; g.nodes.len()];
        for &i in order.iter().take(MAX_NODES) {
            shown[i] = true;
        }
    }
    let edges: Vec<(usize, usize, EdgeKind)> =
        edges.into_iter().filter(|&(a, b, _)| shown[a] && shown[b]).collect();

    // Rows: people in graph order, then every other column by the mean row
    // of its neighbours already placed (people first, then the column before).
    let mut cols: Vec<Vec<usize>> = vec![Vec::new(); COLUMNS.len()];
    for (i, n) in g.nodes.iter().enumerate().filter(|(i, _)| shown[*i]) {
        cols[column(n.kind)].push(i);
    }
    let mut row: HashMap<usize, f32> = HashMap::new();
    for (r, &i) in cols[2].iter().enumerate() {
        row.insert(i, r as f32);
    }
    for c in [1, 0, 3, 4] {
        let mut keyed: Vec<(f32, usize)> = cols[c]
            .iter()
            .map(|&i| {
                let near: Vec<f32> = edges
                    .iter()
                    .filter_map(|&(a, b, _)| match (a == i, b == i) {
                        (true, _) => row.get(&b).copied(),
                        (_, true) => row.get(&a).copied(),
                        _ => None,
                    })
                    .collect();
                let bary = if near.is_empty() {
                    f32::MAX
                } else {
                    near.iter().sum::<f32>() / near.len() as f32
                };
                (bary, i)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        cols[c] = keyed.into_iter().map(|(_, i)| i).collect();
        for (r, &i) in cols[c].iter().enumerate() {
            row.insert(i, r as f32);
        }
    }

    let mut x0 = [0f32; COLUMNS.len()];
    let mut x = MARGIN;
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        x0[c] = x;
        x += w + GAP;
    }
    let width = x - GAP + MARGIN + 60.0;
    let rows = cols.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let height = TOP + rows as f32 * ROW + MARGIN;
    let pos = |i: usize| -> (f32, f32, f32) {
        let c = column(g.nodes[i].kind);
        (x0[c], TOP + row[&i] * ROW, COLUMNS[c].1)
    };

    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Knowledge graph: {} nodes, {} edges\" \
         data-nodes=\"{}\" data-edges=\"{}\">",
        shown.iter().filter(|s| **s).count(),
        edges.len(),
        shown.iter().filter(|s| **s).count(),
        edges.len()
    );
    out.push_str(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8 z\" \
         fill=\"#8a94a6\"/></marker></defs>",
    );
    for (c, (title, _)) in COLUMNS.iter().enumerate() {
        if !cols[c].is_empty() {
            let _ = write!(
                out,
                "<text class=\"col\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x0[c],
                TOP - 16.0,
                title
            );
        }
    }
    out.push_str("<g class=\"edges\">");
    for &(a, b, kind) in &edges {
        let (ax, ay, aw) = pos(a);
        let (bx, by, bw) = pos(b);
        let (ay, by) = (ay + BOX / 2.0, by + BOX / 2.0);
        let d = if column(g.nodes[a].kind) == column(g.nodes[b].kind) {
            // Same column (met with): an arc on the right.
            let xr = ax + aw;
            let bulge = 40.0 + (ay - by).abs() * 0.25;
            format!(
                "M{xr:.1},{ay:.1} C{:.1},{ay:.1} {:.1},{by:.1} {xr:.1},{by:.1}",
                xr + bulge,
                xr + bulge
            )
        } else {
            let (sx, tx) = if ax < bx { (ax + aw, bx) } else { (ax, bx + bw) };
            let mx = (sx + tx) / 2.0;
            format!("M{sx:.1},{ay:.1} C{mx:.1},{ay:.1} {mx:.1},{by:.1} {tx:.1},{by:.1}")
        };
        let marker = if kind == EdgeKind::MetWith { "" } else { " marker-end=\"url(#arrow)\"" };
        let _ = write!(
            out,
            "<path class=\"edge edge-{}\" d=\"{d}\"{marker}><title>{} → {}: {}</title></path>",
            edge_class(kind),
            text(&g.nodes[a].label),
            text(&g.nodes[b].label),
            edge_class(kind).replace('_', " ")
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for (i, n) in g.nodes.iter().enumerate().filter(|(i, _)| shown[*i]) {
        let (x, y, w) = pos(i);
        let fit = ((w - 16.0) / CHAR_W) as usize;
        let _ = write!(
            out,
            "<g class=\"node node-{}{}\" data-id=\"{}\"><title>{}</title>\
             <rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BOX:.1}\" rx=\"5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            n.kind.prefix(),
            if degree[i] == 0 { " lone" } else { "" },
            text(&n.id),
            text(&n.label),
            x + 8.0,
            y + BOX / 2.0 + 4.0,
            text(&short(&n.label, fit))
        );
    }
    out.push_str("</g></svg>");
    let hidden = shown.iter().filter(|s| !**s).count();
    if hidden > 0 {
        let _ = write!(
            out,
            "<p class=\"note\">{hidden} of {} nodes are not drawn (the {MAX_NODES} with the most links are).</p>",
            g.nodes.len()
        );
    }
    out
}
