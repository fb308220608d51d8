//! Plain-text tables of an [`Extraction`], as printed by the command line
//! and the examples.

use std::fmt::Write;

use crate::extractor::Extraction;
use crate::relate::{Relations, TextSpan};

/// One line, control characters shown as spaces, cut to `max` chars with `…`.
fn cell(s: &str, max: usize) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if clean.chars().count() <= max {
        clean
    } else {
        let mut t: String = clean.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// Renders rows with aligned columns under a header.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        let parts: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    out.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

fn span_text(s: &Option<TextSpan>) -> String {
    s.as_ref().map_or_else(|| "-".to_string(), |t| cell(&t.text, 60))
}

impl Extraction {
    /// The entities as a table: type, text, score, code-point span.
    pub fn entity_table(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .entities
            .iter()
            .map(|e| {
                vec![
                    e.label.clone(),
                    cell(&e.text, 70),
                    format!("{:.2}", e.score),
                    format!("{}..{}", e.chars.start, e.chars.end),
                ]
            })
            .collect();
        table(&["type", "text", "score", "chars"], &rows)
    }

    /// People, roles, meetings and discussions as tables.
    pub fn relation_tables(&self) -> String {
        relation_tables(&self.relations)
    }
}

fn names(rel: &Relations, idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|&i| rel.people.get(i))
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn relation_tables(rel: &Relations) -> String {
    let mut out = String::new();
    let mut people = Vec::new();
    for p in &rel.people {
        let mentions: Vec<&str> = {
            let mut m: Vec<&str> = Vec::new();
            for t in &p.mentions {
                if !m.contains(&t.text.as_str()) {
                    m.push(&t.text);
                }
            }
            m
        };
        let first = vec![cell(&p.name, 30), cell(&mentions.join(" | "), 40)];
        if p.roles.is_empty() {
            people.push([first.clone(), vec!["-".into(), "-".into(), "-".into()]].concat());
        }
        for (k, r) in p.roles.iter().enumerate() {
            let lead = if k == 0 { first.clone() } else { vec![String::new(), String::new()] };
            people.push(
                [
                    lead,
                    vec![
                        span_text(&r.title),
                        span_text(&r.of),
                        r.org.as_deref().map_or("-".into(), |o| cell(o, 50)),
                    ],
                ]
                .concat(),
            );
        }
    }
    let _ = writeln!(out, "People ({})", rel.language);
    out.push_str(&table(&["person", "mentions", "title", "of", "organization"], &people));

    let meetings: Vec<Vec<String>> = rel
        .meetings
        .iter()
        .chain(&rel.other_contacts)
        .map(|m| {
            vec![
                format!("{:?}", m.kind).to_lowercase(),
                names(rel, &m.participants),
                cell(&m.trigger.text, 30),
                m.date.as_ref().map_or("-".into(), |d| {
                    d.iso.clone().unwrap_or_else(|| cell(&d.span.text, 20))
                }),
                span_text(&m.place),
                format!("{:.2}", m.confidence),
            ]
        })
        .collect();
    out.push_str("\nMeetings\n");
    out.push_str(&table(&["kind", "participants", "trigger", "date", "place", "conf"], &meetings));

    let mut topics = Vec::new();
    for d in &rel.discussions {
        for t in &d.topics {
            topics.push(vec![
                names(rel, &d.participants),
                cell(&d.trigger.text, 25),
                cell(&t.text, 80),
            ]);
        }
    }
    out.push_str("\nDiscussed\n");
    out.push_str(&table(&["participants", "trigger", "topic"], &topics));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_cut() {
        let t = table(&["a", "bb"], &[vec!["xxx".into(), "y".into()], vec!["é".into(), "".into()]]);
        assert_eq!(t, "a    bb\n---  --\nxxx  y\né\n");
        assert_eq!(cell("abcdef", 4), "abc…");
        assert_eq!(cell("a\nb", 10), "a b");
    }
}
