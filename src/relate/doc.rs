//! The document view every stage reads (internal).
//!
//! Takes the text, its language data and the entities (already through
//! [`repair`](super::pipeline::repair)); gives a [`Doc`]: tokens with the
//! matching text, sentences, entity masks, title and predicate masks, dates,
//! and the phrase look-ups shared by the stages (titles and their expansion,
//! portfolio complements, nationality words). Also the small helpers the
//! stages share: entity label names, range trimming, tagged phrase hits.

use std::collections::HashSet;

use super::agency::is_country_word;
use super::date::{dates_over, DateFound};
use super::lang::Lang;
use super::text::{
    sentences, tokenize, tokenize_entities, EntityTokens, Hit, NormText, Phrases, Tok, TokKind,
};
use super::TextSpan;
use crate::entity::Entity;
use crate::span::{CharIndex, Span};

/// One document as the stages read it: tokens, sentences and masks, indexed
/// by token.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) lang: &'a Lang,
    pub(super) ents: Vec<&'a Entity>,
    pub(super) toks: Vec<Tok>,
    pub(super) nt: NormText,
    /// Entity index of each token (tokens inside an entity).
    pub(super) tok_ent: Vec<Option<usize>>,
    /// Token range of each entity.
    pub(super) ent_toks: Vec<(usize, usize)>,
    pub(super) sents: Vec<(usize, usize)>,
    pub(super) sent_of: Vec<usize>,
    pub(super) idx: CharIndex,
    pub(super) titles: Vec<(usize, usize)>,
    /// Tokens of counterpart descriptions (`homologue`).
    pub(super) counterpart: Vec<bool>,
    /// Tokens covered by a meeting or discussion predicate.
    pub(super) pred_mask: Vec<bool>,
    pub(super) dates: Vec<DateFound>,
}

