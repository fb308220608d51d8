//! The rules of the relations stage (internal). See the module docs of
//! [`relate`](super) for what is extracted; the comments here say how.

use std::collections::HashSet;

use super::agency::{self, RoleText};
use super::date::{find_dates, DateFound};
use super::lang::Lang;
use super::pairs::{pair_features, PairFeatures, PairInput, PairModel, SentenceCues};
use super::repair::{consistent_people, fix_titles, split_glued_titles};
use super::text::{
    is_closing_quote, is_quote, normalize_phrase, sentences, tokenize, tokenize_entities,
    EntityTokens, Hit, NormText, Phrases, Tok, TokKind,
};
use super::{
    slug, DateMention, Discussion, Interaction, InteractionKind, Person, Relations, Role, TextSpan,
};
use crate::entity::Entity;
use crate::span::{CharIndex, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trig {
    Strong,
    Weak,
    Reciprocal,
}

struct Doc<'a> {
    text: &'a str,
    lang: &'a Lang,
    ents: Vec<&'a Entity>,
    toks: Vec<Tok>,
    nt: NormText,
    /// Entity index of each token (tokens inside an entity).
    tok_ent: Vec<Option<usize>>,
    /// Token range of each entity.
    ent_toks: Vec<(usize, usize)>,
    sents: Vec<(usize, usize)>,
    sent_of: Vec<usize>,
    idx: CharIndex,
    titles: Vec<(usize, usize)>,
    /// Tokens of counterpart descriptions (`homologue`).
    counterpart: Vec<bool>,
    /// Tokens covered by a meeting or discussion predicate.
    pred_mask: Vec<bool>,
    dates: Vec<DateFound>,
}

/// A PER mention: entity index, token range, person (cluster) index.
#[derive(Clone, Copy, Debug)]
struct Mention {
    s: usize,
    e: usize,
    person: usize,
}

struct RoleB {
    person: usize,
    title: Option<(usize, usize)>,
    modifiers: Vec<String>,
    of: Option<(usize, usize)>,
    org: Option<String>,
    sent: usize,
    conf: f32,
}

struct Cluster {
    forms: Vec<Vec<String>>,
    names: Vec<String>,
    mentions: Vec<usize>,
}

