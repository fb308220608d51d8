//! One document as a self-contained HTML page: its text with the entities
//! highlighted by type, the people with their roles and agencies, the
//! meetings and topics with their evidence highlighted in the text (every
//! table row links to its span), and the knowledge graph drawn as inline
//! SVG. Styles and the one small script are inline and a
//! `Content-Security-Policy` forbids every fetch, so the file opens offline
//! and loads nothing.
//!
//! ```
//! let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
//! let found = rolegraph::extract(text)?;
//! let page = rolegraph::report::Report::new(text, &found).document("note-1").to_html();
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! // Each entity is one <mark> with its type and code-point offsets.
//! assert_eq!(page.matches("<mark class=\"ent ").count(), found.entities.len());
//! assert!(page.contains("data-label=\"PER\""));
//! assert!(page.contains("<svg class=\"graph\""));
//! # Ok::<(), rolegraph::Error>(())
//! ```
//!
//! ## Stable markup
//!
//! Tests and scripts may rely on these:
//!
//! * `<body data-ok="1">` once the page's script has run and found every
//!   in-page link's target (`data-broken="ids"` otherwise);
//! * every entity is one `<mark class="ent ent-<TYPE>" id="ent-<i>"
//!   data-label="<TYPE>" data-start=".." data-end=".." data-bytes="s-e">`
//!   (`i` its index in [`Extraction::entities`], offsets in code points and
//!   bytes); when entities cross, the rest of the later one is a
//!   `<mark class="ent-cont ent-<TYPE>">`;
//! * evidence: `span#ev-meeting-<i>` and `span#ev-contact-<i>` (the
//!   sentence), `span#trig-meeting-<i>`, `span#trig-contact-<i>`,
//!   `span#trig-discussion-<d>`, `span#ev-discussion-<d>`,
//!   `span#topic-<d>-<t>`, `span#role-<p>-<r>` (the role's title, else its
//!   agency as written, else its sentence);
//! * sections `#document`, `#entity-types` (`li[data-label][data-count]`),
//!   `#people`, `#meetings` (rows `#meeting-<i>`, `#contact-<i>`),
//!   `#topics`, `#graph` (`svg.graph` with `data-nodes`, `data-edges`, and a
//!   `g.node[data-id]` per node drawn).
//!
//! [`Report::body_html`] gives the page's `<main>` alone, for pages that
//! bring their own frame and [`STYLESHEET`].

mod escape;
mod highlight;
mod index;
mod names;
mod svg;

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::extractor::Extraction;
use crate::relate::{Interaction, InteractionKind, TextSpan};
use crate::span::CharIndex;

use escape::{text as esc, token};
use highlight::Highlight;

pub(crate) use index::{
    render as render_index, AgencyRow, DocRow, Index, MeetingRow, PersonRow, PostRow,
};
pub use names::page_file_name;

/// The page's style sheet (entity colours are added per type by the page).
pub const STYLESHEET: &str = include_str!("report.css");

/// Checks every in-page link and marks the body `data-ok="1"`.
const SCRIPT: &str = include_str!("report.js");

const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// Renders [`Report::new`]`(text, found).to_html()`.
pub fn html(text: &str, found: &Extraction) -> String {
    Report::new(text, found).to_html()
}

/// The HTML report of one document.
///
/// `text` must be the text `found` was extracted from; spans that do not fit
/// it (out of range, not on a character boundary, other text) are listed but
/// not highlighted, never a panic.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    text: &'a str,
    found: &'a Extraction,
    document: Option<&'a str>,
    title: Option<&'a str>,
    index: Option<&'a str>,
    notice: Option<&'a str>,
    links: Option<&'a ArchiveLinks>,
}

/// Links from a document's page into an archive's index.
#[derive(Debug, Default)]
pub(crate) struct ArchiveLinks {
    /// Per person of the document (by index): the href of their index row.
    pub people: Vec<Option<String>>,
    /// Per canonical agency name: the href of its index row.
    pub agencies: HashMap<String, String>,
}