impl<'a> Doc<'a> {
    /// Tokenizes `text` around the entities `owned` (already through
    /// [`repair`](super::pipeline::repair)) and finds sentences, titles,
    /// counterpart descriptions, predicate tokens and dates.
    pub(super) fn new(lang: &'a Lang, text: &'a str, owned: &'a [Entity]) -> Doc<'a> {
        let ents: Vec<&Entity> = owned.iter().collect();
        let spans: Vec<Span> = ents.iter().map(|e| e.bytes).collect();
        let EntityTokens { toks, ranges: ent_toks, tok_ent } = tokenize_entities(text, &spans);
        // Skippable adverbs are dropped from the matching text.
        let mut drop = vec![false; toks.len()];
        for adv in &lang.skip_adverbs {
            for i in 0..toks.len() {
                if i + adv.len() <= toks.len()
                    && adv.iter().enumerate().all(|(k, w)| toks[i + k].norm == *w)
                {
                    for d in drop.iter_mut().skip(i).take(adv.len()) {
                        *d = true;
                    }
                }
            }
        }
        let nt = NormText::new(&toks, &drop);
        let protected: Vec<(usize, usize)> =
            ents.iter().map(|e| (e.bytes.start, e.bytes.end)).collect();
        let months: HashSet<String> = lang.months.keys().cloned().collect();
        let sents = sentences(&toks, &lang.abbreviations, &months, &protected);
        let mut sent_of = vec![usize::MAX; toks.len()];
        for (si, &(s, e)) in sents.iter().enumerate() {
            for x in sent_of.iter_mut().take(e).skip(s) {
                *x = si;
            }
        }
        // Newline tokens belong to the previous sentence for lookups.
        let mut last = 0;
        for x in sent_of.iter_mut() {
            if *x == usize::MAX {
                *x = last;
            } else {
                last = *x;
            }
        }
        let mut titles: Vec<(usize, usize)> =
            lang.titles.find(&nt).iter().map(|h| (h.start, h.end)).collect();
        let mut counterpart = vec![false; toks.len()];
        for h in lang.counterparts.find(&nt) {
            for c in counterpart.iter_mut().take(h.end).skip(h.start) {
                *c = true;
            }
            if !titles.iter().any(|&(s, e)| s < h.end && h.start < e) {
                titles.push((h.start, h.end));
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if t.is_word()
                && lang.is_suffix_title(&t.norm)
                && !titles.iter().any(|&(s, e)| s <= i && i < e)
            {
                titles.push((i, i + 1));
            }
        }
        titles.sort();
        let mut pred_mask = vec![false; toks.len()];
        for p in [&lang.meeting, &lang.weak_meeting, &lang.reciprocal_meeting, &lang.discussion] {
            for h in p.find(&nt) {
                for m in pred_mask.iter_mut().take(h.end).skip(h.start) {
                    *m = true;
                }
            }
        }
        let dates = dates_over(lang, &toks, &nt);
        Doc {
            text,
            lang,
            ents,
            toks,
            nt,
            tok_ent,
            ent_toks,
            sents,
            sent_of,
            idx: CharIndex::new(text),
            titles,
            counterpart,
            pred_mask,
            dates,
        }
    }
    pub(super) fn span(&self, s: usize, e: usize) -> TextSpan {
        let b = Span::new(self.toks[s].start, self.toks[e - 1].end);
        TextSpan::new(self.text, &self.idx, b)
    }
    /// The text of tokens `s..e` (non-empty).
    pub(super) fn tok_text(&self, s: usize, e: usize) -> &'a str {
        &self.text[self.toks[s].start..self.toks[e - 1].end]
    }
    /// The first word of tokens `s..e` that is a listed plural title.
    pub(super) fn plural_title_word(&self, s: usize, e: usize) -> Option<usize> {
        // The title's own words: a plural in its complement stays
        // (`presidenta del Consejo de Ministros`).
        (s..e)
            .take_while(|&k| self.at(&self.lang.of_prepositions, k).is_none())
            .find(|&k| self.lang.title_plurals.contains_key(&self.toks[k].norm))
    }
    /// Per sentence: whether one of the phrases `p` starts in it.
    pub(super) fn sentence_flags(&self, p: &Phrases) -> Vec<bool> {
        let mut v = vec![false; self.sents.len()];
        for h in p.find(&self.nt) {
            v[self.sent_of[h.start]] = true;
        }
        v
    }
    pub(super) fn sent_span(&self, si: usize) -> TextSpan {
        let (s, e) = self.sents[si];
        self.span(s, e)
    }
    pub(super) fn ent_label(&self, t: usize) -> Option<&str> {
        self.tok_ent[t].map(|e| self.ents[e].label.as_str())
    }
    pub(super) fn is_per_tok(&self, t: usize) -> bool {
        self.ent_label(t).is_some_and(is_per)
    }
    pub(super) fn at(&self, p: &Phrases, i: usize) -> Option<Hit> {
        if i >= self.toks.len() {
            return None;
        }
        p.at(&self.nt, i)
    }
    /// Whether tokens `e..later` may be the complement of a title ending at
    /// `e`: an of-preposition right after it (or after up to two nationality
    /// words), then no person, no line break, within 18 tokens.
    pub(super) fn in_complement_after(&self, e: usize, later: usize) -> bool {
        let mut p = e;
        while p < later && p < e + 2 && self.is_demonym(p) {
            p += 1;
        }
        p < later
            && later - p <= 18
            && self.at(&self.lang.of_prepositions, p).is_some()
            && (p..later).all(|k| !self.is_per_tok(k) && self.toks[k].kind != TokKind::Newline)
    }
    pub(super) fn word(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i).filter(|t| t.is_word())
    }
    pub(super) fn is_demonym(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else { return false };
        !t.cap
            && self.tok_ent[i].is_none()
            && !self.lang.function_words.contains(&t.norm)
            && self.at(&self.lang.clause_stops, i).is_none()
            && self.at(&self.lang.titles, i).is_none()
            && self.lang.is_demonym_word(&t.norm, 2)
    }
    /// Tokens `s..e` of a title, lower-cased with a plural title word made
    /// singular; `None` when no word of it is a listed plural.
    pub(super) fn singular_title(&self, s: usize, e: usize) -> Option<String> {
        let k = self.plural_title_word(s, e)?;
        let (a, b) = (self.toks[s].start, self.toks[e - 1].end);
        let (ks, ke) = (self.toks[k].start, self.toks[k].end);
        Some(format!(
            "{}{}{}",
            self.text[a..ks].to_lowercase(),
            self.lang.title_plurals[&self.toks[k].norm],
            self.text[ke..b].to_lowercase()
        ))
    }
    pub(super) fn title_at(&self, i: usize) -> Option<(usize, usize)> {
        if let Some(h) = self.at(&self.lang.titles, i) {
            return Some((h.start, h.end));
        }
        let t = self.word(i)?;
        self.lang.is_suffix_title(&t.norm).then_some((i, i + 1))
    }
    /// Extends a title over modifiers, portfolio words and (English)
    /// capitalised qualifiers.
    pub(super) fn expand_title(
        &self,
        s: usize,
        e: usize,
        sent_start: usize,
    ) -> (usize, usize, Vec<String>) {
        let mut s = s;
        let mut e = e;
        let mut mods = Vec::new();
        loop {
            let mut moved = false;
            if s > sent_start {
                // pre-modifier ("acting")
                for k in 1..=2usize {
                    if s >= sent_start + k {
                        if let Some(h) = self.at(&self.lang.modifiers, s - k) {
                            if h.end == s {
                                mods.push(self.tok_text(s - k, s).to_lowercase());
                                s -= k;
                                moved = true;
                                break;
                            }
                        }
                    }
                }
            }
            if !moved && s > sent_start {
                if let Some(h) = self.lang.portfolio_prefixes.find_ending_at(&self.nt, s) {
                    if h.start >= sent_start && (h.start..s).all(|q| !self.is_per_tok(q)) {
                        s = h.start;
                        moved = true;
                    }
                }
            }
            if !moved && s > sent_start {
                if let Some(h) = self.lang.rank_prefixes.find_ending_at(&self.nt, s) {
                    if h.start >= sent_start && (h.start..s).all(|q| !self.is_per_tok(q)) {
                        s = h.start;
                        moved = true;
                    }
                }
            }
            if !moved && self.lang.data.capitalized_prefix_titles && s > sent_start {
                let p = s - 1;
                let t = &self.toks[p];
                if t.is_word()
                    && t.cap
                    && self.tok_ent[p].is_none()
                    && !self.lang.function_words.contains(&t.norm)
                    && self.at(&self.lang.determiners, p).is_none()
                    && self.at(&self.lang.honorifics, p).is_none()
                    && !self.lang.is_demonym_word(&t.norm, 3)
                    && !is_country_word(&t.norm)
                    && !is_acronym(&self.text[t.start..t.end])
                {
                    s = p;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        while let Some(h) = self.at(&self.lang.modifiers, e) {
            mods.push(self.tok_text(h.start, h.end).to_lowercase());
            e = h.end;
        }
        // A counterpart keeps the nationality word written before it
        // (`his Chinese counterpart`, `seinem mauretanischen Amtskollegen`).
        if s > sent_start && (s..e).any(|k| self.counterpart[k]) {
            let p = s - 1;
            if self.word(p).is_some_and(|t| self.lang.is_demonym_word(&t.norm, 2))
                && !self.is_per_tok(p)
                && self.at(&self.lang.titles, p).is_none()
            {
                s = p;
            }
        }
        (s, e, mods)
    }
    /// A token that may belong to a portfolio complement.
    pub(super) fn complement_ok(&self, i: usize, prev_ok_word: bool) -> (bool, bool) {
        let t = &self.toks[i];
        if self.tok_ent[i].is_some() && !self.is_per_tok(i) {
            return (true, true);
        }
        if self.is_per_tok(i) || self.pred_mask[i] || t.kind == TokKind::Newline {
            return (false, false);
        }
        if t.kind == TokKind::Punct {
            return (matches!(t.norm.as_str(), "," | "-" | "'" | "’" | "&"), false);
        }
        if self.at(&self.lang.of_prepositions, i).is_some()
            || self.at(&self.lang.conjunctions, i).is_some()
            || self.at(&self.lang.determiners, i).is_some()
        {
            return (true, false);
        }
        if self.at(&self.lang.clause_stops, i).is_some()
            || self.at(&self.lang.passive_aux, i).is_some()
        {
            return (false, false);
        }
        if t.cap {
            return (true, true);
        }
        (prev_ok_word, prev_ok_word)
    }
}

/// PER under the usual label names.
pub(crate) fn is_per(l: &str) -> bool {
    l.eq_ignore_ascii_case("PER") || l.eq_ignore_ascii_case("PERSON")
}

/// ORG under the usual label names.
pub(crate) fn is_org(l: &str) -> bool {
    ["ORG", "ORGANIZATION", "ORGANISATION"].iter().any(|x| l.eq_ignore_ascii_case(x))
}

/// LOC under the usual label names.
pub(crate) fn is_loc(l: &str) -> bool {
    ["LOC", "LOCATION", "GPE"].iter().any(|x| l.eq_ignore_ascii_case(x))
}

/// Whether the word `w` (or `w.`) is a whole title or honorific of `lang`.
pub(crate) fn lang_is_title_or_honorific(lang: &Lang, w: &str) -> bool {
    [w.to_string(), format!("{w}.")].iter().any(|w| {
        let toks = tokenize(w, &HashSet::new());
        let nt = NormText::new(&toks, &vec![false; toks.len()]);
        let whole = |h: Option<Hit>| h.is_some_and(|h| h.end == toks.len());
        whole(lang.honorifics.at(&nt, 0))
            || whole(lang.titles.at(&nt, 0))
            || lang.is_suffix_title(w)
    })
}

/// Trims punctuation and quotes from both ends of a token range.
pub(super) fn trim(doc: &Doc, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e && (doc.toks[s].kind != TokKind::Word) {
        s += 1;
    }
    while e > s && (doc.toks[e - 1].kind != TokKind::Word) {
        // keep a closing parenthesis that has its opening one inside
        if doc.toks[e - 1].is_punct(")") && (s..e).any(|k| doc.toks[k].is_punct("(")) {
            break;
        }
        e -= 1;
    }
    (e > s).then_some((s, e))
}

/// Appends `x` unless it is already there.
pub(super) fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Every hit of each phrase set in the document, tagged with the set's kind.
pub(super) fn tagged_hits<K: Copy, const N: usize>(
    doc: &Doc,
    sets: [(&Phrases, K); N],
) -> Vec<(Hit, K)> {
    sets.iter().flat_map(|(p, k)| p.find(&doc.nt).into_iter().map(move |h| (h, *k))).collect()
}

/// An acronym: two letters or more, all capitals (`IPU`, `UNHCR`): before a
/// title it names an organisation (`IPU Secretary General`), not the title.
fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
}
