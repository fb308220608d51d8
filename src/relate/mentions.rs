//! Mentions and people (internal).
//!
//! Takes the [`Doc`]; gives the people as clusters of PER mentions (same
//! name, a contiguous part of a fuller name, the same words reordered;
//! leading titles and honorifics ignored) and every PER mention as a token
//! range with its person, in text order. The canonical name of a person is
//! the fullest form ([`best_name`]).

use std::collections::HashMap;

use super::doc::{is_per, lang_is_title_or_honorific, Doc};
use super::text::normalize_phrase;

/// A PER mention: token range and person (cluster) index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mention {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) person: usize,
}

/// A person: the name form of each mention (lower-cased words, leading
/// titles and honorifics dropped), the name as written and the entity index.
pub(super) struct Cluster {
    pub(super) forms: Vec<Vec<String>>,
    pub(super) names: Vec<String>,
    pub(super) mentions: Vec<usize>,
    /// The distinct forms, each with its words sorted, for matching (a
    /// person named 10,000 times is compared through a handful of forms).
    distinct: Vec<(Vec<String>, Vec<String>)>,
}

fn name_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a name as they are matched: accents folded and one
/// apostrophe (`Vucic` and `Vučić`, `Wetang’ula` and `Wetang'ula`), the parts
/// of a hyphenated name as words of their own (`Schneider` in
/// `Schneider-Ammann`).
fn matching_form(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let w: String =
            w.chars().map(|c| if c == '’' { '\'' } else { super::fold_accent(c) }).collect();
        if w.contains('-') {
            out.extend(w.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        } else {
            out.push(w);
        }
    }
    out
}

fn is_sub(small: &[String], big: &[String]) -> bool {
    !small.is_empty() && small.len() <= big.len() && big.windows(small.len()).any(|w| w == small)
}

/// Forms of this many words or fewer are indexed by their parts; longer ones
/// are checked against every form (names are short; a long PER span is rare).
const INDEXED_WORDS: usize = 8;

/// Which clusters hold which name forms, so that a mention is compared with
/// the clusters it can match, not with every person of the document.
#[derive(Default)]
struct FormIndex {
    /// Every contiguous part (up to [`INDEXED_WORDS`] words) of every form.
    parts: HashMap<Vec<String>, Vec<usize>>,
    /// Every form of up to [`INDEXED_WORDS`] words, whole.
    whole: HashMap<Vec<String>, Vec<usize>>,
    /// Every form with its words sorted.
    sorted: HashMap<Vec<String>, Vec<usize>>,
    /// Clusters with a form longer than [`INDEXED_WORDS`].
    long: Vec<usize>,
}

impl FormIndex {
    fn add(&mut self, ci: usize, form: &[String], sorted: &[String]) {
        for len in 1..=form.len().min(INDEXED_WORDS) {
            for w in form.windows(len) {
                self.parts.entry(w.to_vec()).or_default().push(ci);
            }
        }
        if form.len() <= INDEXED_WORDS {
            self.whole.entry(form.to_vec()).or_default().push(ci);
        } else if !self.long.contains(&ci) {
            self.long.push(ci);
        }
        self.sorted.entry(sorted.to_vec()).or_default().push(ci);
    }

    /// The clusters that may hold `form`, a form inside it or outside it, or
    /// its words in another order (a superset, distinct, unordered).
    fn candidates(&self, form: &[String], sorted: &[String]) -> Vec<usize> {
        let mut out: Vec<usize> = self.long.clone();
        let mut take = |m: &HashMap<Vec<String>, Vec<usize>>, k: &[String]| {
            if let Some(v) = m.get(k) {
                out.extend_from_slice(v);
            }
        };
        if form.len() <= INDEXED_WORDS {
            take(&self.parts, form);
        }
        for len in 1..=form.len().min(INDEXED_WORDS) {
            for w in form.windows(len) {
                take(&self.whole, w);
            }
        }
        take(&self.sorted, sorted);
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The fullest name of a person: the most words, then the longest.
pub(super) fn best_name(c: &Cluster) -> String {
    let mut best = &c.names[0];
    let mut best_n = c.forms[0].len();
    for (n, f) in c.names.iter().zip(&c.forms) {
        if f.len() > best_n || (f.len() == best_n && n.chars().count() > best.chars().count()) {
            best = n;
            best_n = f.len();
        }
    }
    best.clone()
}

/// Clusters PER mentions: same name, a contiguous part of a fuller name
/// (surname, first name), the fuller name of an earlier short form, or the same
/// words in another order.
pub(super) fn cluster_people(doc: &Doc) -> (Vec<Cluster>, Vec<Mention>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut mentions = Vec::new();
    let mut last_seen: Vec<usize> = Vec::new();
    let mut index = FormIndex::default();
    for (ei, e) in doc.ents.iter().enumerate() {
        if !is_per(&e.label) {
            continue;
        }
        // Titles or honorifics inside the entity ("M. Goodale") do not count
        // for clustering.
        let mut form = name_tokens(&e.text);
        while form.len() > 1 {
            let w = normalize_phrase(&form[0]);
            let lead = lang_is_title_or_honorific(doc.lang, &w);
            if lead {
                form.remove(0);
            } else {
                break;
            }
        }
        if form.is_empty() {
            continue;
        }
        let form = matching_form(form);
        let mut sorted_form = form.clone();
        sorted_form.sort();
        // The clusters that can match (found through the index, then checked).
        let mut candidates = index.candidates(&form, &sorted_form);
        candidates.retain(|&ci| {
            clusters[ci].distinct.iter().any(|(f, sf)| {
                *f == form || is_sub(&form, f) || is_sub(f, &form) || *sf == sorted_form
            })
        });
        let best = candidates.into_iter().max_by_key(|&ci| last_seen[ci]);
        let ci = match best {
            Some(ci) => ci,
            None => {
                clusters.push(Cluster {
                    forms: Vec::new(),
                    names: Vec::new(),
                    mentions: Vec::new(),
                    distinct: Vec::new(),
                });
                last_seen.push(0);
                clusters.len() - 1
            }
        };
        let c = &mut clusters[ci];
        if !c.distinct.iter().any(|(f, _)| *f == form) {
            index.add(ci, &form, &sorted_form);
            c.distinct.push((form.clone(), sorted_form));
        }
        c.forms.push(form);
        c.names.push(e.text.trim().to_string());
        c.mentions.push(ei);
        last_seen[ci] = ei + 1;
        let (s, en) = doc.ent_toks[ei];
        if en > s {
            mentions.push(Mention { s, e: en, person: ci });
        }
    }
    (clusters, mentions)
}
