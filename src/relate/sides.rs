//! Attendees and the sides of a meeting (internal).
//!
//! The guidelines pair an official "present at" a meeting, or "accompanying"
//! one of its parties, with the **other side only**. The pair classifier of
//! [`pairs`](super::pairs) scores each pair alone and cannot tell the sides
//! apart: it pairs an attendee with both principals or with neither. This
//! stage runs after it and gives attendees a side:
//!
//! 1. an **attendance sentence** has an attendance cue of the language data
//!    (`en présence de`, `accompanied by`, `nahm … teil`) and is neither a
//!    call nor a planned meeting; its meeting is every meeting reported at or
//!    before it, and their participants named elsewhere than in attendance
//!    sentences are the **principals** (the first named is the host);
//! 2. the people of an attendance sentence who are not principals are its
//!    **attendees**;
//! 3. an attendee's side is the side of the one principal whose country words
//!    (places and nationality words next to the names) it shares; else, after
//!    an accompaniment cue (`accompagné de`), the side of the principal named
//!    nearest to the cue; else the host's;
//! 4. each attendee is paired with the principals and attendees of the other
//!    side that the classifier did not already pair.
//!
//! The classifier's pairs are kept as they are: also dropping an attendee's
//! pairs with its own side lost more correct pairs than wrong ones on the
//! tuning part (cross-fitted met-with F1 0.644 against 0.648 without
//! dropping; 0.632 without this stage). Nothing here is a threshold: the cue
//! lists are language data.

use super::doc::{push_unique, Doc};
use super::mentions::Mention;
use super::{Interaction, InteractionKind};

/// Gives the attendees of each meeting a side and pairs them with the other
/// side (see the module docs). `country` is [`country_keys`](super::events::country_keys).
pub(super) fn attach_attendees(
    doc: &Doc,
    mentions: &[Mention],
    country: &[Vec<String>],
    interactions: &mut [Interaction],
) {
    let lang = doc.lang;
    let n = doc.sents.len();
    let attendance = lang.attendance_cues.find(&doc.nt);
    if attendance.is_empty() || n == 0 {
        return;
    }
    let call = doc.sentence_flags(&lang.call_cues);
    let planned = doc.sentence_flags(&lang.planned_cues);
    let accompaniment = lang.accompaniment_cues.find(&doc.nt);
    let mut attendance_sent = vec![false; n];
    for h in &attendance {
        let si = doc.sent_of[h.start];
        attendance_sent[si] = !call[si] && !planned[si];
    }
    // A principal is named somewhere outside the attendance sentences.
    let n_people = mentions.iter().map(|m| m.person + 1).max().unwrap_or(0);
    let mut named_outside = vec![false; n_people];
    for m in mentions {
        if !attendance_sent[doc.sent_of[m.s]] {
            named_outside[m.person] = true;
        }
    }
    let shares = |a: usize, b: usize| {
        let (ka, kb) = (country.get(a), country.get(b));
        ka.zip(kb).is_some_and(|(ka, kb)| ka.iter().any(|k| kb.contains(k)))
    };
    for si in (0..n).filter(|&si| attendance_sent[si]) {
        let (ss, se) = doc.sents[si];
        let sent_end = doc.toks.get(se.saturating_sub(1)).map_or(0, |t| t.end);
        // The meetings reported at or before this sentence, in text order.
        let meetings: Vec<usize> = (0..interactions.len())
            .filter(|&i| {
                interactions[i].kind == InteractionKind::Meeting
                    && !interactions[i].pairs.is_empty()
                    && interactions[i].evidence.bytes.start < sent_end
            })
            .collect();
        let Some(&first) = meetings.first() else { continue };
        let mut principals: Vec<usize> = Vec::new();
        for &i in &meetings {
            for &p in &interactions[i].participants {
                if named_outside.get(p).copied().unwrap_or(false) {
                    push_unique(&mut principals, p);
                }
            }
        }
        // The host: the first participant of the first meeting who is a principal.
        let Some(host) =
            interactions[first].participants.iter().copied().find(|p| principals.contains(p))
        else {
            continue;
        };
        if principals.len() < 2 {
            continue;
        }
        let here: Vec<&Mention> = mentions.iter().filter(|m| m.s >= ss && m.e <= se).collect();
        let mut attendees: Vec<usize> = Vec::new();
        for m in &here {
            if !principals.contains(&m.person) {
                push_unique(&mut attendees, m.person);
            }
        }
        if attendees.is_empty() {
            continue;
        }
        let acc_cue = accompaniment.iter().find(|h| h.start >= ss && h.end <= se).map(|h| h.start);
        // The side of each attendee: a principal it stands with.
        let mut with: Vec<(usize, usize)> = Vec::new();
        for &x in &attendees {
            let sharing: Vec<usize> =
                principals.iter().copied().filter(|&p| shares(x, p)).collect();
            let side = if sharing.len() == 1 {
                sharing[0]
            } else if let Some(c) = acc_cue {
                // The principal named nearest to the cue, else the host.
                here.iter()
                    .filter(|m| principals.contains(&m.person))
                    .min_by_key(|m| if m.e <= c { c - m.e } else { m.s - c })
                    .map(|m| m.person)
                    .unwrap_or(host)
            } else {
                host
            };
            with.push((x, side));
        }
        let host_side = |p: usize| p == host;
        let side_of = |x: usize| -> bool {
            // true: the host's side.
            with.iter().find(|w| w.0 == x).map_or(host_side(x), |w| host_side(w.1))
        };
        let mut add: Vec<[usize; 2]> = Vec::new();
        for &(x, _) in &with {
            let mine = side_of(x);
            for &p in principals.iter().chain(attendees.iter()) {
                if p == x {
                    continue;
                }
                let pair = [x.min(p), x.max(p)];
                if side_of(p) != mine {
                    add.push(pair);
                }
            }
        }
        let last = meetings[meetings.len() - 1];
        for pair in add {
            if interactions
                .iter()
                .any(|i| i.kind == InteractionKind::Meeting && i.pairs.contains(&pair))
            {
                continue;
            }
            let target = &mut interactions[last];
            push_unique(&mut target.participants, pair[0]);
            push_unique(&mut target.participants, pair[1]);
            target.pairs.push(pair);
        }
    }
    for it in interactions.iter_mut() {
        it.pairs.sort();
    }
}
