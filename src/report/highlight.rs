//! The document text with highlighted spans (entities, evidence, triggers,
//! topics) as nested HTML elements.
//!
//! Spans may nest and overlap in any way. The text is cut at every span
//! boundary; in each piece the open elements are the spans covering it, the
//! outer ones first (lower `rank`, then earlier start, then longer span, then
//! the order given). When a span must be closed while a span inside it goes
//! on, the inner one is closed and reopened as a continuation fragment, with
//! `cont` attributes (no id, no `ent` class), so every span has exactly one
//! first element. Atomic spans (entities) are never cut by other spans: a
//! boundary of a non-atomic span that falls strictly inside an atomic one is
//! moved outwards to the atomic span's edge; among themselves atomic spans
//! nest, and crossing ones continue in a fragment.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::escape::push_text;
use crate::Span;

/// One span to highlight.
pub(crate) struct Highlight {
    /// Byte range into the text.
    pub bytes: Span,
    /// Nesting rank: lower ranks are outer.
    pub rank: u8,
    /// Element name (`mark`, `span`).
    pub tag: &'static str,
    /// Attributes of the first fragment, escaped, with a leading space.
    pub attrs: String,
    /// Attributes of continuation fragments, escaped, with a leading space.
    pub cont: String,
    /// Never cut by other (non-atomic) spans.
    pub atomic: bool,
}

/// `true` when `bytes` is a non-empty range of `text` on char boundaries.
pub(crate) fn valid(text: &str, bytes: Span) -> bool {
    bytes.start < bytes.end
        && bytes.end <= text.len()
        && text.is_char_boundary(bytes.start)
        && text.is_char_boundary(bytes.end)
}

/// Moves the boundaries of non-atomic spans out of atomic ones.
fn snap(hs: &mut [Highlight]) {
    // The union of atomic spans, as disjoint sorted intervals (touching ones kept apart).
    let mut atoms: Vec<Span> = hs.iter().filter(|h| h.atomic).map(|h| h.bytes).collect();
    atoms.sort();
    let mut union: Vec<Span> = Vec::new();
    for a in atoms {
        match union.last_mut() {
            Some(u) if a.start < u.end => u.end = u.end.max(a.end),
            _ => union.push(a),
        }
    }
    // The interval that holds `p` strictly inside, if any.
    let inside = |p: usize| -> Option<Span> {
        let i = union.partition_point(|u| u.start < p);
        i.checked_sub(1).map(|i| union[i]).filter(|u| u.start < p && p < u.end)
    };
    for h in hs.iter_mut().filter(|h| !h.atomic) {
        if let Some(u) = inside(h.bytes.start) {
            h.bytes.start = u.start;
        }
        if let Some(u) = inside(h.bytes.end) {
            h.bytes.end = u.end;
        }
    }
}

/// `text` as HTML with the highlights (spans that are not [`valid`] are left out).
pub(crate) fn render(text: &str, mut hs: Vec<Highlight>) -> String {
    hs.retain(|h| valid(text, h.bytes));
    snap(&mut hs);
    let key = |i: usize| {
        let h = &hs[i];
        (h.rank, h.bytes.start, Reverse(h.bytes.end), i)
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(hs.iter().flat_map(|h| [h.bytes.start, h.bytes.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<usize> = (0..hs.len()).collect();
    by_start.sort_by_key(|&i| hs[i].bytes.start);
    let mut next = 0;
    let mut active: BTreeSet<(u8, usize, Reverse<usize>, usize)> = BTreeSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut opened = vec![false; hs.len()];
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        active.retain(|&(_, _, Reverse(end), _)| end > from);
        while next < by_start.len() && hs[by_start[next]].bytes.start <= from {
            active.insert(key(by_start[next]));
            next += 1;
        }
        let want: Vec<usize> = active.iter().map(|k| k.3).collect();
        let keep = stack.iter().zip(&want).take_while(|(a, b)| a == b).count();
        for &i in stack[keep..].iter().rev() {
            out.push_str("</");
            out.push_str(hs[i].tag);
            out.push('>');
        }
        stack.truncate(keep);
        for &i in &want[keep..] {
            let h = &hs[i];
            out.push('<');
            out.push_str(h.tag);
            out.push_str(if opened[i] { &h.cont } else { &h.attrs });
            out.push('>');
            opened[i] = true;
            stack.push(i);
        }
        push_text(&mut out, &text[from..to]);
    }
    for &i in stack.iter().rev() {
        out.push_str("</");
        out.push_str(hs[i].tag);
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(start: usize, end: usize, rank: u8, name: &str, atomic: bool) -> Highlight {
        Highlight {
            bytes: Span::new(start, end),
            rank,
            tag: "b",
            attrs: format!(" id=\"{name}\""),
            cont: format!(" class=\"{name}\""),
            atomic,
        }
    }

    #[test]
    fn nests_overlaps_and_snaps() {
        let t = "abcdefghij";
        // Nested and crossing atomic spans; an outer span starting inside one.
        let out = render(
            t,
            vec![
                h(0, 4, 9, "a", true),
                h(2, 6, 9, "b", true),
                h(1, 8, 0, "s", false),
                h(8, 9, 9, "c", true),
            ],
        );
        // `s` snapped to start at 0 (inside `a`), `b` continues after `a` ends.
        assert_eq!(
            out,
            "<b id=\"s\"><b id=\"a\">ab<b id=\"b\">cd</b></b><b class=\"b\">ef</b>gh</b><b id=\"c\">i</b>j"
        );
    }

    #[test]
    fn invalid_spans_are_left_out_and_text_escaped() {
        let t = "é<x>";
        let out = render(
            t,
            vec![h(1, 2, 0, "bad", true), h(0, 99, 0, "far", true), h(0, 2, 1, "e", true)],
        );
        assert_eq!(out, "<b id=\"e\">é</b>&lt;x&gt;");
        assert_eq!(render("", vec![h(0, 0, 0, "z", true)]), "");
    }

    #[test]
    fn every_span_opens_once_whatever_the_overlaps() {
        // Deterministic pseudo-random spans over a multi-byte text.
        let t = "Sécurité publique à Washington, 東京 et 😀 fin.";
        let bounds: Vec<usize> = (0..=t.len()).filter(|&b| t.is_char_boundary(b)).collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200 {
            let hs: Vec<Highlight> = (0..6)
                .map(|k| {
                    let a = bounds[rnd(bounds.len())];
                    let b = bounds[rnd(bounds.len())];
                    h(a.min(b), a.max(b), (k % 3) as u8, &format!("h{k}"), k % 2 == 0)
                })
                .collect();
            let expect: Vec<bool> = hs.iter().map(|x| valid(t, x.bytes)).collect();
            let out = render(t, hs);
            for (k, e) in expect.iter().enumerate() {
                assert_eq!(out.matches(&format!("id=\"h{k}\"")).count(), usize::from(*e), "{out}");
            }
            // Tags balance and the text survives.
            assert_eq!(out.matches("<b ").count(), out.matches("</b>").count());
            let plain: String = {
                let mut s = String::new();
                let mut in_tag = false;
                for c in out.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => s.push(c),
                        _ => {}
                    }
                }
                s
            };
            assert_eq!(plain, t);
        }
    }
}
