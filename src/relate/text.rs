//! Tokens, normalised matching text and sentences (internal).
//!
//! Phrase lists from the language data are matched against a normalised copy
//! of the document: tokens lower-cased, typographic apostrophes folded to `'`,
//! quotation marks and "skippable" adverbs (`aussi`, `also`, `auch`, …)
//! dropped, tokens joined by single spaces. Every match is mapped back to a
//! token range, and from there to byte offsets of the original text.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters/digits (with inner `-`, `'`, `.`).
    Word,
    /// One punctuation or symbol character.
    Punct,
    /// A run of whitespace that contains a line break.
    Newline,
}

/// One token of the original text.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Lower-cased form with `’` folded to `'`.
    pub norm: String,
    /// The original token starts with an upper-case letter.
    pub cap: bool,
}

impl Tok {
    /// The word token `text[start..end]`.
    fn word(text: &str, start: usize, end: usize) -> Tok {
        let w = &text[start..end];
        Tok { start, end, kind: TokKind::Word, norm: normalize_word(w), cap: starts_upper(w) }
    }
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_punct(&self, c: &str) -> bool {
        self.kind == TokKind::Punct && self.norm == c
    }
}

const QUOTES: &[&str] = &["“", "”", "«", "»", "\"", "„", "‹", "›", "'", "‘", "’", "‚"];

/// `true` for quotation-mark tokens.
pub(crate) fn is_quote(t: &Tok) -> bool {
    t.kind == TokKind::Punct && QUOTES.contains(&t.norm.as_str())
}

/// `true` for closing quotation marks (and the ambiguous straight quote).
pub(crate) fn is_closing_quote(t: &Tok) -> bool {
    t.kind == TokKind::Punct && ["”", "»", "\"", "›", "'", "’"].contains(&t.norm.as_str())
}

fn normalize_word(s: &str) -> String {
    s.chars()
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. `breaks` are byte offsets where a token must end
/// (entity boundaries), so that a name glued to the next word still gets its
/// own token.
pub(crate) fn tokenize(text: &str, breaks: &HashSet<usize>) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut toks = Vec::new();
    let mut i = 0;
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            let mut nl = false;
            while j < n && chars[j].1.is_whitespace() {
                nl |= chars[j].1 == '\n';
                j += 1;
            }
            if nl {
                toks.push(Tok {
                    start: b,
                    end: end_of(j),
                    kind: TokKind::Newline,
                    norm: "\n".into(),
                    cap: false,
                });
            }
            i = j;
        } else if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if breaks.contains(&chars[j].0) {
                    break;
                }
                if cj.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_alnum = j + 1 < n && chars[j + 1].1.is_alphanumeric();
                if is_apos(cj) && next_alnum && breaks.contains(&chars[j + 1].0) {
                    // "l'" / "nell'" glued to an entity: keep the elided article whole.
                    j += 1;
                    break;
                }
                if is_apos(cj)
                    && (j + 1 == n || chars[j + 1].1.is_whitespace())
                    && j - i <= 5
                    && chars[i..j].iter().all(|x| x.1.is_lowercase())
                {
                    // elided article at the end of a phrase: "de l'"
                    j += 1;
                    break;
                }
                let joiner = matches!(cj, '-' | '.' | '\'' | '’' | '‑')
                    || (cj == ','
                        && chars[j - 1].1.is_ascii_digit()
                        && j + 1 < n
                        && chars[j + 1].1.is_ascii_digit());
                if joiner && next_alnum && !breaks.contains(&chars[j + 1].0) {
                    j += 1;
                } else {
                    break;
                }
            }
            // Elision split: l'avancement -> l' + avancement, s'est -> s' + est.
            let word: Vec<(usize, char)> = chars[i..j].to_vec();
            let mut k0 = 0;
            for (k, &(_, ch)) in word.iter().enumerate() {
                if is_apos(ch)
                    && k > k0
                    && k - k0 <= 5
                    && word.len() - k > 2
                    && word[k0..k].iter().all(|x| x.1.is_alphabetic())
                {
                    toks.push(Tok::word(text, word[k0].0, word[k].0 + ch.len_utf8()));
                    k0 = k + 1;
                    break;
                }
            }
            toks.push(Tok::word(text, word[k0].0, end_of(j)));
            i = j;
        } else {
            let e = end_of(i + 1);
            toks.push(Tok {
                start: b,
                end: e,
                kind: TokKind::Punct,
                norm: normalize_word(&text[b..e]),
                cap: false,
            });
            i += 1;
        }
    }
    toks
}

