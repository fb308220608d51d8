//! Meetings, calls and planned meetings (internal).
//!
//! Takes the [`Doc`], the PER mentions, the people and their role
//! candidates; gives the [`Interaction`]s: first the rules' reading of each
//! meeting predicate (subject, objects, reciprocal and conjoined subjects, an
//! object described by its title, which also gives that person a role), then
//! the met-with pairs decided by the pair classifier over every pair of
//! people ([`meeting_pairs`]; the features are built in
//! [`pairs`](super::pairs)), each with the date and place of its sentence.

use std::collections::HashSet;

use super::date::DateFound;
use super::doc::{is_loc, push_unique, tagged_hits, Doc};
use super::mentions::{Cluster, Mention};
use super::pairs::{pair_features, PairFeatures, PairInput, PairModel, SentenceCues};
use super::roles::RoleB;
use super::text::{Hit, Phrases, TokKind};
use super::{slug, DateMention, Interaction, InteractionKind, TextSpan};

/// The strength of a meeting predicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trig {
    Strong,
    Weak,
    Reciprocal,
}

/// The rules' interactions: each meeting predicate with its subject and
/// objects (merged when the same event is told twice), and the roles of
/// objects described by their title (`avec le président français`).
pub(super) fn find_interactions(doc: &Doc, mentions: &[Mention]) -> (Vec<Interaction>, Vec<RoleB>) {
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

/// A date found by [`dates_over`](super::date::dates_over) as a [`DateMention`].
fn date_mention(doc: &Doc, d: &DateFound) -> DateMention {
    DateMention { span: doc.span(d.start, d.end), iso: d.iso.clone() }
}

/// The dateline: a full date in the first three sentences.
fn dateline<'d>(doc: &'d Doc) -> Option<&'d DateFound> {
    doc.dates.iter().find(|d| d.precision == 3 && d.iso.is_some() && doc.sent_of[d.start] < 3)
}

/// A meeting dated after the document's own date (a full date in both) is
/// not reported but scheduled (`empfängt am Mittwoch, 4. Juni 2025` in an
/// advisory of 2 June): it becomes a planned meeting.
pub(super) fn dated_after_dateline_planned(doc: &Doc, interactions: &mut [Interaction]) {
    let Some(today) = dateline(doc).and_then(|d| d.iso.as_deref()).filter(|d| d.len() == 10) else {
        return;
    };
    for it in interactions.iter_mut().filter(|i| i.kind == InteractionKind::Meeting) {
        // Any full date of its sentence after the dateline (the dateline
        // itself may open the sentence).
        let (bs, be) = (it.evidence.bytes.start, it.evidence.bytes.end);
        let later = doc.dates.iter().any(|d| {
            doc.toks[d.start].start >= bs
                && doc.toks[d.end - 1].end <= be
                && d.iso.as_deref().is_some_and(|x| x.len() == 10 && x > today)
        });
        if later {
            it.kind = InteractionKind::Planned;
        }
    }
}

/// The date of a meeting reported in sentence `si`: a date of the sentence
/// (the fullest first), else the dateline for "today"-like words.
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

/// The place of a meeting reported in sentence `si`: a LOC after a place
/// preposition, else the dateline's place.
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

/// Decides the met-with pairs: every pair of people named close enough is
/// featurised from the document and the rules' `interactions`; with a
/// `model` the pairs it accepts replace the rules' meeting pairs
/// ([`apply_pair_model`]), without one the features are returned
/// (`--dump-pairs`) and the rules' pairs kept.
pub(super) fn meeting_pairs(
    doc: &Doc,
    clusters: &[Cluster],
    mentions: &[Mention],
    roles: &[RoleB],
    country: &[Vec<String>],
    model: Option<&PairModel>,
    interactions: &mut Vec<Interaction>,
) -> Vec<PairFeatures> {
    let lang = doc.lang;
    // Meeting predicates of every strength, in text order (the pair features
    // and the placing of new meetings read them).
    let mut meeting_hits: Vec<Hit> = [&lang.meeting, &lang.weak_meeting, &lang.reciprocal_meeting]
        .iter()
        .flat_map(|p| p.find(&doc.nt))
        .collect();
    meeting_hits.sort_by_key(|h| h.start);
    let input = pair_input(doc, clusters, mentions, roles, country, interactions, &meeting_hits);
    // Pairs scored one at a time (only kept whole for `--dump-pairs`).
    let mut features = Vec::new();
    let mut scored: Vec<([usize; 2], f32)> = Vec::new();
    pair_features(&input, &mut |f| match model {
        Some(m) => scored.push(([f.a.min(f.b), f.a.max(f.b)], m.probability(&f.values))),
        None => features.push(f),
    });
    if let Some(model) = model {
        apply_pair_model(doc, mentions, model, &scored, &meeting_hits, interactions);
    }
    features
}

/// Per person: short keys of the places and nationality words written next
/// to their mentions (same sentence, six tokens either side; `fran` for
/// `France` and `français`): who is on which side of a meeting.
pub(super) fn country_keys(doc: &Doc, mentions: &[Mention], n_people: usize) -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = vec![Vec::new(); n_people];
    for m in mentions {
        let (ss, se) = doc.sents[doc.sent_of[m.s]];
        for k in m.s.saturating_sub(6).max(ss)..(m.e + 6).min(se) {
            let place = doc.ent_label(k).is_some_and(is_loc);
            if (place || doc.is_demonym(k)) && doc.toks[k].is_word() {
                let key: String = slug(&doc.toks[k].norm).chars().take(4).collect();
                if key.chars().count() == 4 && !keys[m.person].contains(&key) {
                    keys[m.person].push(key);
                }
            }
        }
    }
    keys
}

/// What the pair classifier reads of a document (see [`pairs`](super::pairs)).
fn pair_input<'a>(
    doc: &'a Doc,
    clusters: &[Cluster],
    mentions: &[Mention],
    roles: &[RoleB],
    country_keys: &'a [Vec<String>],
    interactions: &[Interaction],
    meeting_hits: &[Hit],
) -> PairInput<'a> {
    let lang = doc.lang;
    let n = doc.sents.len();
    let flags = |p: &Phrases| doc.sentence_flags(p);
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
    let mut conjoined = HashSet::new();
    for w in mentions.windows(2) {
        let (x, y) = (w[0], w[1]);
        if x.person == y.person || y.s < x.e || doc.sent_of[x.s] != doc.sent_of[y.s] {
            continue;
        }
        let gap = y.s - x.e;
        let joined =
            gap == 1 && (doc.toks[x.e].is_punct(",") || doc.at(&lang.conjunctions, x.e).is_some());
        if joined {
            conjoined.insert([x.person.min(y.person), x.person.max(y.person)]);
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
