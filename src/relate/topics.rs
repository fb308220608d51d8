//! Discussions and their topics (internal).
//!
//! Takes the [`Doc`], the PER mentions and the interactions; gives the
//! [`Discussion`]s: the topics after a discussion predicate, after a deferred
//! one (`held discussions with X on …`) or before a passive one, cut at
//! clause boundaries and split at additive connectors, with the people named
//! in the sentence or those of the nearest meeting or call. A discussion's
//! `meeting` is still the byte offset of that meeting's trigger here;
//! [`assemble`](super::assemble) turns it into an index.

use super::doc::{push_unique, tagged_hits, trim, Doc};
use super::mentions::Mention;
use super::text::{is_closing_quote, is_quote, Hit, TokKind};
use super::{Discussion, Interaction, InteractionKind};

/// The discussions of the document, in text order of their predicates.
pub(super) fn find_discussions(
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
            K::Passive => passive_topics(doc, h.start, h.end, ss, se),
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

/// The topics of a passive predicate at tokens `hs..he` of the sentence
/// `ss..se`: its subject before it (`the border was discussed`), or, when
/// nothing but auxiliaries, adverbs or a circumstantial phrase
/// (`durante o encontro`) comes before it in its clause, the subject after it
/// (`foram discutidos …`, `erörtert wurde …`, `sono state discusse …`).
fn passive_topics(doc: &Doc, hs: usize, he: usize, ss: usize, se: usize) -> Vec<(usize, usize)> {
    let lang = doc.lang;
    let mut s = hs;
    while s > ss
        && !matches!(doc.toks[s - 1].norm.as_str(), "," | ";" | ":" | "«" | "“")
        && doc.toks[s - 1].kind != TokKind::Newline
    {
        s -= 1;
    }
    // The first auxiliary within five tokens before the predicate.
    let lo = hs.saturating_sub(5).max(s);
    let aux = (lo..hs).find(|&q| doc.at(&lang.passive_aux, q).is_some());
    // `wurden A sowie B erörtert`: the subject sits between an auxiliary
    // and a clause-final participle.
    if aux.is_none() {
        let inner = (s..hs).find_map(|q| doc.at(&lang.passive_aux, q).map(|h| h.end));
        if let Some(a) = inner.filter(|&a| hs > a + 1) {
            let mid = scan_topics(doc, a, hs);
            if !mid.is_empty() {
                return mid;
            }
        }
    }
    let subject_end = aux.unwrap_or(hs);
    let before = trim(doc, s, subject_end).filter(|&(ts, te)| {
        te - ts <= 30
            && doc.at(&lang.topic_reject, ts).is_none()
            && !(ts..te).all(|q| {
                doc.at(&lang.plural_pronouns, q).is_some()
                    || doc.at(&lang.passive_aux, q).is_some()
                    || !doc.toks[q].is_word()
            })
    });
    match before {
        Some(t) if aux.is_some() => vec![t],
        Some(_) => Vec::new(),
        None => {
            let mut p = he;
            while let Some(h) = doc.at(&lang.passive_aux, p).filter(|h| h.end <= se) {
                p = h.end;
            }
            scan_topics(doc, p, se)
        }
    }
}

/// Scans topics from token `p` inside sentence end `se`; splits at additive
/// connectors and at `", <conj> <interrogative>"`.
fn scan_topics(doc: &Doc, mut p: usize, se: usize) -> Vec<(usize, usize)> {
    let lang = doc.lang;
    let n = doc.toks.len().min(se);
    let mut colon = false;
    // Quotes, a colon, a dash, skipped adverbs and auxiliaries
    // (`besprochen wurden unter anderem: …`).
    while p < n
        && (is_quote(&doc.toks[p])
            || doc.toks[p].is_punct(":")
            || doc.toks[p].is_punct("-")
            || doc.nt.tok_pos[p].is_none()
            || doc.at(&lang.passive_aux, p).is_some_and(|h| h.end <= n))
    {
        colon |= doc.toks[p].is_punct(":");
        p += 1;
    }
    if colon && doc.toks.get(p).is_none_or(|t| t.kind == TokKind::Newline) {
        return bullet_topics(doc, p);
    }
    // An insertion between commas right after the predicate (`Al centro del
    // colloquio, riferiscono fonti del dicastero, il contributo …`).
    if p < n && doc.toks[p].is_punct(",") {
        if let Some(q) = (p + 1..n.min(p + 13)).find(|&q| doc.toks[q].is_punct(",")) {
            p = q + 1;
        }
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
            if hard_stop {
                end_here = true;
            } else if relative_stop {
                end_here = true;
                next = resume_after_clause(doc, q, n);
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
                // An additive connector first: its first word may also be a
                // clause stop (", as well as", ", ainsi que", ", así como").
                if let Some(h) = doc.at(&lang.additive, r) {
                    end_here = true;
                    next = Some(h.end);
                } else if doc.at(&lang.clause_stops, r).is_some()
                    || doc.is_per_tok(r)
                    || (nt.is_word()
                        && lang
                            .data
                            .gerund_suffixes
                            .iter()
                            .any(|g| nt.norm.ends_with(g.as_str()) && nt.norm.len() > g.len() + 2))
                {
                    end_here = true;
                    next = resume_after_clause(doc, r, n);
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
    // `… the following points:` and a bullet list: the bullets.
    if let [(_, e)] = out[..] {
        if doc.toks.get(e).is_some_and(|t| t.is_punct(":"))
            && doc.toks.get(e + 1).is_none_or(|t| t.kind == TokKind::Newline)
        {
            let bullets = bullet_topics(doc, e + 1);
            if !bullets.is_empty() {
                return bullets;
            }
        }
    }
    out
}

/// Where the topics go on after a relative or subordinate clause that ends
/// one (`the agreement, which entered into force in July, as well as on …`):
/// after an additive connector that follows a comma within the next 25
/// tokens of the sentence, before any harder stop.
fn resume_after_clause(doc: &Doc, q: usize, n: usize) -> Option<usize> {
    for r in q + 1..n.min(q + 25) {
        let t = &doc.toks[r];
        if t.kind == TokKind::Newline
            || (t.kind == TokKind::Punct
                && matches!(t.norm.as_str(), ";" | ":" | "(" | "." | "!" | "?"))
        {
            return None;
        }
        if t.is_punct(",") {
            if let Some(h) = doc.at(&doc.lang.additive, r + 1) {
                return Some(h.end);
            }
        }
    }
    None
}

/// A list of topics after a colon, one per bullet line (`•`, `-`, `*`, `–`,
/// `—`, `·`) from the line after token `p`, up to the first line that is not a
/// bullet.
fn bullet_topics(doc: &Doc, mut p: usize) -> Vec<(usize, usize)> {
    let len = doc.toks.len();
    let is_bullet = |t: &super::text::Tok| {
        t.kind == TokKind::Punct && matches!(t.norm.as_str(), "•" | "-" | "*" | "–" | "·" | "—")
    };
    let mut out = Vec::new();
    loop {
        while p < len && doc.toks[p].kind == TokKind::Newline {
            p += 1;
        }
        if p >= len || !is_bullet(&doc.toks[p]) {
            break;
        }
        let s = p + 1;
        let mut e = s;
        while e < len && doc.toks[e].kind != TokKind::Newline {
            e += 1;
        }
        if let Some(t) = trim(doc, s, e) {
            out.push(t);
        }
        p = e;
    }
    out
}

/// Where a topic starting at or after `p` really begins (past quotes and a
/// topic preposition), or `None` when what follows cannot be a topic.
fn topic_start(doc: &Doc, mut p: usize, n: usize) -> Option<usize> {
    let lang = doc.lang;
    while p < n && (is_quote(&doc.toks[p]) || doc.nt.tok_pos[p].is_none()) {
        p += 1;
    }
    // Past a topic preposition that something follows.
    let past_preposition = |p: usize| match doc.at(&lang.topic_prepositions, p) {
        Some(h) if h.end < n => h.end,
        _ => p,
    };
    p = past_preposition(p);
    while p < n && is_quote(&doc.toks[p]) {
        p += 1;
    }
    // A person right after the predicate is its subject or partner
    // (`erörterte Parmelin …`, `discussed with Kuleba …`): the topic follows.
    let skip_person = |q: usize| -> Option<usize> {
        if q >= n {
            return None;
        }
        let q = doc
            .at(&lang.topic_reject, q)
            .map(|h| h.end)
            .filter(|&e| e < n && doc.is_per_tok(e))
            .unwrap_or(q);
        let mut e = doc.tok_ent[q].filter(|_| doc.is_per_tok(q)).map(|e| doc.ent_toks[e].1)?;
        while e < n && doc.toks[e].is_punct(",") {
            e += 1;
        }
        Some(e)
    };
    if let Some(e) = skip_person(p).filter(|&e| e > p && e < n) {
        p = past_preposition(e);
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