impl<'a> Doc<'a> {
    fn span(&self, s: usize, e: usize) -> TextSpan {
        let b = Span::new(self.toks[s].start, self.toks[e - 1].end);
        TextSpan::new(self.text, &self.idx, b)
    }
    /// The text of tokens `s..e` (non-empty).
    fn tok_text(&self, s: usize, e: usize) -> &'a str {
        &self.text[self.toks[s].start..self.toks[e - 1].end]
    }
    /// The first word of tokens `s..e` that is a listed plural title.
    fn plural_title_word(&self, s: usize, e: usize) -> Option<usize> {
        (s..e).find(|&k| self.lang.title_plurals.contains_key(&self.toks[k].norm))
    }
    fn sent_span(&self, si: usize) -> TextSpan {
        let (s, e) = self.sents[si];
        self.span(s, e)
    }
    fn ent_label(&self, t: usize) -> Option<&str> {
        self.tok_ent[t].map(|e| self.ents[e].label.as_str())
    }
    fn is_per_tok(&self, t: usize) -> bool {
        self.ent_label(t).is_some_and(is_per)
    }
    fn at(&self, p: &Phrases, i: usize) -> Option<Hit> {
        if i >= self.toks.len() {
            return None;
        }
        p.at(&self.nt, i)
    }
    fn word(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i).filter(|t| t.is_word())
    }
    fn is_demonym(&self, i: usize) -> bool {
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
    fn singular_title(&self, s: usize, e: usize) -> Option<String> {
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
    fn title_at(&self, i: usize) -> Option<(usize, usize)> {
        if let Some(h) = self.at(&self.lang.titles, i) {
            return Some((h.start, h.end));
        }
        let t = self.word(i)?;
        self.lang.is_suffix_title(&t.norm).then_some((i, i + 1))
    }
    /// Extends a title over modifiers, portfolio words and (English)
    /// capitalised qualifiers.
    fn expand_title(&self, s: usize, e: usize, sent_start: usize) -> (usize, usize, Vec<String>) {
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
        (s, e, mods)
    }
    /// A token that may belong to a portfolio complement.
    fn complement_ok(&self, i: usize, prev_ok_word: bool) -> (bool, bool) {
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

fn name_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

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

fn is_sub(small: &[String], big: &[String]) -> bool {
    !small.is_empty() && small.len() <= big.len() && big.windows(small.len()).any(|w| w == small)
}

/// The entities the rules read: valid spans only, no nesting, then the
/// document-level repairs of [`super::repair`] (glued titles, title
/// confusions, one sense per document for names).
pub(crate) fn repair(lang: &Lang, text: &str, entities: &[Entity]) -> Vec<Entity> {
    let mut ents: Vec<&Entity> = entities
        .iter()
        .filter(|e| {
            e.bytes.end <= text.len()
                && e.bytes.start < e.bytes.end
                && text.is_char_boundary(e.bytes.start)
                && text.is_char_boundary(e.bytes.end)
        })
        .collect();
    ents.sort_by_key(|e| (e.bytes.start, std::cmp::Reverse(e.bytes.end)));
    // Flat: drop entities nested in an earlier one.
    let mut flat: Vec<&Entity> = Vec::new();
    for e in ents {
        if flat.last().is_none_or(|l| e.bytes.start >= l.bytes.end) {
            flat.push(e);
        }
    }
    let unglued = split_glued_titles(lang, text, flat.into_iter().cloned().collect());
    let fixed = fix_titles(lang, text, unglued);
    consistent_people(lang, text, fixed)
}

/// The rules on entities already through [`repair`], with the met-with pairs
/// of `model` (the rules' own pairs when `None`); also returns the features
/// of every pair of people when there is no model (`--dump-pairs`).
pub(crate) fn relate_scored(
    lang: &Lang,
    text: &str,
    owned: &[Entity],
    model: Option<&PairModel>,
) -> (Relations, Vec<PairFeatures>) {
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
    let dates = find_dates(lang, &toks);
    let doc = Doc {
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
    };

    let (clusters, mentions) = cluster_people(&doc);
    let mut roles: Vec<RoleB> = Vec::new();
    for m in &mentions {
        if let Some(r) = pre_name_role(&doc, m) {
            roles.push(r);
        }
        if let Some(r) = post_name_role(&doc, m, &mentions) {
            roles.push(r);
        }
    }
    distributed_roles(&doc, &mentions, &mut roles);
    description_roles(&doc, &mentions, &mut roles);
    predicative_roles(&doc, &mentions, &mut roles);
    let (mut interactions, desc_roles) = find_interactions(&doc, &mentions);
    roles.extend(desc_roles);
    // Meeting predicates of every strength, in text order (the pair features
    // and the placing of new meetings read them).
    let mut meeting_hits: Vec<Hit> = [&lang.meeting, &lang.weak_meeting, &lang.reciprocal_meeting]
        .iter()
        .flat_map(|p| p.find(&doc.nt))
        .collect();
    meeting_hits.sort_by_key(|h| h.start);
    let input = pair_input(&doc, &clusters, &mentions, &roles, &interactions, &meeting_hits);
    // Pairs scored one at a time (only kept whole for `--dump-pairs`).
    let mut features = Vec::new();
    let mut scored: Vec<([usize; 2], f32)> = Vec::new();
    pair_features(&input, &mut |f| match model {
        Some(m) => scored.push(([f.a.min(f.b), f.a.max(f.b)], m.probability(&f.values))),
        None => features.push(f),
    });
    if let Some(model) = model {
        apply_pair_model(&doc, &mentions, model, &scored, &meeting_hits, &mut interactions);
    }
    let discussions = find_discussions(&doc, &mentions, &interactions);

    // Assemble people.
    let doc_country = agency::document_country(text);
    let home = agency::home_country(text);
    let doc_portfolios = agency::written_portfolios(
        lang,
        doc.ents.iter().filter(|e| is_org(&e.label)).map(|e| e.text.as_str()),
    );
    let people: Vec<Person> = clusters
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let name = best_name(c);
            let mut out_roles: Vec<Role> = Vec::new();
            let is_cp =
                |r: &RoleB| r.title.is_some_and(|(s, e)| (s..e).any(|k| doc.counterpart[k]));
            let has_post = roles.iter().any(|r| r.person == ci && !is_cp(r));
            for r in roles.iter().filter(|r| r.person == ci && !(has_post && is_cp(r))) {
                let sentence = doc.sent_span(r.sent);
                let title = r.title.map(|(s, e)| doc.span(s, e));
                let of = r.of.map(|(s, e)| doc.span(s, e));
                let at = title.as_ref().map_or(0, |t| t.bytes.start);
                // This person's part of the sentence: between the other people
                // named before and after the title.
                let (ss, se) = (sentence.bytes.start, sentence.bytes.end);
                let others = mentions
                    .iter()
                    .filter(|m| m.person != ci)
                    .map(|m| (doc.toks[m.s].start, doc.toks[m.e - 1].end));
                let lo = others.clone().filter(|&(_, e)| e <= at).map(|x| x.1).max();
                let hi = others.filter(|&(s, _)| s > at).map(|x| x.0).min();
                let own = (lo.unwrap_or(ss).max(ss) - ss, hi.unwrap_or(se).min(se).max(ss) - ss);
                let agency = agency::canonical(
                    lang,
                    &RoleText {
                        title: title.as_ref().map(|t| t.text.as_str()),
                        of: of.as_ref().map(|t| t.text.as_str()),
                        org: r.org.as_deref(),
                        sentence: &sentence.text,
                        at: at.saturating_sub(ss),
                        title_end: title.as_ref().map_or(0, |t| t.bytes.end.saturating_sub(ss)),
                        of_at: of.as_ref().map(|o| o.bytes.start.saturating_sub(ss)),
                        own,
                        doc_country,
                        home,
                        doc_portfolios: &doc_portfolios,
                    },
                );
                let role = Role {
                    title_singular: r.title.and_then(|(s, e)| doc.singular_title(s, e)),
                    title,
                    modifiers: r.modifiers.clone(),
                    of,
                    org: agency.or_else(|| r.org.clone()),
                    evidence: sentence,
                    confidence: r.conf,
                };
                merge_role(&mut out_roles, role);
            }
            Person {
                id: format!("person/{}", slug(&name)),
                name,
                mentions: c
                    .mentions
                    .iter()
                    .map(|&ei| TextSpan::new(text, &doc.idx, doc.ents[ei].bytes))
                    .collect(),
                roles: out_roles,
            }
        })
        .collect();
    let (meetings, other_contacts): (Vec<_>, Vec<_>) =
        interactions.into_iter().partition(|i| i.kind == InteractionKind::Meeting);
    let discussions = discussions
        .into_iter()
        .map(|mut d| {
            d.meeting =
                d.meeting.and_then(|k| meetings.iter().position(|m| m.trigger.bytes.start == k));
            d
        })
        .collect();
    let rel = Relations {
        language: lang.data.language.clone(),
        people,
        meetings,
        other_contacts,
        discussions,
    };
    (rel, features)
}

/// What the pair classifier reads of a document (see [`pairs`](super::pairs)).
fn pair_input<'a>(
    doc: &'a Doc,
    clusters: &[Cluster],
    mentions: &[Mention],
    roles: &[RoleB],
    interactions: &[Interaction],
    meeting_hits: &[Hit],
) -> PairInput<'a> {
    let lang = doc.lang;
    let n = doc.sents.len();
    let flags = |p: &Phrases| {
        let mut v = vec![false; n];
        for h in p.find(&doc.nt) {
            v[doc.sent_of[h.start]] = true;
        }
        v
    };
    let mut meeting = vec![false; n];
    let mut meeting_at = vec![Vec::new(); n];
    for h in meeting_hits {
        let si = doc.sent_of[h.start];
        meeting[si] = true;
        meeting_at[si].push(h.start);
    }
    // A contact block: from the first contact cue in the last third on.
    let mut contact = vec![false; n];
    let tail = doc.toks.len() * 2 / 3;
    if let Some(h) = lang.contact_cues.find(&doc.nt).into_iter().find(|h| h.start >= tail) {
        for c in contact.iter_mut().skip(doc.sent_of[h.start]) {
            *c = true;
        }
    }
    let cues = SentenceCues {
        meeting,
        meeting_at,
        call: flags(&lang.call_cues),
        planned: flags(&lang.planned_cues),
        presence: flags(&lang.presence_cues),
        separate: flags(&lang.separate_cues),
        contact,
    };
    let mut has_role = vec![false; clusters.len()];
    for r in roles {
        has_role[r.person] = true;
    }
    let mut multiword = vec![false; clusters.len()];
    for m in mentions {
        if (m.s..m.e).filter(|&k| doc.toks[k].is_word()).count() > 1 {
            multiword[m.person] = true;
        }
    }
    // "X and Y", "X, Y": two mentions with only a conjunction or a comma between.
    let mut conjoined = Vec::new();
    for w in mentions.windows(2) {
        let (x, y) = (w[0], w[1]);
        if x.person == y.person || y.s < x.e || doc.sent_of[x.s] != doc.sent_of[y.s] {
            continue;
        }
        let gap = y.s - x.e;
        let joined =
            gap == 1 && (doc.toks[x.e].is_punct(",") || doc.at(&lang.conjunctions, x.e).is_some());
        if joined {
            conjoined.push([x.person.min(y.person), x.person.max(y.person)]);
        }
    }
    // Places and nationality words near each person's mentions (same sentence).
    let mut country_keys: Vec<Vec<String>> = vec![Vec::new(); clusters.len()];
    for m in mentions {
        let (ss, se) = doc.sents[doc.sent_of[m.s]];
        for k in m.s.saturating_sub(6).max(ss)..(m.e + 6).min(se) {
            let place = doc.ent_label(k).is_some_and(is_loc);
            if (place || doc.is_demonym(k)) && doc.toks[k].is_word() {
                let key: String = slug(&doc.toks[k].norm).chars().take(4).collect();
                if key.chars().count() == 4 && !country_keys[m.person].contains(&key) {
                    country_keys[m.person].push(key);
                }
            }
        }
    }
    PairInput {
        language: &lang.data.language,
        n_people: clusters.len(),
        mentions: mentions.iter().map(|m| (m.s, m.e, doc.sent_of[m.s], m.person)).collect(),
        sentences: n,
        cues,
        interactions: interactions
            .iter()
            .map(|i| (i.kind, i.pairs.clone(), i.participants.clone()))
            .collect(),
        has_role,
        multiword,
        conjoined,
        country_keys,
    }
}