/// A document tokenized around its entities.
pub(crate) struct EntityTokens {
    /// Tokens, each ending at every entity edge it crosses.
    pub toks: Vec<Tok>,
    /// Token range `[first, end)` of each entity.
    pub ranges: Vec<(usize, usize)>,
    /// The entity each token lies in.
    pub tok_ent: Vec<Option<usize>>,
}

/// Tokenizes `text` with a break at both edges of every span (entities,
/// sorted and non-overlapping) and maps spans and tokens onto each other.
pub(crate) fn tokenize_entities(text: &str, spans: &[Span]) -> EntityTokens {
    let breaks: HashSet<usize> = spans.iter().flat_map(|e| [e.start, e.end]).collect();
    let toks = tokenize(text, &breaks);
    let ranges: Vec<(usize, usize)> = spans
        .iter()
        .map(|e| {
            let s = toks.partition_point(|t| t.start < e.start);
            (s, toks.partition_point(|t| t.end <= e.end).max(s))
        })
        .collect();
    let mut tok_ent = vec![None; toks.len()];
    for (x, &(s, e)) in ranges.iter().enumerate() {
        tok_ent[s..e].iter_mut().for_each(|t| *t = Some(x));
    }
    EntityTokens { toks, ranges, tok_ent }
}

/// Normalises a phrase from a data file into matching form.
pub(crate) fn normalize_phrase(p: &str) -> String {
    tokenize(p, &HashSet::new())
        .iter()
        .filter(|t| t.kind != TokKind::Newline)
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The normalised matching text of a document.
#[derive(Debug)]
pub(crate) struct NormText {
    pub text: String,
    /// For each token: its start in `text`, or `None` when dropped.
    pub tok_pos: Vec<Option<usize>>,
    /// (start in `text`, end in `text`, token index) of every kept token.
    pub spans: Vec<(usize, usize, usize)>,
}

impl NormText {
    pub fn new(toks: &[Tok], drop: &[bool]) -> NormText {
        let mut text = String::new();
        let mut tok_pos = vec![None; toks.len()];
        let mut spans = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if drop[i] || is_quote(t) {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.len();
            text.push_str(&t.norm);
            tok_pos[i] = Some(s);
            spans.push((s, text.len(), i));
        }
        NormText { text, tok_pos, spans }
    }

    /// Token range `[first, last + 1)` of a match `[s, e)` in the normalised
    /// text, when it lies on token boundaries.
    fn tok_range(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        let a = self.spans.binary_search_by_key(&s, |x| x.0).ok()?;
        let b = self.spans.binary_search_by_key(&e, |x| x.1).ok()?;
        (b >= a).then(|| (self.spans[a].2, self.spans[b].2 + 1))
    }
}

/// A compiled phrase list (one category of a language file).
#[derive(Debug, Clone)]
pub(crate) struct Phrases {
    ac: Option<AhoCorasick>,
    /// Length in bytes of the longest pattern.
    max_len: usize,
}

/// One phrase found in a document: token range and pattern index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl Phrases {
    pub fn new(list: &[String]) -> Phrases {
        let patterns: Vec<String> =
            list.iter().map(|p| normalize_phrase(p)).filter(|p| !p.is_empty()).collect();
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .expect("phrase automaton"),
            )
        };
        let max_len = patterns.iter().map(String::len).max().unwrap_or(0);
        Phrases { ac, max_len }
    }

    /// All token-aligned matches, leftmost-longest, non-overlapping.
    pub fn find(&self, nt: &NormText) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut all: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(&nt.text) {
            if let Some((s, e)) = nt.tok_range(m.start(), m.end()) {
                all.push(Hit { start: s, end: e, pattern: m.pattern().as_usize() });
            }
        }
        all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::new();
        for h in all {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }

    /// A match that ends right before token `i` (scanning a short window back).
    pub fn find_ending_at(&self, nt: &NormText, i: usize) -> Option<Hit> {
        (i.saturating_sub(6)..i).find_map(|k| self.at(nt, k).filter(|h| h.end == i))
    }

    /// Match at exactly token `i` (longest), looking at kept tokens only.
    pub fn at(&self, nt: &NormText, i: usize) -> Option<Hit> {
        let pos = nt.tok_pos.get(i).copied().flatten()?;
        let ac = self.ac.as_ref()?;
        // Only a window as long as the longest pattern can hold a match here.
        let mut end = (pos + self.max_len).min(nt.text.len());
        while !nt.text.is_char_boundary(end) {
            end += 1;
        }
        let rest = &nt.text[pos..end];
        let mut best: Option<Hit> = None;
        for m in ac.find_overlapping_iter(rest) {
            if m.start() != 0 {
                continue;
            }
            if let Some((s, e)) = nt.tok_range(pos, pos + m.end()) {
                if best.is_none_or(|b| e > b.end) {
                    best = Some(Hit { start: s, end: e, pattern: m.pattern().as_usize() });
                }
            }
        }
        best
    }
}

