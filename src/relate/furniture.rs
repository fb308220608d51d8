//! Page furniture (internal): the parts of a press release that are layout,
//! not prose, made to give no entity and to glue onto none.
//!
//! * **Contact details**: e-mail addresses, URLs and phone numbers (a run of
//!   digits and separators with at least nine digits, or seven after a `+`;
//!   dates have at most eight) are never part of an entity: an entity that
//!   overlaps one is dropped.
//! * **Headings**: a line that is nothing but a heading of the language files'
//!   `page_headings` (`Liens connexes`, `Related links`, `Contacts`), in any
//!   of the loaded languages (wire services mix them), holds no entity.
//! * **Source lines**: a line that starts with a `source_markers` word, in
//!   capitals (`SOURCE Public Safety Canada`, the newswire convention) or
//!   followed by a colon (`Fuente: Ministerio de Economía`), names its
//!   publisher: the rest of the line becomes one ORG entity, unless the tagger
//!   found a person there (`Quelle: Büro Jana Möllenbeck MdB, …`).
//! * **Word fragments**: an entity that ends with a hyphen inside a compound
//!   (`irako-` of `irako-syrien`) is dropped.

use std::collections::HashSet;

use super::lang::Lang;
use super::text::normalize_phrase;
use crate::entity::Entity;
use crate::span::{CharIndex, Span};

/// Heading and source-marker phrases of every loaded language.
#[derive(Clone, Debug, Default)]
pub(crate) struct Furniture {
    headings: HashSet<String>,
    source_markers: Vec<String>,
}

impl Furniture {
    pub(crate) fn new(langs: &[Lang]) -> Self {
        let mut f = Furniture::default();
        for l in langs {
            f.headings.extend(l.data.page_headings.iter().map(|h| normalize_phrase(h)));
            for m in &l.data.source_markers {
                let m = m.to_lowercase();
                if !f.source_markers.contains(&m) {
                    f.source_markers.push(m);
                }
            }
        }
        f
    }

    /// The entities without furniture; see the module docs.
    pub(crate) fn clean(&self, text: &str, mut ents: Vec<Entity>) -> Vec<Entity> {
        let blocked = contact_spans(text);
        ents.retain(|e| {
            !blocked.iter().any(|&(s, t)| s < e.bytes.end && e.bytes.start < t)
                && !is_fragment(text, e)
        });
        let mut index: Option<CharIndex> = None;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let (ls, le) = (start, start + line.trim_end().len());
            start += line.len();
            let inside = |e: &Entity| e.bytes.start >= ls && e.bytes.end <= le;
            let body = line.trim();
            if body.is_empty() {
                continue;
            }
            if self.headings.contains(&normalize_phrase(body.trim_end_matches(':'))) {
                ents.retain(|e| !inside(e));
            } else if let Some(org) = source_name(&self.source_markers, text, ls, le) {
                if ents.iter().any(|e| inside(e) && e.label.ends_with("PER")) {
                    continue;
                }
                let score = ents.iter().filter(|e| inside(e)).map(|e| e.score).fold(0.0, f32::max);
                ents.retain(|e| !inside(e));
                let idx = index.get_or_insert_with(|| CharIndex::new(text));
                ents.push(Entity::new(text, idx, org, "ORG".into(), score.max(0.5)));
            }
        }
        ents.sort_by_key(|e| (e.bytes.start, e.bytes.end));
        ents
    }
}

/// The publisher's span on a source line `ls..le` of `text`, if it is one
/// (`markers` in lower case).
fn source_name(markers: &[String], text: &str, ls: usize, le: usize) -> Option<Span> {
    let line = &text[ls..le];
    let lead = line.len() - line.trim_start().len();
    let body = &line[lead..];
    let word_end = body.find(|c: char| !c.is_alphabetic()).unwrap_or(body.len());
    let (word, rest) = body.split_at(word_end);
    if !markers.contains(&word.to_lowercase()) {
        return None;
    }
    let capitals = word.chars().all(char::is_uppercase) && rest.starts_with(' ');
    let colon = rest.trim_start().starts_with(':');
    if !(capitals || colon) {
        return None;
    }
    let name = rest.trim_start().trim_start_matches(':').trim_start();
    let name = name.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    // A publisher is a name: capitalised, not a sentence.
    if name.is_empty() || !name.starts_with(char::is_uppercase) || name.split(' ').count() > 14 {
        return None;
    }
    // `name` is a slice of `text`: its offset is the pointers' distance.
    let s = name.as_ptr() as usize - text.as_ptr() as usize;
    Some(Span::new(s, s + name.len()))
}