/// Replaces the rules' meeting pairs by the pairs the classifier accepts. A
/// pair the rules did not report joins the meeting of one of its people, or
/// becomes a meeting of its own, reported at the meeting predicate nearest
/// to its mentions (or at the sentence where they are named closest).
fn apply_pair_model(
    doc: &Doc,
    mentions: &[Mention],
    model: &PairModel,
    scored: &[([usize; 2], f32)],
    hits: &[Hit],
    interactions: &mut Vec<Interaction>,
) {
    let gate_open = scored.iter().any(|&(_, p)| p >= model.document_gate);
    let accepted: Vec<[usize; 2]> = scored
        .iter()
        .filter(|&&(_, p)| gate_open && p >= model.threshold)
        .map(|&(pair, _)| pair)
        .collect();
    let accepted_set: HashSet<[usize; 2]> = accepted.iter().copied().collect();
    for it in interactions.iter_mut().filter(|i| i.kind == InteractionKind::Meeting) {
        it.pairs.retain(|p| accepted_set.contains(p));
    }
    // Token starts of each person's mentions.
    let mut toks_of: Vec<Vec<usize>> = Vec::new();
    for m in mentions {
        if toks_of.len() <= m.person {
            toks_of.resize(m.person + 1, Vec::new());
        }
        toks_of[m.person].push(m.s);
    }
    let toks_of = |p: usize| toks_of.get(p).map_or(&[][..], Vec::as_slice);
    // The predicate nearest to token `t` (binary search over the sorted hits).
    let nearest = |t: usize| -> Option<(usize, &Hit)> {
        let i = hits.partition_point(|h| h.start < t);
        [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|j| hits.get(j))
            .map(|h| (h.start.abs_diff(t), h))
            .min_by_key(|x| x.0)
    };
    for pair in accepted {
        let is_meeting = |i: &Interaction| i.kind == InteractionKind::Meeting;
        if interactions.iter().any(|i| is_meeting(i) && i.pairs.contains(&pair)) {
            continue;
        }
        if let Some(it) = interactions.iter_mut().find(|i| {
            is_meeting(i)
                && (i.participants.contains(&pair[0]) || i.participants.contains(&pair[1]))
        }) {
            push_unique(&mut it.participants, pair[0]);
            push_unique(&mut it.participants, pair[1]);
            it.pairs.push(pair);
            continue;
        }
        let near = toks_of(pair[0])
            .iter()
            .chain(toks_of(pair[1]))
            .filter_map(|&t| nearest(t))
            .min_by_key(|x| (x.0, x.1.start));
        let (ts, te) = match near {
            Some((_, h)) => (h.start, h.end),
            None => {
                // The sentence where the two are named closest.
                let best = toks_of(pair[0])
                    .iter()
                    .flat_map(|&a| toks_of(pair[1]).iter().map(move |&b| (a.abs_diff(b), a.min(b))))
                    .min()
                    .map_or(0, |x| x.1);
                let (ss, se) = doc.sents[doc.sent_of[best]];
                (ss, se.max(ss + 1).min(doc.toks.len()))
            }
        };
        if te <= ts || te > doc.toks.len() {
            continue;
        }
        let si = doc.sent_of[ts];
        interactions.push(Interaction {
            kind: InteractionKind::Meeting,
            participants: vec![pair[0], pair[1]],
            pairs: vec![pair],
            trigger: doc.span(ts, te),
            date: meeting_date(doc, si),
            place: meeting_place(doc, si),
            evidence: doc.sent_span(si),
            confidence: 0.6,
        });
    }
    interactions.retain(|i| i.kind != InteractionKind::Meeting || !i.pairs.is_empty());
    for it in interactions.iter_mut() {
        it.pairs.sort();
    }
}