/// Sentence boundaries over tokens: `[start, end)` token ranges, newlines excluded.
pub(crate) fn sentences(
    toks: &[Tok],
    abbreviations: &HashSet<String>,
    months: &HashSet<String>,
    protected: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let inside = |b: usize| protected.iter().any(|&(s, e)| s <= b && b < e);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut boundary_at: Option<usize> = None; // exclusive end of the sentence
        if t.kind == TokKind::Newline {
            boundary_at = Some(i);
        } else if t.kind == TokKind::Punct
            && matches!(t.norm.as_str(), "." | "!" | "?")
            && !inside(t.start)
        {
            let prev = if i > 0 { Some(&toks[i - 1]) } else { None };
            let abbrev = prev.is_some_and(|p| {
                p.is_word()
                    && p.end == t.start
                    && (abbreviations.contains(&p.norm)
                        || (p.norm.chars().count() == 1 && p.norm.chars().all(char::is_alphabetic))
                        || p.norm.contains('.'))
            });
            // Next token after closing quotes.
            let mut j = i + 1;
            while j < toks.len() && is_closing_quote(&toks[j]) {
                j += 1;
            }
            let next_lower = toks
                .get(j)
                .is_some_and(|n| n.is_word() && !n.cap && n.norm.starts_with(char::is_alphabetic));
            let next_digit = t.norm == "."
                && toks.get(j).is_some_and(|n| {
                    n.is_word() && n.norm.starts_with(|c: char| c.is_ascii_digit())
                })
                && prev.is_some_and(|p| p.norm.chars().all(|c| c.is_ascii_digit()));
            // German ordinal day: "16. Januar"
            let ordinal = t.norm == "."
                && prev.is_some_and(|p| {
                    p.norm.len() <= 2 && p.norm.chars().all(|c| c.is_ascii_digit())
                })
                && toks.get(j).is_some_and(|n| months.contains(&n.norm));
            if !abbrev && !next_lower && !next_digit && !ordinal {
                boundary_at = Some(j);
                // include closing quotes in the sentence
            }
        }
        if let Some(e) = boundary_at {
            let end = if toks[i].kind == TokKind::Newline { i } else { e };
            if end > start {
                out.push((start, end));
            }
            start = if toks[i].kind == TokKind::Newline { i + 1 } else { e };
            i = start.max(i + 1);
            continue;
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// `true` when `s` starts with an upper-case letter.
pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, &HashSet::new()).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn tokens_split_elisions_and_keep_abbreviations() {
        assert_eq!(words("l’avancement"), ["l'", "avancement"]);
        assert_eq!(words("s'est entretenu"), ["s'", "est", "entretenu"]);
        assert_eq!(words("aujourd'hui"), ["aujourd'hui"]);
        assert_eq!(words("Kelly’s U.S. 400,000"), ["kelly's", "u.s", ".", "400,000"]);
        assert_eq!(normalize_phrase("de l'"), "de l'");
    }

    #[test]
    fn phrases_match_whole_tokens_only() {
        let toks = tokenize("They met with the metal workers", &HashSet::new());
        let nt = NormText::new(&toks, &vec![false; toks.len()]);
        let p = Phrases::new(&["met with".to_string(), "met".to_string()]);
        let hits = p.find(&nt);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end), (1, 3));
        assert!(p.at(&nt, 4).is_none(), "no match inside 'metal'");
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let text = "M. Goodale a vu Ahmed D. Hussen à Washington D.C. hier. Puis il est parti.";
        let toks = tokenize(text, &HashSet::new());
        let ab: HashSet<String> = ["m".to_string()].into_iter().collect();
        let s = sentences(&toks, &ab, &HashSet::new(), &[]);
        assert_eq!(s.len(), 2);
    }
}