impl<'a> Report<'a> {
    /// The report of `found`, extracted from `text`.
    pub fn new(text: &'a str, found: &'a Extraction) -> Report<'a> {
        Report { text, found, document: None, title: None, index: None, notice: None, links: None }
    }

    /// The document's id, shown under the title (and the title by default).
    pub fn document(mut self, id: &'a str) -> Report<'a> {
        self.document = Some(id);
        self
    }

    /// The page title (default: the document id, else `Document`).
    pub fn title(mut self, title: &'a str) -> Report<'a> {
        self.title = Some(title);
        self
    }

    /// A link back to an archive's index page (`href` as written, escaped),
    /// shown in the header.
    pub fn index_link(mut self, href: &'a str) -> Report<'a> {
        self.index = Some(href);
        self
    }

    /// A line of text shown under the header (for example why the text is
    /// missing).
    pub fn notice(mut self, text: &'a str) -> Report<'a> {
        self.notice = Some(text);
        self
    }

    /// Links people and agencies to their rows in an archive's index.
    pub(crate) fn archive_links(mut self, links: &'a ArchiveLinks) -> Report<'a> {
        self.links = Some(links);
        self
    }

    /// The whole page: `<!DOCTYPE html>` to `</html>`.
    pub fn to_html(&self) -> String {
        let title = self.title.or(self.document).unwrap_or("Document");
        let mut body = self.header(title);
        if let Some(n) = self.notice {
            let _ = writeln!(body, "<p class=\"notice\">{}</p>", esc(n));
        }
        body.push_str(&self.body_html());
        page(&self.found.relations.language, title, &self.type_styles(), &body)
    }

    /// The page's `<main>` element: every section, without the document frame.
    pub fn body_html(&self) -> String {
        let rel = &self.found.relations;
        let mut out = String::from("<main>\n<div class=\"col-text\">\n");
        out.push_str(&self.entity_types());
        out.push_str("<section id=\"document\" class=\"card\">\n<h2>Text</h2>\n");
        out.push_str(
            "<p class=\"keys\"><span class=\"ev ev-meeting\">meeting sentence</span> \
             <span class=\"trig\">trigger</span> <span class=\"ev ev-topic\">topic</span> \
             <span class=\"role\">role title</span></p>\n<div class=\"doc-text\" lang=\"",
        );
        out.push_str(&token(&rel.language));
        out.push_str("\">");
        out.push_str(&highlight::render(self.text, self.highlights()));
        out.push_str("</div>\n</section>\n</div>\n<div class=\"col-side\">\n");
        out.push_str(&self.people());
        out.push_str(&self.meetings());
        out.push_str(&self.topics());
        out.push_str("</div>\n<section id=\"graph\" class=\"card wide\">\n<h2>Graph</h2>\n");
        out.push_str(GRAPH_KEY);
        out.push_str("<div class=\"graph-box\">");
        out.push_str(&svg::graph(&self.found.graph));
        out.push_str("</div>\n</section>\n</main>\n");
        out
    }

    fn header(&self, title: &str) -> String {
        let rel = &self.found.relations;
        let topics: usize = rel.discussions.iter().map(|d| d.topics.len()).sum();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut facts = Vec::new();
        if let Some(d) = self.document.filter(|d| Some(*d) != Some(title)) {
            facts.push(format!("document <code>{}</code>", esc(d)));
        }
        if !rel.language.is_empty() {
            facts.push(format!("language <code>{}</code>", esc(&rel.language)));
        }
        facts.push(plural(self.found.entities.len(), "entity", "entities"));
        facts.push(plural(rel.people.len(), "person", "people"));
        facts.push(plural(rel.meetings.len(), "meeting", "meetings"));
        facts.push(plural(topics, "topic", "topics"));
        facts.push(format!("{} characters", self.text.chars().count()));
        let brand = match self.index {
            Some(href) => format!(
                "<a class=\"back\" href=\"{}\">← archive index</a> · rolegraph report",
                esc(href)
            ),
            None => "rolegraph report".into(),
        };
        format!(
            "<header class=\"top\">\n<p class=\"brand\">{brand}</p>\n<h1>{}</h1>\n<p class=\"facts\">{}</p>\n</header>\n",
            esc(title),
            facts.join(" · ")
        )
    }

    /// `true` when `s` is a span of this text holding `s.text`.
    fn fits(&self, s: &TextSpan) -> bool {
        highlight::valid(self.text, s.bytes) && self.text[s.bytes.range()] == s.text
    }

    fn highlights(&self) -> Vec<Highlight> {
        let idx = CharIndex::new(self.text);
        let rel = &self.found.relations;
        let mut hs = Vec::new();
        for (i, e) in self.found.entities.iter().enumerate() {
            if !highlight::valid(self.text, e.bytes) || self.text[e.bytes.range()] != e.text {
                continue;
            }
            let chars = idx.char_span(e.bytes);
            let t = token(&e.label);
            hs.push(Highlight {
                bytes: e.bytes,
                rank: 9,
                tag: "mark",
                attrs: format!(
                    " class=\"ent ent-{t}\" id=\"ent-{i}\" data-label=\"{}\" data-start=\"{}\" data-end=\"{}\" data-bytes=\"{}-{}\" title=\"{} · {:.2}\"",
                    esc(&e.label),
                    chars.start,
                    chars.end,
                    e.bytes.start,
                    e.bytes.end,
                    esc(&e.label),
                    e.score
                ),
                cont: format!(" class=\"ent-cont ent-{t}\""),
                atomic: true,
            });
        }
        let mut span = |s: &TextSpan, rank: u8, class: &str, id: String| {
            if self.fits(s) {
                hs.push(Highlight {
                    bytes: s.bytes,
                    rank,
                    tag: "span",
                    attrs: format!(" class=\"{class}\" id=\"{id}\""),
                    cont: format!(" class=\"{class} cont\""),
                    atomic: false,
                });
            }
        };
        for (kind, list) in [("meeting", &rel.meetings), ("contact", &rel.other_contacts)] {
            for (i, m) in list.iter().enumerate() {
                span(&m.evidence, 0, &format!("ev ev-{kind}"), format!("ev-{kind}-{i}"));
                span(&m.trigger, 3, "trig", format!("trig-{kind}-{i}"));
            }
        }
        for (d, disc) in rel.discussions.iter().enumerate() {
            span(&disc.evidence, 1, "ev ev-discussion", format!("ev-discussion-{d}"));
            span(&disc.trigger, 3, "trig", format!("trig-discussion-{d}"));
            for (t, topic) in disc.topics.iter().enumerate() {
                span(topic, 2, "ev ev-topic", format!("topic-{d}-{t}"));
            }
        }
        for (p, person) in rel.people.iter().enumerate() {
            for (r, role) in person.roles.iter().enumerate() {
                if let Some(s) = role_span(role).filter(|s| self.fits(s)) {
                    span(s, 4, "role", format!("role-{p}-{r}"));
                }
            }
        }
        hs
    }

    /// The entity types present, in a fixed order, with their counts.
    fn types(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in &self.found.entities {
            *counts.entry(e.label.as_str()).or_default() += 1;
        }
        let mut v: Vec<(String, usize)> =
            counts.into_iter().map(|(l, n)| (l.to_string(), n)).collect();
        let rank = |l: &str| KNOWN.iter().position(|k| k.0 == l).unwrap_or(KNOWN.len());
        v.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
        v
    }

    fn type_styles(&self) -> String {
        let mut out = String::new();
        let mut done: Vec<String> = Vec::new();
        for (label, _) in self.types() {
            let t = token(&label);
            if done.contains(&t) {
                continue;
            }
            let (bg, fg) = colours(&label);
            let _ = writeln!(out, ".ent-{t}{{--bg:{bg};--fg:{fg}}}");
            done.push(t);
        }
        out
    }

    fn entity_types(&self) -> String {
        let mut out = String::from(
            "<section id=\"entity-types\" class=\"card\">\n<h2>Entities</h2>\n<ul class=\"legend\">",
        );
        for (label, n) in self.types() {
            let _ = write!(
                out,
                "<li class=\"chip ent-{}\" data-label=\"{}\" data-count=\"{n}\"><span class=\"sw\"></span>{} <b>{n}</b></li>",
                token(&label),
                esc(&label),
                esc(type_name(&label))
            );
        }
        if self.found.entities.is_empty() {
            out.push_str("<li class=\"none\">No entities found.</li>");
        }
        out.push_str("</ul>\n</section>\n");
        out
    }

    /// A link to the entity mark that is exactly `s`, else `s` as text.
    fn mention_link(&self, s: &TextSpan, label: &str) -> String {
        match self.found.entities.iter().position(|e| e.bytes == s.bytes && self.fits(s)) {
            Some(i) => format!("<a href=\"#ent-{i}\">{}</a>", esc(label)),
            None => esc(label),
        }
    }

    fn people(&self) -> String {
        let rel = &self.found.relations;
        let mut out =
            String::from("<section id=\"people\" class=\"card\">\n<h2>People and roles</h2>\n");
        if rel.people.is_empty() {
            out.push_str("<p class=\"none\">No people found.</p>\n</section>\n");
            return out;
        }
        out.push_str(
            "<table>\n<thead><tr><th>Person</th><th>Role</th><th>Agency</th><th class=\"num\">Conf.</th></tr></thead>\n<tbody>\n",
        );
        for (p, person) in rel.people.iter().enumerate() {
            let n = person.roles.len().max(1);
            let name = match person.mentions.first() {
                Some(m) => self.mention_link(m, &person.name),
                None => esc(&person.name),
            };
            let mentions = person.mentions.len();
            let archive = self.links.and_then(|l| l.people.get(p)).and_then(Option::as_deref);
            let archive = archive.map_or_else(String::new, |href| {
                format!(" <a class=\"ev-link archive\" href=\"{}\">archive</a>", esc(href))
            });
            let lead = format!(
                "<td rowspan=\"{n}\" class=\"who\" id=\"person-{p}\">{name}{archive}<span class=\"sub\">{mentions} mention{}</span></td>",
                if mentions == 1 { "" } else { "s" }
            );
            if person.roles.is_empty() {
                let _ = writeln!(
                    out,
                    "<tr>{lead}<td class=\"none\">—</td><td class=\"none\">—</td><td></td></tr>"
                );
            }
            for (r, role) in person.roles.iter().enumerate() {
                let title = role.post_title().unwrap_or("member");
                let mut cell = match role_span(role).filter(|s| self.fits(s)) {
                    Some(_) => format!("<a href=\"#role-{p}-{r}\">{}</a>", esc(title)),
                    None => esc(title),
                };
                if !role.modifiers.is_empty() {
                    let _ = write!(
                        cell,
                        " <span class=\"tag\">{}</span>",
                        esc(&role.modifiers.join(", "))
                    );
                }
                let mut agency = String::new();
                if let Some(o) = &role.org {
                    match self.links.and_then(|l| l.agencies.get(o)) {
                        Some(href) => {
                            let _ = write!(agency, "<a href=\"{}\">{}</a>", esc(href), esc(o));
                        }
                        None => agency.push_str(&esc(o)),
                    }
                }
                if let Some(of) = &role.of {
                    if role.org.as_deref() != Some(of.text.as_str()) {
                        let _ = write!(
                            agency,
                            "<span class=\"sub\">as written: {}</span>",
                            esc(&of.text)
                        );
                    }
                }
                if agency.is_empty() {
                    agency.push('—');
                }
                let _ = writeln!(
                    out,
                    "<tr>{}<td>{cell}</td><td>{agency}</td><td class=\"num\">{:.2}</td></tr>",
                    if r == 0 { lead.as_str() } else { "" },
                    role.confidence
                );
            }
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
        out
    }

    fn names(&self, idx: &[usize]) -> String {
        let rel = &self.found.relations;
        let names: Vec<String> = idx
            .iter()
            .filter_map(|&i| {
                rel.people.get(i).map(|p| format!("<a href=\"#person-{i}\">{}</a>", esc(&p.name)))
            })
            .collect();
        if names.is_empty() {
            "—".into()
        } else {
            names.join(", ")
        }
    }

    fn meetings(&self) -> String {
        let rel = &self.found.relations;
        let mut out = String::from("<section id=\"meetings\" class=\"card\">\n<h2>Meetings</h2>\n");
        if rel.meetings.is_empty() && rel.other_contacts.is_empty() {
            out.push_str("<p class=\"none\">No meetings found.</p>\n</section>\n");
            return out;
        }
        out.push_str(
            "<table>\n<thead><tr><th>Who</th><th>Said</th><th>When</th><th>Where</th><th class=\"num\">Conf.</th></tr></thead>\n<tbody>\n",
        );
        for (kind, list) in [("meeting", &rel.meetings), ("contact", &rel.other_contacts)] {
            for (i, m) in list.iter().enumerate() {
                out.push_str(&self.meeting_row(kind, i, m));
            }
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
        out
    }

    fn meeting_row(&self, kind: &str, i: usize, m: &Interaction) -> String {
        let badge = match m.kind {
            InteractionKind::Meeting => "",
            InteractionKind::Call => " <span class=\"tag\">call</span>",
            InteractionKind::Planned => " <span class=\"tag\">planned</span>",
        };
        let said = if self.fits(&m.trigger) {
            format!("<a href=\"#trig-{kind}-{i}\">{}</a>", esc(&escape::short(&m.trigger.text, 40)))
        } else {
            esc(&escape::short(&m.trigger.text, 40))
        };
        let sentence = if self.fits(&m.evidence) {
            format!(
                " <a class=\"ev-link\" href=\"#ev-{kind}-{i}\" title=\"{}\">sentence</a>",
                esc(&escape::short(&m.evidence.text, 300))
            )
        } else {
            String::new()
        };
        let when = match &m.date {
            Some(d) => match &d.iso {
                Some(iso) => format!("<time datetime=\"{}\">{}</time>", esc(iso), esc(iso)),
                None => esc(&d.span.text),
            },
            None => "—".into(),
        };
        let place = m.place.as_ref().map_or_else(|| "—".to_string(), |p| esc(&p.text));
        format!(
            "<tr id=\"{kind}-{i}\"><td>{}{badge}</td><td>{said}{sentence}</td><td>{when}</td><td>{place}</td><td class=\"num\">{:.2}</td></tr>\n",
            self.names(&m.participants),
            m.confidence
        )
    }

    fn topics(&self) -> String {
        let rel = &self.found.relations;
        let mut out =
            String::from("<section id=\"topics\" class=\"card\">\n<h2>Topics discussed</h2>\n");
        if rel.discussions.iter().all(|d| d.topics.is_empty()) {
            out.push_str("<p class=\"none\">No topics found.</p>\n</section>\n");
            return out;
        }
        out.push_str("<ol class=\"topics\">\n");
        for (d, disc) in rel.discussions.iter().enumerate() {
            for (t, topic) in disc.topics.iter().enumerate() {
                let text = esc(&escape::short(&topic.text, 160));
                let link = if self.fits(topic) {
                    format!("<a href=\"#topic-{d}-{t}\">{text}</a>")
                } else {
                    text
                };
                let said = if self.fits(&disc.trigger) {
                    format!("<a href=\"#trig-discussion-{d}\">{}</a>", esc(&disc.trigger.text))
                } else {
                    esc(&disc.trigger.text)
                };
                let at = match disc.meeting.filter(|&m| m < rel.meetings.len()) {
                    Some(m) => format!(" · at <a href=\"#meeting-{m}\">meeting {}</a>", m + 1),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "<li>{link}<span class=\"sub\">{} · {said}{at} · {:.2}</span></li>",
                    self.names(&disc.participants),
                    disc.confidence
                );
            }
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}

/// A whole page around `body` (from `<header>` to the last section): the
/// document frame, the style sheet with `extra_css`, the CSP and the script.
pub(crate) fn page(lang: &str, title: &str, extra_css: &str, body: &str) -> String {
    let lang = match lang {
        l if !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => l,
        _ => "und",
    };
    let mut out = String::with_capacity(body.len() + STYLESHEET.len() + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rolegraph {}\">\n<title>{} · rolegraph</title>\n\
         <style>\n{STYLESHEET}{extra_css}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
    );
    out.push_str(body);
    let _ = write!(
        out,
        "<footer>Generated by rolegraph {}. This page is self-contained: it loads no \
         script, style, font or image from anywhere.</footer>\n<script>\n{SCRIPT}</script>\n\
         </body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// What the text shows of a role: its title, else its agency, else its sentence.
fn role_span(role: &crate::relate::Role) -> Option<&TextSpan> {
    role.title.as_ref().or(role.of.as_ref()).or(Some(&role.evidence))
}

const GRAPH_KEY: &str = "<p class=\"keys graph-keys\">\
<span class=\"k k-person\">person</span><span class=\"k k-post\">post</span>\
<span class=\"k k-org\">organisation</span><span class=\"k k-meeting\">meeting</span>\
<span class=\"k k-topic\">topic</span><span class=\"k k-location\">place</span>\
<span class=\"e e-holds\">holds</span><span class=\"e e-post_in\">post in</span>\
<span class=\"e e-attended\">attended</span><span class=\"e e-met_with\">met with</span>\
<span class=\"e e-about\">about / discussed</span><span class=\"e e-located_in\">located in</span></p>\n";

/// Known entity types: label, name, background, foreground.
const KNOWN: [(&str, &str, &str, &str); 5] = [
    ("PER", "People", "#dbeafe", "#1d4ed8"),
    ("ORG", "Organisations", "#dcfce7", "#15803d"),
    ("LOC", "Places", "#ffedd5", "#c2410c"),
    ("DATE", "Dates", "#fef9c3", "#a16207"),
    ("MISC", "Other", "#f3e8ff", "#7e22ce"),
];

const PALETTE: [(&str, &str); 6] = [
    ("#fce7f3", "#be185d"),
    ("#ccfbf1", "#0f766e"),
    ("#e0e7ff", "#4338ca"),
    ("#ecfccb", "#4d7c0f"),
    ("#ffe4e6", "#be123c"),
    ("#e2e8f0", "#334155"),
];

fn type_name(label: &str) -> &str {
    KNOWN.iter().find(|k| k.0 == label).map_or(label, |k| k.1)
}

/// Background and foreground of an entity type: fixed for the known ones,
/// from the label's hash for others (the same on every run).
fn colours(label: &str) -> (&'static str, &'static str) {
    if let Some(k) = KNOWN.iter().find(|k| k.0 == label) {
        return (k.2, k.3);
    }
    let h = label
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    PALETTE[(h % PALETTE.len() as u64) as usize]
}

impl Extraction {
    /// The HTML report of this extraction of `text` ([`report`](crate::report)).
    pub fn to_html(&self, text: &str) -> String {
        html(text, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;
    use crate::relate::{Relations, Relator};
    use crate::{Entity, Span};

    fn entity(text: &str, label: &str, start: usize, end: usize) -> Entity {
        let idx = CharIndex::new(text);
        let bytes = Span::new(start, end);
        Entity {
            label: label.into(),
            text: text.get(start..end).unwrap_or("?").into(),
            score: 0.5,
            bytes,
            chars: idx.char_span(bytes),
            value: None,
        }
    }

    /// The text content of `html` (tags dropped, references decoded).
    fn plain(html: &str) -> String {
        let mut s = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => s.push(c),
                _ => {}
            }
        }
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    const HOSTILE: &str = "Ann \"<b>\" O'Neil met Bob </script><script>alert(1)</script> in Zürich \u{0}\u{7}\u{85}; \
                           Ann & Bob discussed <img src=x onerror=alert(2)> 😀 trade.\r\nEnd";

    fn hostile() -> Extraction {
        let t = HOSTILE;
        let at = |s: &str| t.find(s).unwrap();
        let mut entities = vec![
            entity(t, "PER", at("Ann"), at("Ann") + "Ann \"<b>\" O'Neil".len()),
            entity(t, "PER", at("Bob"), at("Bob") + 3),
            entity(t, "LOC", at("Zürich"), at("Zürich") + "Zürich".len()),
            // Crossing and nested entities, an odd label.
            entity(t, "PER", at("Ann &"), at("Ann &") + 3),
            entity(t, "x\"y<z>", at("Ann &"), at("& Bob") + 5),
            entity(t, "MISC", at("😀"), at("😀") + "😀 trade".len()),
            entity(t, "ORG", at("trade"), at("trade") + "trade.\r\nEnd".len()),
        ];
        entities.sort_by_key(|e| e.bytes.start);
        let relations = Relator::default().relate(t, &entities);
        let graph = Graph::from_relations(&relations, &entities, Some("doc \"1\"</title>"));
        Extraction { entities, relations, graph }
    }

    #[test]
    fn hostile_text_is_escaped_and_every_entity_marked_once() {
        let found = hostile();
        let page = Report::new(HOSTILE, &found).document("doc \"1\"</title>").to_html();
        assert_eq!(page.matches("<script").count(), 1, "only the page's own script");
        assert!(!page.contains("<img") && !page.contains("\"<b>"), "markup from the text");
        assert!(page.contains("<title>doc &quot;1&quot;&lt;/title&gt; · rolegraph</title>"));
        assert_eq!(page.matches("<mark class=\"ent ").count(), found.entities.len());
        for (i, e) in found.entities.iter().enumerate() {
            let needle = format!(
                "id=\"ent-{i}\" data-label=\"{}\" data-start=\"{}\" data-end=\"{}\"",
                esc(&e.label),
                e.chars.start,
                e.chars.end
            );
            assert_eq!(page.matches(&needle).count(), 1, "{needle}");
        }
        // The text survives, controls replaced one for one.
        let a = page.find("<div class=\"doc-text\"").unwrap();
        let a = a + page[a..].find('>').unwrap() + 1;
        let b = a + page[a..].find("</div>").unwrap();
        let expect: String = HOSTILE
            .chars()
            .map(|c| if matches!(c, '\u{0}' | '\u{7}' | '\u{85}') { '\u{FFFD}' } else { c })
            .collect();
        assert_eq!(plain(&page[a..b]), expect);
        // Every in-page link has its target.
        for link in page.split("href=\"#").skip(1) {
            let id = &link[..link.find('"').unwrap()];
            assert!(page.contains(&format!("id=\"{id}\"")), "no target for #{id}");
        }
    }

    #[test]
    fn spans_that_do_not_fit_the_text_are_left_out() {
        let mut found = hostile();
        let n = found.entities.len();
        found.entities.push(entity(HOSTILE, "PER", 0, 3));
        found.entities[n].text = "not this".into();
        found.entities.push(Entity { bytes: Span::new(90, 10_000), ..found.entities[0].clone() });
        let z = HOSTILE.find("ü").unwrap() + 1; // inside `ü`
        found.entities.push(Entity { bytes: Span::new(z - 1, z), ..found.entities[0].clone() });
        let page = html(HOSTILE, &found);
        assert_eq!(page.matches("<mark class=\"ent ").count(), n);
        // Another text entirely: nothing fits, nothing panics.
        let page = html("short", &found);
        assert_eq!(page.matches("<mark class=\"ent ").count(), 0);
        let empty =
            Extraction { entities: vec![], relations: Relations::default(), graph: Graph::new() };
        let page = html("", &empty);
        assert!(page.contains("No entities found.") && page.contains("<svg class=\"graph\""));
    }

    #[test]
    fn pseudo_random_texts_and_spans_never_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let alphabet: Vec<char> = "aé<>&\"' \n\u{0}😀東".chars().collect();
        for _ in 0..200 {
            let text: String = (0..rnd(40)).map(|_| alphabet[rnd(alphabet.len())]).collect();
            let entities: Vec<Entity> = (0..rnd(6))
                .map(|_| {
                    let (a, b) = (rnd(text.len() + 3), rnd(text.len() + 3));
                    let mut e = entity(&text, "PER", 0, 0);
                    e.bytes = Span::new(a.min(b), a.max(b));
                    e.text = text.get(e.bytes.range()).unwrap_or("").into();
                    e
                })
                .collect();
            let found =
                Extraction { entities, relations: Relations::default(), graph: Graph::new() };
            let page = html(&text, &found);
            assert!(page.ends_with("</html>\n"));
        }
    }
}