fn norm_key(s: &str) -> String {
    s.to_lowercase().replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds a role unless the same post is already there (same title, case
/// folded); a role with an `of` replaces the same title without one.
fn merge_role(out: &mut Vec<Role>, role: Role) {
    let key = role.post_title().map(norm_key);
    let of = role.of.as_ref().map(|t| norm_key(&t.text));
    for r in out.iter_mut() {
        let rk = r.post_title().map(norm_key);
        let rof = r.of.as_ref().map(|t| norm_key(&t.text));
        if rk == key {
            if rof == of || of.is_none() {
                return;
            }
            if rof.is_none() {
                r.of = role.of;
                r.org = r.org.take().or(role.org);
                return;
            }
        }
    }
    out.push(role);
}

fn best_name(c: &Cluster) -> String {
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
fn cluster_people(doc: &Doc) -> (Vec<Cluster>, Vec<Mention>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut mentions = Vec::new();
    let mut last_seen: Vec<usize> = Vec::new();
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
        let mut sorted_form = form.clone();
        sorted_form.sort();
        let mut best: Option<usize> = None;
        for (ci, c) in clusters.iter().enumerate() {
            let hit = c.forms.iter().any(|f| {
                let mut sf = f.clone();
                sf.sort();
                *f == form || is_sub(&form, f) || is_sub(f, &form) || sf == sorted_form
            });
            if hit && best.is_none_or(|b| last_seen[ci] > last_seen[b]) {
                best = Some(ci);
            }
        }
        let ci = match best {
            Some(ci) => ci,
            None => {
                clusters.push(Cluster {
                    forms: Vec::new(),
                    names: Vec::new(),
                    mentions: Vec::new(),
                });
                last_seen.push(0);
                clusters.len() - 1
            }
        };
        let c = &mut clusters[ci];
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

/// Trims punctuation and quotes from both ends of a token range.
fn trim(doc: &Doc, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
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

fn org_in(doc: &Doc, s: usize, e: usize) -> Option<String> {
    (s..e).find_map(|k| {
        doc.tok_ent[k].filter(|&x| is_org(&doc.ents[x].label)).map(|x| doc.ents[x].text.clone())
    })
}

/// Title before the name: `Le ministre de la Sécurité publique … Ralph Goodale`,
/// `le secrétaire intérimaire de …, Kevin McAleenan`, `Foreign Secretary X`.
fn pre_name_role(doc: &Doc, m: &Mention) -> Option<RoleB> {
    let si = doc.sent_of[m.s];
    let (ss, _) = doc.sents[si];
    // A title inside the PER entity itself ("Minister Goodale" tagged whole).
    if let Some((s, e)) = doc.title_at(m.s).filter(|&(_, e)| e < m.e) {
        let (ts, te, mods) = doc.expand_title(s, e, ss);
        return Some(RoleB {
            person: m.person,
            title: Some((ts, te)),
            modifiers: mods,
            of: None,
            org: None,
            sent: si,
            conf: 0.7,
        });
    }
    let &(h_s, h_e) = doc.titles.iter().rev().find(|&&(s, e)| e <= m.s && s >= ss)?;
    if (h_s..h_e).any(|k| doc.is_per_tok(k)) {
        return None;
    }
    let (ts, te, mods) = doc.expand_title(h_s, h_e, ss);
    let mut p = te;
    let mut skipped_adj = 0;
    while p < m.s && skipped_adj < 2 && doc.is_demonym(p) {
        p += 1;
        skipped_adj += 1;
    }
    // A counterpart is written with its nationality word (`homologue
    // congolais`), as the guidelines keep such descriptions.
    let te = if (ts..te).any(|k| doc.counterpart[k]) { p } else { te };
    // The tail right before the name: [","] (determiner | honorific)*.
    let mut tail = m.s;
    loop {
        if tail > p {
            if let Some(k) = (1..=4).find(|&k| {
                tail >= p + k
                    && (doc.at(&doc.lang.honorifics, tail - k).is_some_and(|h| h.end == tail)
                        || doc.at(&doc.lang.determiners, tail - k).is_some_and(|h| h.end == tail))
            }) {
                tail -= k;
                continue;
            }
            if doc.toks[tail - 1].is_punct(".")
                && tail - 1 > p
                && doc.at(&doc.lang.honorifics, tail - 2).is_some()
            {
                tail -= 2;
                continue;
            }
        }
        break;
    }
    let comma_before_tail = tail > p && doc.toks[tail - 1].is_punct(",");
    let mut of = None;
    if let Some(h) = doc.at(&doc.lang.of_prepositions, p) {
        // Complement up to the last comma before the name (or the name).
        let mut end = m.s;
        if comma_before_tail {
            end = tail - 1;
        } else if tail < m.s {
            return None;
        }
        let cs = h.end;
        if end <= cs || end - cs > 18 {
            return None;
        }
        let mut prev_ok = true;
        for k in cs..end {
            let (ok, word_ok) = doc.complement_ok(k, prev_ok);
            if !ok {
                return None;
            }
            prev_ok = word_ok || (doc.toks[k].is_word() && prev_ok && !doc.toks[k].cap);
            if doc.toks[k].kind == TokKind::Punct {
                prev_ok = true;
            }
        }
        let (os, oe) = trim(doc, cs, end)?;
        // "the Minister of Finance and Paul Smith": a complement cannot end
        // with a function word.
        let last = oe - 1;
        if doc.tok_ent[last].is_none()
            && (doc.at(&doc.lang.conjunctions, last).is_some()
                || doc.at(&doc.lang.of_prepositions, last).is_some()
                || doc.at(&doc.lang.determiners, last).is_some())
        {
            return None;
        }
        of = Some((os, oe));
    } else {
        // No complement: nothing but [","] + honorifics between title and name.
        let gap_end = if comma_before_tail { tail - 1 } else { tail };
        if gap_end != p {
            return None;
        }
        if comma_before_tail {
            // "la chefe da diplomacia guineense, Suzi Barbosa": needs an article before the title.
            // A possessive does as well: `Ukraine’s Foreign Minister, Dmytro Kuleba`.
            let possessive = ts >= 2
                && doc.toks[ts - 1].norm == "s"
                && matches!(doc.toks[ts - 2].norm.as_str(), "'" | "’");
            if !possessive
                && (ts == 0 || doc.at(&doc.lang.determiners, ts - 1).is_none_or(|h| h.end != ts))
            {
                return None;
            }
        }
    }
    if of.is_none() {
        of = jurisdiction_after(doc, m);
    }
    let org = of.and_then(|(s, e)| org_in(doc, s, e));
    Some(RoleB {
        person: m.person,
        title: Some((ts, te)),
        modifiers: mods,
        of,
        org,
        sent: si,
        conf: if of.is_some() { 0.85 } else { 0.8 },
    })
}

/// A plural title distributed over names with their own complements: `Los
/// cancilleres de Argentina, X, y de Uruguay, Y` gives Y the title with
/// `Uruguay` (X got it with `Argentina` from [`pre_name_role`]).
fn distributed_roles(doc: &Doc, mentions: &[Mention], roles: &mut Vec<RoleB>) {
    let plural = |(s, e): (usize, usize)| doc.plural_title_word(s, e).is_some();
    let mut extra = Vec::new();
    for pair in mentions.windows(2) {
        let (m1, m2) = (&pair[0], &pair[1]);
        let si = doc.sent_of[m1.s];
        if doc.sent_of[m2.s] != si || m1.person == m2.person {
            continue;
        }
        let Some(r) = roles
            .iter()
            .find(|r| r.person == m1.person && r.sent == si && r.title.is_some_and(plural))
        else {
            continue;
        };
        // m1 "," conjunction of-preposition complement "," m2
        if !doc.toks.get(m1.e).is_some_and(|t| t.is_punct(",")) {
            continue;
        }
        let Some(c) = doc.at(&doc.lang.conjunctions, m1.e + 1) else { continue };
        let Some(o) = doc.at(&doc.lang.of_prepositions, c.end) else { continue };
        if m2.s < o.end + 2 || !doc.toks[m2.s - 1].is_punct(",") || m2.s - 1 - o.end > 8 {
            continue;
        }
        if (o.end..m2.s - 1).any(|k| !doc.complement_ok(k, true).0) {
            continue;
        }
        let Some(of) = trim(doc, o.end, m2.s - 1) else { continue };
        extra.push(RoleB {
            person: m2.person,
            title: r.title,
            modifiers: r.modifiers.clone(),
            of: Some(of),
            org: org_in(doc, of.0, of.1),
            sent: si,
            conf: r.conf * 0.9,
        });
    }
    roles.extend(extra);
}

/// `President X of France`: an of-preposition right after the name followed by
/// exactly one LOC/ORG entity and the end of the phrase.
fn jurisdiction_after(doc: &Doc, m: &Mention) -> Option<(usize, usize)> {
    let h = doc.at(&doc.lang.of_prepositions, m.e)?;
    // "in Berlin" is a place, not a jurisdiction.
    if doc.at(&doc.lang.place_prepositions, m.e).is_some() {
        return None;
    }
    let mut q = h.end;
    if let Some(d) = doc.at(&doc.lang.determiners, q) {
        q = d.end;
    }
    let ei = doc.tok_ent[q]?;
    let label = doc.ents[ei].label.as_str();
    if !(is_loc(label) || is_org(label)) {
        return None;
    }
    let (s, e) = doc.ent_toks[ei];
    if s != q || e <= s {
        return None;
    }
    let after_ok = e >= doc.toks.len()
        || doc.toks[e].kind != TokKind::Word
        || doc.at(&doc.lang.of_prepositions, e).is_none();
    after_ok.then_some((s, e))
}

/// Title after the name: `Scott Bardsley, Responsable des médias …, Cabinet du
/// ministre …`, `Ben Carr, Member of Parliament for …`, `Julian LangeRegierungssprecher`.
fn post_name_role(doc: &Doc, m: &Mention, mentions: &[Mention]) -> Option<RoleB> {
    let si = doc.sent_of[m.s];
    let n = doc.toks.len();
    let mut p = m.e;
    let comma = p < n && doc.toks[p].is_punct(",");
    if comma {
        p += 1;
    }
    if p < n && doc.toks[p].kind == TokKind::Newline {
        return None;
    }
    if comma {
        if let Some(h) = doc.at(&doc.lang.determiners, p) {
            p = h.end;
        }
    }
    // Title, possibly after capitalised qualifiers ("Press Secretary") and,
    // in an apposition, after modifiers and the organisation it serves ("…, a
    // retired Navy Admiral,": title `Admiral`, modifier `retired`, agency
    // `Navy`).
    let mut found = None;
    let mut lead_mods = Vec::new();
    let mut prefix_org: Option<(usize, usize)> = None;
    let mut q = p;
    while q < n && q < p + 6 {
        if let Some((s, e)) = doc.title_at(q) {
            found = Some((s, e));
            break;
        }
        if comma && prefix_org.is_none() {
            if let Some(h) = doc.at(&doc.lang.modifiers, q) {
                lead_mods.push(doc.tok_text(h.start, h.end).to_lowercase());
                q = h.end;
                continue;
            }
            if let Some(ei) =
                doc.tok_ent[q].filter(|&ei| is_org(&doc.ents[ei].label) && doc.ent_toks[ei].0 == q)
            {
                let (es, ee) = doc.ent_toks[ei];
                // The tagger often takes the title into the organisation
                // (`[Marine Corps General]`).
                if let Some(k) =
                    (es + 1..ee).find(|&k| doc.title_at(k).is_some_and(|(_, e)| e == ee))
                {
                    prefix_org = Some((es, k));
                    found = Some((k, ee));
                    break;
                }
                prefix_org = Some((es, ee));
                q = ee;
                continue;
            }
        }
        let t = &doc.toks[q];
        if !(doc.lang.data.capitalized_prefix_titles
            && t.is_word()
            && t.cap
            && doc.tok_ent[q].is_none()
            && q < p + 4)
        {
            break;
        }
        q += 1;
    }
    let (hs, mut te) = found?;
    // Nothing may sit between the organisation and its title.
    if prefix_org.is_some_and(|(_, e)| e != hs) {
        return None;
    }
    if let Some(next) = mentions.iter().find(|x| x.s >= m.e && doc.sent_of[x.s] == si) {
        if pre_name_role(doc, next).and_then(|r| r.title).is_some_and(|(s, e)| s <= hs && hs < e) {
            return None;
        }
    }
    let ts = match prefix_org {
        Some((_, e)) => e,
        None if !lead_mods.is_empty() => hs,
        None => p,
    };
    // Inverted copula ("Seit 2019 ist X Botschafter in …"): title right after the name.
    let copula_before =
        m.s > 0 && doc.lang.predicative.find_ending_at(&doc.nt, m.s).is_some() && hs == m.e;
    if !(comma || copula_before || doc.toks[hs].cap && hs == m.e) {
        return None;
    }
    if doc.sent_of[hs] != si && hs != m.e {
        return None;
    }
    let mut mods = lead_mods;
    while let Some(h) = doc.at(&doc.lang.modifiers, te) {
        mods.push(doc.tok_text(h.start, h.end).to_lowercase());
        te = h.end;
    }
    // `X, son homologue congolais`: a counterpart keeps its nationality word.
    if (hs..te).any(|k| doc.counterpart[k]) {
        for _ in 0..2 {
            if te < n && doc.is_demonym(te) {
                te += 1;
            }
        }
    }
    // Coordinated titles: "Press Secretary and Communications Advisor".
    if let Some(c) = doc.at(&doc.lang.conjunctions, te) {
        let mut q = c.end;
        for _ in 0..3 {
            if let Some((_, e)) = doc.title_at(q) {
                te = e;
                break;
            }
            if q < n && doc.toks[q].is_word() && doc.toks[q].cap && doc.tok_ent[q].is_none() {
                q += 1;
            } else {
                break;
            }
        }
    }
    let stop = |k: usize| {
        let t = &doc.toks[k];
        t.kind == TokKind::Newline
            || (t.kind == TokKind::Punct
                && matches!(t.norm.as_str(), "," | ";" | "." | "(" | ")" | ":" | "|"))
            || doc.is_per_tok(k)
            || is_quote(t)
    };
    let mut of = None;
    let mut title_end = te;
    let mut after = te;
    if let Some(h) = doc.at(&doc.lang.of_prepositions, te) {
        if doc.tok_ent[h.start].is_none() {
            let cs = h.end;
            let mut k = cs;
            while k < n
                && !stop(k)
                && !(k > cs
                    && doc.tok_ent[k] != doc.tok_ent[k - 1]
                    && doc.ent_label(k).is_some_and(is_org)
                    && doc.tok_ent[cs].is_none())
            {
                k += 1;
            }
            if k > cs && k - cs <= 20 {
                of = trim(doc, cs, k);
                after = k;
            }
        }
    }
    // A title followed by a name is that name's title ("X, Minister of Y Z").
    let mut q = after;
    if q < n && doc.toks[q].is_punct(",") {
        q += 1;
    }
    while let Some(h) = doc.at(&doc.lang.honorifics, q) {
        q = h.end;
    }
    if q < n && doc.is_per_tok(q) {
        return None;
    }
    // Byline: "Name, Title [complement], ORG" -> the ORG is the affiliation.
    let mut q = after;
    if q < n && doc.toks[q].is_punct(",") {
        q += 1;
    }
    let mut org = None;
    if q < n && doc.ent_label(q).is_some_and(is_org) {
        let ei = doc.tok_ent[q].unwrap_or(0);
        let (os, oe) = doc.ent_toks[ei];
        if os == q && oe > os {
            if let Some((_, oe2)) = of {
                title_end = oe2;
            }
            of = Some((os, oe));
            org = Some(doc.ents[ei].text.clone());
        }
    }
    // The same byline when the tagger missed the ORG: after the comma, a
    // capitalised phrase of two words or more that is not a place, a person,
    // another title or a date ("…, Responsable des médias, Cabinet du ministre
    // de …").
    if org.is_none() && q > after && q < n && byline_agency_start(doc, q) {
        let mut k = q;
        while k < n && k - q < 16 && !stop(k) {
            k += 1;
        }
        if k < n && k - q >= 2 && (stop(k) && !doc.is_per_tok(k)) {
            if let Some(agency) = trim(doc, q, k) {
                if let Some((_, oe2)) = of {
                    title_end = oe2;
                }
                of = Some(agency);
            }
        }
    }
    if let (None, Some((s, e))) = (of, prefix_org) {
        of = Some((s, e));
        org = Some(doc.tok_text(s, e).to_string());
    }
    if org.is_none() {
        org = of.and_then(|(s, e)| org_in(doc, s, e));
    }
    Some(RoleB {
        person: m.person,
        title: Some((ts, title_end)),
        modifiers: mods,
        of,
        org,
        sent: si,
        conf: 0.75,
    })
}

/// A sentence that opens with a definite description (`Le conseiller fédéral
/// a souligné…`, `O vice-ministro dos Negócios Estrangeiros moçambicano
/// falava…`) gives that role to the person named last before it.
fn description_roles(doc: &Doc, mentions: &[Mention], roles: &mut Vec<RoleB>) {
    for (si, &(ss, se)) in doc.sents.iter().enumerate() {
        let Some(d) = doc.at(&doc.lang.determiners, ss) else {
            continue;
        };
        let Some((hs, he)) = doc.title_at(d.end) else {
            continue;
        };
        if hs != d.end {
            continue;
        }
        let (ts, te, mods) = doc.expand_title(hs, he, d.end);
        if (ts..te).any(|k| doc.tok_ent[k].is_some()) {
            continue;
        }
        // Complement: capitalised chain after an of-preposition.
        let mut p = te;
        let mut of = None;
        if let Some(h) = doc.at(&doc.lang.of_prepositions, p) {
            match chain_complement(doc, h.end, se) {
                Some(e) => {
                    of = Some((h.end, e));
                    p = e;
                }
                None => continue,
            }
        }
        while p < se && doc.is_demonym(p) {
            p += 1;
        }
        // The description must be the subject: followed by a verb-like word, not a name.
        if p >= se
            || doc.is_per_tok(p)
            || doc.toks[p].kind != TokKind::Word
            || doc.toks[p].cap
            || doc.at(&doc.lang.conjunctions, p).is_some()
        {
            continue;
        }
        // Who: a recent person already holding a post with this title word,
        // else the person named last.
        let recent: Vec<&Mention> = mentions
            .iter()
            .rev()
            .filter(|m| m.e <= ss && si.saturating_sub(doc.sent_of[m.s]) <= 3)
            .collect();
        let head = doc.toks[hs..he].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
        let same_title = recent.iter().find(|m| {
            roles.iter().any(|r| {
                r.person == m.person
                    && r.title.is_some_and(|(a, b)| {
                        let t = doc.toks[a..b]
                            .iter()
                            .map(|t| t.norm.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                        t.contains(&head)
                    })
            })
        });
        let Some(prev) = same_title.or(recent.first()) else {
            continue;
        };
        roles.push(RoleB {
            person: prev.person,
            title: Some((ts, te)),
            modifiers: mods,
            of,
            org: None,
            sent: si,
            conf: 0.5,
        });
    }
}

/// The end of a portfolio complement starting at `k`: capitalised words,
/// entities, prepositions/conjunctions between them, and (outside English-like
/// languages) one lower-case adjective after a capitalised word.
fn chain_complement(doc: &Doc, start: usize, se: usize) -> Option<usize> {
    let mut k = start;
    let mut last_ok = start;
    while k < se {
        let t = &doc.toks[k];
        if doc.is_per_tok(k) {
            break;
        }
        if (t.is_word() && t.cap) || doc.tok_ent[k].is_some() {
            k += 1;
            last_ok = k;
        } else if doc.at(&doc.lang.of_prepositions, k).is_some()
            || doc.at(&doc.lang.conjunctions, k).is_some()
        {
            k = doc
                .at(&doc.lang.of_prepositions, k)
                .or(doc.at(&doc.lang.conjunctions, k))
                .map_or(k + 1, |h| h.end);
        } else if !doc.lang.data.capitalized_prefix_titles
            && t.is_word()
            && k > 0
            && doc.toks[k - 1].cap
            && !doc.is_demonym(k)
            && doc.at(&doc.lang.clause_stops, k).is_none()
            && doc.at(&doc.lang.passive_aux, k).is_none()
            && !doc.pred_mask[k]
        {
            k += 1;
            last_ok = k;
        } else {
            break;
        }
    }
    (last_ok > start).then_some(last_ok)
}

/// Whether token `q` can start an agency named after a byline's title: a
/// capitalised word outside any entity (or starting an ORG), not a title, a
/// weekday, a month or a function word, followed by a word.
fn byline_agency_start(doc: &Doc, q: usize) -> bool {
    let Some(t) = doc.word(q) else { return false };
    let entity_ok = match doc.tok_ent[q] {
        None => true,
        Some(e) => is_org(&doc.ents[e].label) && doc.ent_toks[e].0 == q,
    };
    t.cap
        && entity_ok
        && doc.title_at(q).is_none()
        && doc.at(&doc.lang.weekdays, q).is_none()
        && !doc.lang.months.contains_key(&t.norm)
        && !doc.lang.function_words.contains(&t.norm)
        && doc.word(q + 1).is_some()
}

/// `X … as Secretary of Homeland Security`: the title goes to the person named
/// last before the marker in the same sentence.
fn predicative_roles(doc: &Doc, mentions: &[Mention], roles: &mut Vec<RoleB>) {
    for h in doc.lang.predicative.find(&doc.nt) {
        let si = doc.sent_of[h.start];
        let (ss, se) = doc.sents[si];
        let mut p = h.end;
        if let Some(d) = doc.at(&doc.lang.determiners, p) {
            p = d.end;
        }
        let Some((hs, he)) = doc.title_at(p) else {
            continue;
        };
        if hs != p || he > se {
            continue;
        }
        let (ts, te, mods) = doc.expand_title(hs, he, p);
        let mut of = None;
        if let Some(o) = doc.at(&doc.lang.of_prepositions, te) {
            if let Some(e) = chain_complement(doc, o.end, se) {
                of = trim(doc, o.end, e);
            }
        }
        let Some(m) = mentions.iter().rev().find(|m| m.e <= h.start && m.s >= ss) else {
            continue;
        };
        let org = of.and_then(|(s, e)| org_in(doc, s, e));
        roles.push(RoleB {
            person: m.person,
            title: Some((ts, te)),
            modifiers: mods,
            of,
            org,
            sent: si,
            conf: 0.6,
        });
    }
}

/// The token range `(inside start, closing quote)` of the quotation around
/// token `at` in sentence `[ss, se)`, if any.
fn quoted_span(doc: &Doc, ss: usize, se: usize, at: usize) -> Option<(usize, usize)> {
    let mut open: Option<usize> = None;
    for k in ss..se {
        let t = &doc.toks[k];
        if t.kind != TokKind::Punct {
            continue;
        }
        let n = t.norm.as_str();
        let opening = matches!(n, "“" | "«" | "„") || (n == "\"" && open.is_none());
        let closing = matches!(n, "”" | "»") || (n == "\"" && open.is_some());
        if opening && open.is_none() {
            open = Some(k + 1);
        } else if closing {
            if let Some(o) = open {
                if o <= at && at < k {
                    return Some((o, k));
                }
            }
            open = None;
        }
    }
    open.filter(|&o| o <= at).map(|o| (o, se))
}

fn persons_in(mentions: &[Mention], s: usize, e: usize) -> Vec<&Mention> {
    mentions.iter().filter(|m| m.s >= s && m.e <= e).collect()
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Every hit of each phrase set in the document, tagged with the set's kind.
fn tagged_hits<K: Copy, const N: usize>(doc: &Doc, sets: [(&Phrases, K); N]) -> Vec<(Hit, K)> {
    sets.iter().flat_map(|(p, k)| p.find(&doc.nt).into_iter().map(move |h| (h, *k))).collect()
}

fn find_interactions(doc: &Doc, mentions: &[Mention]) -> (Vec<Interaction>, Vec<RoleB>) {
    let lang = doc.lang;
    let mut trig = tagged_hits(
        doc,
        [
            (&lang.reciprocal_meeting, Trig::Reciprocal),
            (&lang.meeting, Trig::Strong),
            (&lang.weak_meeting, Trig::Weak),
        ],
    );
    trig.sort_by(|a, b| {
        a.0.start.cmp(&b.0.start).then((b.0.end - b.0.start).cmp(&(a.0.end - a.0.start)))
    });
    let mut hits: Vec<(Hit, Trig)> = Vec::new();
    for t in trig {
        if hits.last().is_none_or(|l| t.0.start >= l.0.end) {
            hits.push(t);
        }
    }
    let calls = lang.call_cues.find(&doc.nt);
    let planned = lang.planned_cues.find(&doc.nt);
    let separate = lang.separate_cues.find(&doc.nt);
    let doc_has_call = !calls.is_empty();
    // People named somewhere by two words or more, or right after a title
    // (for reciprocal meetings, below).
    let mut title_end = vec![false; doc.toks.len() + 1];
    for &(_, e) in &doc.titles {
        title_end[e] = true;
    }
    let mut named = vec![false; mentions.iter().map(|m| m.person + 1).max().unwrap_or(0)];
    for m in mentions {
        let words = (m.s..m.e).filter(|&k| doc.toks[k].is_word()).count();
        if words > 1 || (m.s.saturating_sub(2)..=m.s).any(|e| title_end[e]) {
            named[m.person] = true;
        }
    }
    let mut out: Vec<Interaction> = Vec::new();
    let mut extra_roles = Vec::new();
    for (i, &(h, kind)) in hits.iter().enumerate() {
        let si = doc.sent_of[h.start];
        let (ss, se) = doc.sents[si];
        let in_sent = |x: &Hit| x.start >= ss && x.end <= se;
        let is_planned = planned.iter().any(|p| {
            in_sent(p)
                && ((p.end <= h.start && h.start - p.end <= 6)
                    || (p.start < h.end && p.end > h.start)
                    || (p.start >= h.end
                        && p.start - h.end <= 6
                        && !(h.end..p.start).any(|k| doc.toks[k].is_punct(","))))
        });
        let is_call = calls.iter().any(in_sent) || (kind == Trig::Weak && doc_has_call);
        let is_separate = separate.iter().any(in_sent);
        let next_trig = hits.get(i + 1).map(|x| x.0.start).filter(|&s| s < se).unwrap_or(se);
        let prev_trig = if i > 0 { hits[i - 1].0.end.max(ss) } else { ss };
        let sent_people = persons_in(mentions, ss, se);
        let mut participants: Vec<usize> = Vec::new();
        let mut pairs: Vec<[usize; 2]> = Vec::new();
        let mut conf = match kind {
            Trig::Strong => 0.9,
            Trig::Weak => 0.75,
            Trig::Reciprocal => 0.8,
        };
        if kind == Trig::Reciprocal {
            for m in &sent_people {
                push_unique(&mut participants, m.person);
            }
            // Everyone named in the clause takes part, but a lone capitalised
            // word without a title is often a place the tagger took for a
            // person (`au restaurant Bären de [Madiswil]`): with two named
            // people besides, it is left out.
            if participants.iter().filter(|&&p| named[p]).count() >= 2 {
                participants.retain(|&p| named[p]);
            }
            if !is_separate {
                for a in 0..participants.len() {
                    for b in a + 1..participants.len() {
                        pairs.push([participants[a], participants[b]]);
                    }
                }
            }
        } else {
            // Inside a quotation, the clause ends at the closing quote and a
            // missing subject is the speaker ("“I met X”, said Y").
            let quote = quoted_span(doc, ss, se, h.start).filter(|&(_, q)| h.end <= q);
            let (lo, hi) = quote.unwrap_or((ss, se));
            let before: Vec<&&Mention> = sent_people
                .iter()
                .filter(|m| m.e <= h.start && m.s >= prev_trig.min(h.start) && m.s >= lo)
                .collect();
            let before_any: Vec<&&Mention> =
                sent_people.iter().filter(|m| m.e <= h.start && m.s >= lo).collect();
            let mut objects: Vec<usize> = Vec::new();
            for m in sent_people.iter().filter(|m| m.s >= h.end && m.e <= next_trig.min(hi)) {
                push_unique(&mut objects, m.person);
            }
            let mut subject = before.last().or(before_any.last()).map(|m| m.person);
            if subject.is_none() && quote.is_some() {
                subject = sent_people
                    .iter()
                    .find(|m| m.s >= hi && m.s <= hi + 4)
                    .or(sent_people.iter().rev().find(|m| m.e <= lo))
                    .map(|m| m.person)
                    .filter(|p| !objects.contains(p));
            }
            if subject.is_none() {
                // Pronoun or description subject: the person named last before.
                subject = mentions
                    .iter()
                    .rev()
                    .filter(|m| {
                        m.e <= ss && si - doc.sent_of[m.s] <= 3 && !objects.contains(&m.person)
                    })
                    .map(|m| m.person)
                    .next();
                conf *= 0.8;
            }
            if objects.is_empty() {
                // Object described by its title ("avec le président français"):
                // another person named earlier in the sentence (or the one before).
                let mut q = h.end;
                if let Some(d) = doc.at(&lang.determiners, q) {
                    q = d.end;
                }
                if let Some((ts, te)) = doc.title_at(q) {
                    if q < se && ts == q {
                        // The sentence-initial person is the subject; the description
                        // is the other person named last.
                        if let Some(first) = sent_people.iter().find(|m| m.e <= h.start) {
                            subject = Some(first.person);
                        }
                        let cand = mentions
                            .iter()
                            .rev()
                            .filter(|m| {
                                m.e <= h.start
                                    && Some(m.person) != subject
                                    && si - doc.sent_of[m.s] <= 1
                            })
                            .map(|m| m.person)
                            .next();
                        if let Some(c) = cand {
                            objects.push(c);
                            conf *= 0.8;
                            extra_roles.push(RoleB {
                                person: c,
                                title: Some((ts, te)),
                                modifiers: Vec::new(),
                                of: None,
                                org: None,
                                sent: si,
                                conf: 0.5,
                            });
                        }
                    }
                }
            }
            let clause_final = h.end >= se
                || doc.toks[h.end].kind != TokKind::Word
                || doc.at(&lang.conjunctions, h.end).is_some();
            if objects.is_empty() && clause_final {
                // Verb-final clause ("X hat … Y empfangen"): the first person is
                // the subject, the others named before the verb are the objects.
                let mut firsts: Vec<usize> = Vec::new();
                for m in &before {
                    push_unique(&mut firsts, m.person);
                }
                if firsts.len() >= 2 {
                    subject = Some(firsts[0]);
                    objects.extend(firsts[1..].iter().copied());
                }
            }
            if objects.is_empty() && before.len() >= 2 {
                // Conjoined subjects: "X and Y met", "le président X et le chancelier Y ont eu un entretien".
                let last = before[before.len() - 1];
                let prev = before[before.len() - 2];
                let linked = (prev.e..last.s).any(|k| doc.at(&lang.conjunctions, k).is_some())
                    && (prev.e..last.s).all(|k| {
                        let t = &doc.toks[k];
                        t.is_punct(",")
                            || doc.at(&lang.conjunctions, k).is_some()
                            || doc.at(&lang.determiners, k).is_some()
                            || doc.titles.iter().any(|&(a, b)| a <= k && k < b)
                            || (t.is_word() && t.cap)
                            || doc.is_demonym(k)
                    })
                    && (last.e..h.start).all(|k| doc.toks[k].kind != TokKind::Punct);
                if linked && last.person != prev.person {
                    subject = Some(prev.person);
                    objects.push(last.person);
                }
            }
            if let Some(s) = subject {
                push_unique(&mut participants, s);
                for &o in &objects {
                    if o != s {
                        push_unique(&mut participants, o);
                        pairs.push([s.min(o), s.max(o)]);
                    }
                }
            }
        }
        for p in pairs.iter_mut() {
            p.sort();
        }
        if pairs.is_empty() {
            continue;
        }
        let kind_out = if is_planned {
            InteractionKind::Planned
        } else if is_call {
            InteractionKind::Call
        } else {
            InteractionKind::Meeting
        };
        let it = Interaction {
            kind: kind_out,
            participants,
            pairs,
            trigger: doc.span(h.start, h.end),
            date: meeting_date(doc, si),
            place: meeting_place(doc, si),
            evidence: doc.sent_span(si),
            confidence: conf,
        };
        // Same event told twice: merge into the first.
        if let Some(prev) = out.iter_mut().find(|o| {
            o.kind == it.kind && {
                let mut a = o.participants.clone();
                let mut b = it.participants.clone();
                a.sort();
                b.sort();
                a == b
            }
        }) {
            if prev.date.is_none() {
                prev.date = it.date;
            }
            if prev.place.is_none() {
                prev.place = it.place;
            }
            continue;
        }
        out.push(it);
    }
    (out, extra_roles)
}

fn date_mention(doc: &Doc, d: &DateFound) -> DateMention {
    DateMention { span: doc.span(d.start, d.end), iso: d.iso.clone() }
}

/// The dateline: a full date in the first three sentences.
fn dateline<'d>(doc: &'d Doc) -> Option<&'d DateFound> {
    doc.dates.iter().find(|d| d.precision == 3 && d.iso.is_some() && doc.sent_of[d.start] < 3)
}

fn meeting_date(doc: &Doc, si: usize) -> Option<DateMention> {
    let (ss, se) = doc.sents[si];
    let here: Vec<&DateFound> = doc.dates.iter().filter(|d| d.start >= ss && d.end <= se).collect();
    if let Some(d) = here
        .iter()
        .find(|d| d.precision == 3 && d.iso.is_some())
        .or(here.iter().find(|d| d.precision == 3))
        .or(here.first())
    {
        return Some(date_mention(doc, d));
    }
    let deictic = (ss..se).any(|k| {
        doc.at(&doc.lang.today_words, k).is_some()
            || doc.at(&doc.lang.weekdays, k).is_some_and(|h| {
                h.end - h.start == 1 && !doc.lang.function_words.contains(&doc.toks[k].norm)
            })
    });
    if deictic {
        return dateline(doc).map(|d| date_mention(doc, d));
    }
    None
}

fn meeting_place(doc: &Doc, si: usize) -> Option<TextSpan> {
    let (ss, se) = doc.sents[si];
    let loc = |ei: usize| is_loc(&doc.ents[ei].label);
    for (ei, &(s, e)) in doc.ent_toks.iter().enumerate() {
        if s >= ss
            && e <= se
            && e > s
            && loc(ei)
            && s > 0
            && doc.at(&doc.lang.place_prepositions, s - 1).is_some_and(|h| h.end == s)
        {
            return Some(doc.span(s, e));
        }
    }
    // Dateline place: a LOC shortly before a date at the top of the document.
    for (ei, &(s, e)) in doc.ent_toks.iter().enumerate() {
        if e > s
            && loc(ei)
            && doc.sent_of[s] < 3
            && doc
                .dates
                .iter()
                .any(|d| d.start >= e && d.start - e <= 5 && doc.sent_of[d.start] == doc.sent_of[s])
        {
            return Some(doc.span(s, e));
        }
    }
    None
}

/// Scans topics from token `p` inside sentence end `se`; splits at additive
/// connectors and at `", <conj> <interrogative>"`.
fn scan_topics(doc: &Doc, mut p: usize, se: usize) -> Vec<(usize, usize)> {
    let lang = doc.lang;
    let n = doc.toks.len().min(se);
    while p < n
        && (is_quote(&doc.toks[p]) || doc.toks[p].is_punct(":") || doc.toks[p].is_punct("-"))
    {
        p += 1;
    }
    let mut out = Vec::new();
    let mut start = match topic_start(doc, p, n) {
        Some(s) => s,
        None => return out,
    };
    let mut q = start;
    while q <= n {
        let mut end_here = q >= n;
        let mut next: Option<usize> = None;
        if !end_here {
            let t = &doc.toks[q];
            let hard_stop = t.kind == TokKind::Newline
                || (t.kind == TokKind::Punct
                    && matches!(
                        t.norm.as_str(),
                        ";" | ":" | "(" | ")" | "[" | "]" | "!" | "?" | "…" | "«" | "“"
                    ))
                || (t.kind == TokKind::Punct && t.norm == "." && q + 1 >= n)
                || (is_closing_quote(t) && q > start);
            let relative_stop =
                q > start && doc.at(&lang.relative_stops, q).is_some() && doc.tok_ent[q].is_none();
            if hard_stop || relative_stop {
                end_here = true;
            } else if let Some(h) =
                doc.at(&lang.additive, q).filter(|_| q > start && doc.tok_ent[q].is_none())
            {
                end_here = true;
                next = Some(h.end);
            } else if q > start
                && doc.at(&lang.conjunctions, q).is_some_and(|c| {
                    doc.at(&lang.discussion, c.end).is_some()
                        || doc.at(&lang.clause_stops, c.end).is_some()
                        || doc.at(&lang.passive_aux, c.end).is_some_and(|_| {
                            // "et ont …", "and have …": a new finite clause
                            doc.toks[c.end].norm.chars().count() > 1
                        })
                })
            {
                end_here = true;
            } else if t.is_punct(",") && q + 1 < n {
                let r = q + 1;
                let nt = &doc.toks[r];
                if doc.at(&lang.clause_stops, r).is_some()
                    || doc.is_per_tok(r)
                    || (nt.is_word()
                        && lang
                            .data
                            .gerund_suffixes
                            .iter()
                            .any(|g| nt.norm.ends_with(g.as_str()) && nt.norm.len() > g.len() + 2))
                {
                    end_here = true;
                } else if let Some(h) = doc.at(&lang.additive, r) {
                    end_here = true;
                    next = Some(h.end);
                } else if let Some(c) = doc.at(&lang.conjunctions, r) {
                    if doc.at(&lang.interrogatives, c.end).is_some() {
                        end_here = true;
                        next = Some(c.end);
                    }
                }
            }
        }
        if end_here {
            if let Some(t) = trim(doc, start, q) {
                out.push(t);
            }
            match next.and_then(|x| topic_start(doc, x, n)) {
                Some(s) => {
                    start = s;
                    q = s;
                    continue;
                }
                None => break,
            }
        }
        q += 1;
    }
    out
}

fn topic_start(doc: &Doc, mut p: usize, n: usize) -> Option<usize> {
    let lang = doc.lang;
    while p < n && (is_quote(&doc.toks[p]) || doc.nt.tok_pos[p].is_none()) {
        p += 1;
    }
    if let Some(h) = doc.at(&lang.topic_prepositions, p) {
        if h.end < n {
            p = h.end;
        }
    }
    while p < n && is_quote(&doc.toks[p]) {
        p += 1;
    }
    if p >= n || !doc.toks[p].is_word() {
        return None;
    }
    if doc.at(&lang.topic_reject, p).is_some()
        || doc.at(&lang.weekdays, p).is_some()
        || doc.is_per_tok(p)
    {
        return None;
    }
    if doc.ent_label(p).is_some_and(|l| l.eq_ignore_ascii_case("DATE")) {
        return None;
    }
    Some(p)
}

fn find_discussions(
    doc: &Doc,
    mentions: &[Mention],
    interactions: &[Interaction],
) -> Vec<Discussion> {
    let lang = doc.lang;
    #[derive(Clone, Copy, PartialEq)]
    enum K {
        Forward,
        Deferred,
        Passive,
    }
    let mut hits = tagged_hits(
        doc,
        [
            (&lang.discussion, K::Forward),
            (&lang.deferred_discussion, K::Deferred),
            (&lang.passive_discussion, K::Passive),
        ],
    );
    hits.sort_by_key(|h| (h.0.start, h.1 != K::Forward));
    let planned = lang.planned_cues.find(&doc.nt);
    let groups: Vec<Hit> = lang
        .group_refs
        .find(&doc.nt)
        .into_iter()
        .chain(lang.plural_pronouns.find(&doc.nt))
        .collect();
    let mut out: Vec<Discussion> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for &(h, k) in &hits {
        if taken.iter().any(|&(s, e)| h.start < e && h.end > s) {
            continue;
        }
        let si = doc.sent_of[h.start];
        let (ss, se) = doc.sents[si];
        if planned.iter().any(|p| p.start >= ss && p.end <= h.start && h.start - p.end <= 5) {
            continue;
        }
        let topics: Vec<(usize, usize)> = match k {
            K::Forward => scan_topics(doc, h.end, se),
            K::Deferred => {
                // The topic preposition follows the people met closely
                // ("with X on …", "with X Friday on …"), or comes within a few
                // words when they are only described.
                let last_per =
                    mentions.iter().filter(|m| m.s >= h.end && m.e <= se).map(|m| m.e).max();
                let limit = match last_per {
                    Some(e) => e + 3,
                    None => h.end + 12,
                };
                let intro = (h.end..se.min(limit)).find(|&q| {
                    doc.tok_ent[q].is_none()
                        && doc.at(&lang.topic_intros, q).is_some()
                        && !doc.pred_mask[q]
                        && last_per.is_none_or(|e| q >= e)
                });
                match intro {
                    Some(q) => {
                        let e = doc.at(&lang.topic_intros, q).map(|x| x.end).unwrap_or(q + 1);
                        scan_topics(doc, e, se)
                    }
                    None => Vec::new(),
                }
            }
            K::Passive => {
                let lo = h.start.saturating_sub(5).max(ss);
                let aux = (lo..h.start).find(|&q| doc.at(&lang.passive_aux, q).is_some());
                match aux {
                    Some(a) => {
                        let mut s = a;
                        while s > ss
                            && !matches!(
                                doc.toks[s - 1].norm.as_str(),
                                "," | ";" | ":" | "«" | "“" | "\n"
                            )
                        {
                            s -= 1;
                        }
                        match trim(doc, s, a) {
                            Some((ts, te))
                                if te - ts <= 30
                                    && !(ts..te).all(|q| {
                                        doc.at(&lang.plural_pronouns, q).is_some()
                                            || !doc.toks[q].is_word()
                                    }) =>
                            {
                                vec![(ts, te)]
                            }
                            _ => Vec::new(),
                        }
                    }
                    None => Vec::new(),
                }
            }
        };
        let topics: Vec<(usize, usize)> = topics
            .into_iter()
            .filter(|&(s, e)| !taken.iter().any(|&(a, b)| s < b && e > a))
            .collect();
        if topics.is_empty() {
            continue;
        }
        for &t in &topics {
            taken.push(t);
        }
        taken.push((h.start, h.end));
        let in_topic = |m: &Mention| topics.iter().any(|&(s, e)| m.s >= s && m.e <= e);
        let mut participants: Vec<usize> = Vec::new();
        for m in mentions.iter().filter(|m| m.s >= ss && m.e <= se && !in_topic(m)) {
            push_unique(&mut participants, m.person);
        }
        let group = groups.iter().any(|g| g.start >= ss && g.end <= se);
        let mut meeting = None;
        if participants.len() < 2 || group || k == K::Passive {
            // The nearest meeting (or call) gives the principal parties.
            let named = participants.clone();
            let involves = |i: &&Interaction| named.iter().any(|p| i.participants.contains(p));
            let pool: Vec<&Interaction> =
                interactions.iter().filter(|i| i.kind != InteractionKind::Planned).collect();
            let with_named: Vec<&Interaction> = pool.iter().copied().filter(involves).collect();
            let pool = if with_named.is_empty() { pool } else { with_named };
            let nearest = pool.into_iter().min_by_key(|i| {
                let d = i.trigger.bytes.start as i64 - doc.toks[h.start].start as i64;
                (if d <= 0 { -d } else { d * 2 }, i.kind != InteractionKind::Meeting)
            });
            if let Some(i) = nearest {
                for &p in &i.participants {
                    push_unique(&mut participants, p);
                }
                if i.kind == InteractionKind::Meeting {
                    meeting = Some(i.trigger.bytes.start);
                }
            }
        }
        let conf = match k {
            K::Forward => 0.8,
            K::Deferred => 0.7,
            K::Passive => 0.65,
        };
        out.push(Discussion {
            participants,
            topics: topics.iter().map(|&(s, e)| doc.span(s, e)).collect(),
            trigger: doc.span(h.start, h.end),
            meeting,
            evidence: doc.sent_span(si),
            confidence: conf,
        });
    }
    out
}