/// The publisher named on the first source line of `text` (`SOURCE Public
/// Safety Canada`), if any.
pub(crate) fn publisher<'t>(lang: &Lang, text: &'t str) -> Option<&'t str> {
    let markers: Vec<String> = lang.data.source_markers.iter().map(|m| m.to_lowercase()).collect();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let (ls, le) = (start, start + line.trim_end().len());
        start += line.len();
        if let Some(span) = source_name(&markers, text, ls, le) {
            return Some(&text[span.range()]);
        }
    }
    None
}

/// Byte spans of e-mail addresses, URLs and phone numbers.
fn contact_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let (s, w) = (pos, word.trim_end());
        pos += word.len();
        let w = w.trim_end_matches(['.', ',', ';', ')', '>']);
        let lw = w.to_ascii_lowercase();
        let lead = lw.len() - lw.trim_start_matches(['(', '<']).len();
        let core = &lw[lead..];
        let email = core
            .split_once('@')
            .is_some_and(|(u, d)| !u.is_empty() && d.contains('.') && !d.starts_with('.'));
        let url =
            core.starts_with("http://") || core.starts_with("https://") || core.starts_with("www.");
        if email || url {
            out.push((s + lead, s + w.len()));
        }
    }
    // Phone numbers: digits with spaces and + ( ) . / - between them.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !(b[i].is_ascii_digit() || b[i] == b'+') {
            i += 1;
            continue;
        }
        let (s, mut j, mut digits, mut last_digit) = (i, i, 0, i);
        while j < b.len() && (b[j].is_ascii_digit() || b" +()./-".contains(&b[j])) {
            if b[j].is_ascii_digit() {
                digits += 1;
                last_digit = j;
            } else if b[j] == b' '
                && j + 1 < b.len()
                && !(b[j + 1].is_ascii_digit() || b"+(".contains(&b[j + 1]))
            {
                break;
            }
            j += 1;
        }
        let plus = b[s] == b'+';
        if digits >= 9 || (plus && digits >= 7) {
            out.push((s, last_digit + 1));
        }
        i = j.max(i + 1);
    }
    out
}

/// An entity ending with a hyphen glued to a following letter.
fn is_fragment(text: &str, e: &Entity) -> bool {
    e.text.ends_with('-') && text[e.bytes.end..].starts_with(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture() -> Furniture {
        let mut f = Furniture::default();
        f.headings.insert(normalize_phrase("related links"));
        f.source_markers.push("source".into());
        f
    }

    fn ent(text: &str, needle: &str, label: &str) -> Entity {
        let s = text.find(needle).unwrap();
        Entity::new(text, &CharIndex::new(text), Span::new(s, s + needle.len()), label.into(), 0.9)
    }

    #[test]
    fn contact_details_are_found() {
        let t = "Call 613-998-5681 or +43 1 40110, mail x.y@canada.ca, see https://a.b/c. On 10.06.2019 and 2019-06-10.";
        let spans: Vec<&str> = contact_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(spans, ["x.y@canada.ca", "https://a.b/c", "613-998-5681", "+43 1 40110"]);
    }

    #[test]
    fn headings_lose_their_entities_and_source_lines_name_one_org() {
        let t = "Text.\n\nRelated Links\n\nSOURCE Public Safety Canada\n\nContact: a@b.ca\n";
        let ents = vec![
            ent(t, "Related Links", "ORG"),
            ent(t, "Safety Canada", "ORG"),
            ent(t, "a@b.ca", "ORG"),
        ];
        let out = furniture().clean(t, ents);
        let got: Vec<(&str, &str)> =
            out.iter().map(|e| (e.label.as_str(), e.text.as_str())).collect();
        assert_eq!(got, [("ORG", "Public Safety Canada")]);
    }

    #[test]
    fn a_source_line_with_a_person_is_kept_and_prose_is_no_source() {
        let t = "Source: Office of Jane Doe, Berlin\nSource of the dispute is unclear.\n";
        let ents = vec![ent(t, "Jane Doe", "PER"), ent(t, "Berlin", "LOC")];
        let out = furniture().clean(t, ents.clone());
        assert_eq!(out, ents);
    }

    #[test]
    fn fragments_of_compounds_are_dropped() {
        let t = "la zone irako-syrienne";
        assert!(furniture().clean(t, vec![ent(t, "irako-", "LOC")]).is_empty());
    }
}
