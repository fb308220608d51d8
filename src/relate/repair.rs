//! Person mentions made consistent across one document (internal), before the
//! rules run.
//!
//! A statistical tagger decides each mention on its own, so one document often
//! has "Ralph Goodale" as PER in the first paragraph, "Goodale" untagged or
//! tagged ORG three paragraphs later, and the rules then lose the meeting or
//! the role attached to that later mention. This pass applies the usual
//! one-sense-per-document repair:
//!
//! * every name form of a PER entity of two words or more (its words without
//!   leading titles or honorifics, and the last of them: the surname) is
//!   searched for as whole, capitalised words;
//! * an occurrence outside any entity becomes a PER entity, unless it is glued
//!   to other capitalised words (another person with the same surname, or a
//!   name inside a longer one) or follows a determiner (`de la Sécurité`);
//! * an occurrence tagged with another type over exactly the same span is
//!   relabelled PER when the form is tagged PER at least as often as it is
//!   tagged otherwise in the document (so `Washington` the place survives in
//!   a text that names George Washington once);
//! * a full name glued to the end of another entity (`le président de la
//!   [Confédération Alain Berset]`) is split off as a PER entity.
//!
//! Before that, [`fix_titles`] undoes the tagger's usual confusions around
//! titles, where press releases pile portfolios and names together:
//!
//! * a PER entity made only of title words (`Secretary`, the `Attorney` of
//!   `Attorney General`) is dropped, and one that starts with a title or an
//!   honorific (`[Secretary Kelly]`, `[M. Goodale]`) starts at the name; one
//!   that ends with a title is dropped before a name (`[Homeland Security
//!   Secretary] John Kelly`) and otherwise becomes an ORG entity over the
//!   words before the title (`a retired [Marine Corps General]`);
//! * a PER entity of at most two words inside a title's complement (`Minister
//!   of [Transport] Marc Garneau`, `vice-ministro dos [Negócios
//!   Estrangeiros]`) or right before a title (`[Immigration] Minister Ahmed
//!   Hussen`, `[Homeland] Security Secretary John Kelly`, `Minister of
//!   Northern Affairs, [PrairiesCan] and CanNor, Dan Vandal`) is a portfolio,
//!   not a person, and is dropped; a longer one keeps only its last words
//!   (`and [Citizenship] Ahmed D. Hussen`);
//! * an ORG/MISC entity that starts with a title and ends with a name
//!   (`[Chargé d'Affaires Elizabeth Aubin]`) becomes a PER entity over the
//!   name, and one that looks like a name right after a title or its
//!   complement and a comma (`ministro degli Affari Esteri …, [Anze Logar]`)
//!   is relabelled PER (without the comma it may be the complement's own
//!   place: `Botschafter der [Republik Polen]`);
//! * two PER entities separated by one space (`[Raul Cervantes] [Andrade]`)
//!   are one name.
//!
//! First of all, [`split_glued_titles`] cuts a title glued to the end of a
//! name by a lost line break (`[Julian LangeRegierungssprecher]` from a
//! contact block) off the PER entity.

use std::collections::{HashMap, HashSet};

use super::doc::{is_per, lang_is_title_or_honorific};
use super::lang::Lang;
use super::text::{tokenize_entities, EntityTokens, NormText, Tok, TokKind};
use crate::entity::Entity;
use crate::span::{CharIndex, Span};

/// A PER entity in lower case or of one letter is dropped. A PER entity
/// that is only the name of a listed organisation of the language (`Unión
/// Europea`) becomes ORG, and one that is only a country's name (`Tonga`)
/// LOC, unless a longer person's name in the document holds it as words
/// (`Jordan` of `Michael Jordan`). The tagger sometimes reads such names as
/// people, and a person that is no one then meets everyone.
pub(crate) fn names_not_people(lang: &Lang, ents: Vec<Entity>) -> Vec<Entity> {
    let words =
        |e: &Entity| -> Vec<String> { e.text.split_whitespace().map(str::to_lowercase).collect() };
    // Every run of words shorter than a PER name of several words.
    let mut held: HashSet<String> = HashSet::new();
    for w in ents.iter().filter(|e| is_per(&e.label)).map(words).filter(|w| w.len() > 1) {
        for len in 1..w.len() {
            held.extend(w.windows(len).map(|run| run.join(" ")));
        }
    }
    // Names are written with a capital and more than one letter: a PER
    // entity in lower case (`valichi alpini`) or of one letter (the `M` of
    // `M.`) is no one.
    ents.into_iter()
        .filter(|e| {
            !is_per(&e.label)
                || (e.text.chars().any(char::is_uppercase)
                    && e.text.chars().filter(|c| c.is_alphabetic()).count() > 1)
        })
        .map(|mut e| {
            if !is_per(&e.label) {
                return e;
            }
            let name = words(&e).join(" ");
            if held.contains(&name) {
                return e;
            }
            if lang.data.organisations.contains_key(&name) {
                e.label = "ORG".to_string();
            } else if super::agency::is_country_word(&name) {
                e.label = "LOC".to_string();
            }
            e
        })
        .collect()
}

/// Returns `ents` (sorted, non-overlapping) with person mentions made
/// consistent; see the module docs.
pub(crate) fn consistent_people(lang: &Lang, text: &str, mut ents: Vec<Entity>) -> Vec<Entity> {
    if !ents.iter().any(|e| is_per(&e.label)) {
        return ents;
    }
    let spans: Vec<Span> = ents.iter().map(|e| e.bytes).collect();
    let EntityTokens { toks, ranges, tok_ent } = tokenize_entities(text, &spans);
    let nt = NormText::new(&toks, &vec![false; toks.len()]);
    let ent_words: Vec<Vec<&str>> = ranges
        .iter()
        .map(|&(s, e)| {
            toks[s..e].iter().filter(|t| t.is_word()).map(|t| &text[t.start..t.end]).collect()
        })
        .collect();

    // Name forms (sequences of exact word strings) with their PER label and score.
    let mut forms: Vec<(Vec<&str>, &str, f32)> = Vec::new();
    let mut known: HashSet<Vec<&str>> = HashSet::new();
    for (x, e) in ents.iter().enumerate().filter(|(_, e)| is_per(&e.label)) {
        let mut words: Vec<&str> = ent_words[x].clone();
        while words.len() > 1 && lang_is_title_or_honorific(lang, &words[0].to_lowercase()) {
            words.remove(0);
        }
        let name_like = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !lang.function_words.contains(&w.to_lowercase())
                && !lang_is_title_or_honorific(lang, &w.to_lowercase())
        };
        // A one-word PER entity is too weak a source: "Sécurité" tagged PER
        // once must not turn every "Sécurité" of the text into a person.
        if words.len() < 2 || !words.iter().all(|w| name_like(w)) {
            continue;
        }
        let surname = words[words.len() - 1];
        for f in [words.clone(), vec![surname]] {
            if known.insert(f.clone()) {
                forms.push((f, e.label.as_str(), e.score));
            }
        }
    }
    forms.sort_by_key(|(f, ..)| std::cmp::Reverse(f.len()));
    // Votes per form: PER entities that contain it, other entities that are exactly it.
    // Votes per form: PER entities that contain it, other entities that are
    // exactly it. Names are short, so every contiguous part of a PER entity's
    // words is looked up (linear in the number of entities).
    let mut votes: HashMap<&[&str], (usize, usize)> =
        forms.iter().map(|(f, ..)| (f.as_slice(), (0, 0))).collect();
    for (e, w) in ents.iter().zip(&ent_words) {
        if is_per(&e.label) {
            let mut seen: HashSet<&[&str]> = HashSet::new();
            for len in 1..=w.len().min(6) {
                for part in w.windows(len) {
                    if let Some(v) = votes.get_mut(part) {
                        if seen.insert(part) {
                            v.0 += 1;
                        }
                    }
                }
            }
        } else if let Some(v) = votes.get_mut(w.as_slice()) {
            v.1 += 1;
        }
    }

    // Occurrences of each form: token start index, token end index.
    let word_at = |i: usize| toks.get(i).filter(|t| t.is_word()).map(|t| &text[t.start..t.end]);
    let capitalised_neighbour = |i: Option<usize>| {
        i.and_then(word_at).is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !lang.function_words.contains(&w.to_lowercase())
                && !lang_is_title_or_honorific(lang, &w.to_lowercase())
        })
    };
    let mut found: Vec<(usize, usize, &str, f32, Option<usize>)> = Vec::new();
    let mut taken = vec![false; toks.len()];
    // Where each word occurs, so that each form is looked up, not scanned for.
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in toks.iter().enumerate().filter(|(_, t)| t.is_word()) {
        at.entry(&text[t.start..t.end]).or_default().push(i);
    }
    for (form, label, score) in &forms {
        let n = form.len();
        let (per, other) = votes[form.as_slice()];
        for &s in at.get(form[0]).map(Vec::as_slice).unwrap_or_default() {
            if s + n > toks.len()
                || (0..n).any(|k| word_at(s + k) != Some(form[k]))
                || taken[s..s + n].contains(&true)
            {
                continue;
            }
            let e = s + n;
            let inner: HashSet<Option<usize>> = tok_ent[s..e].iter().copied().collect();
            match (inner.len(), tok_ent[s]) {
                (1, None) => {
                    if capitalised_neighbour(s.checked_sub(1))
                        || capitalised_neighbour(Some(e))
                        || lang.determiners.find_ending_at(&nt, s).is_some()
                    {
                        continue;
                    }
                    found.push((s, e, label, *score, None));
                }
                (1, Some(x)) if !is_per(&ents[x].label) => {
                    let starts = toks[s].start == ents[x].bytes.start;
                    let ends = toks[e - 1].end == ents[x].bytes.end;
                    if starts && ends && per >= other {
                        found.push((s, e, label, *score, Some(x)));
                    } else if ends
                        && n >= 2
                        && (0..s).any(|k| tok_ent[k] == Some(x) && toks[k].is_word())
                    {
                        // `le président de la [Confédération Alain Berset]`: a full name
                        // glued to the end of another entity.
                        found.push((s, e, label, *score, Some(x)));
                    }
                }
                _ => {}
            }
            taken[s..e].iter_mut().for_each(|t| *t = true);
        }
    }
    if found.is_empty() {
        return ents;
    }
    let idx = CharIndex::new(text);
    let found: Vec<(usize, usize, String, f32, Option<usize>)> =
        found.into_iter().map(|(s, e, l, sc, x)| (s, e, l.to_string(), sc, x)).collect();
    for (s, e, label, score, x) in found {
        match x {
            Some(x) if toks[s].start == ents[x].bytes.start => ents[x].label = label,
            Some(x) => {
                // Split: the other entity keeps the words before the name.
                let keep_end = toks[..s].iter().rev().find(|t| t.is_word()).map_or(s, |t| t.end);
                let head = Span::new(ents[x].bytes.start, keep_end);
                ents[x] = Entity::new(text, &idx, head, ents[x].label.clone(), ents[x].score);
                let bytes = Span::new(toks[s].start, toks[e - 1].end);
                ents.push(Entity::new(text, &idx, bytes, label, score));
            }
            None => {
                let bytes = Span::new(toks[s].start, toks[e - 1].end);
                ents.push(Entity::new(text, &idx, bytes, label, score));
            }
        }
    }
    ents.sort_by_key(|e| e.bytes.start);
    ents
}

/// Undoes the tagger's confusions between titles, portfolios and names; see
/// the module docs.
/// PER entities whose last word is a name glued to a title (a lower-case
/// letter followed by a capital that starts a title word: `LangeRegierungssprecher`,
/// `SmithPress Secretary`) end before the title; see the module docs.
pub(crate) fn split_glued_titles(lang: &Lang, text: &str, ents: Vec<Entity>) -> Vec<Entity> {
    let mut index: Option<CharIndex> = None;
    ents.into_iter()
        .map(|e| {
            if !is_per(&e.label) {
                return e;
            }
            // After the last white space, which may be wider than a byte (NBSP).
            let word_start = e
                .text
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word = &e.text[word_start..];
            let mut prev_lower = false;
            let cut = word.char_indices().find_map(|(i, c)| {
                let glued = prev_lower && c.is_uppercase();
                prev_lower = c.is_lowercase();
                let tail = word[i..].to_lowercase();
                (glued && tail.chars().count() >= 4 && lang_is_title_or_honorific(lang, &tail))
                    .then_some(i)
            });
            match cut {
                Some(i) => {
                    let end = e.bytes.start + word_start + i;
                    let idx = index.get_or_insert_with(|| CharIndex::new(text));
                    Entity::new(text, idx, Span::new(e.bytes.start, end), e.label, e.score)
                }
                None => e,
            }
        })
        .collect()
}

pub(crate) fn fix_titles(lang: &Lang, text: &str, ents: Vec<Entity>) -> Vec<Entity> {
    if ents.is_empty() {
        return ents;
    }
    let spans: Vec<Span> = ents.iter().map(|e| e.bytes).collect();
    let EntityTokens { toks, ranges, tok_ent } = tokenize_entities(text, &spans);
    let nt = NormText::new(&toks, &vec![false; toks.len()]);
    let n = toks.len();
    let mut in_title = vec![false; n];
    let mut title_end = vec![false; n + 1];
    for h in lang.titles.find(&nt) {
        in_title[h.start..h.end].iter_mut().for_each(|t| *t = true);
        title_end[h.end] = true;
    }
    for (i, t) in toks.iter().enumerate() {
        if t.is_word() && lang.is_suffix_title(&t.norm) {
            in_title[i] = true;
            title_end[i + 1] = true;
        }
    }
    let is_per_at = |k: usize| tok_ent[k].is_some_and(|x| is_per(&ents[x].label));
    let name_like = |k: usize| {
        let t = &toks[k];
        let w = &text[t.start..t.end];
        t.is_word()
            && t.cap
            && w.chars().any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && !lang.function_words.contains(&t.norm)
            && !in_title[k]
    };
    let words = |s: usize, e: usize| (s..e).filter(|&k| toks[k].is_word()).count();
    // Walks back from token `p` (exclusive) over a title's complement (capitalised
    // words, non-person entities, of-prepositions, determiners, conjunctions,
    // commas, a few lower-case words) to a title; `true` if one is reached after
    // an of-preposition.
    let title_chain_before = |p: usize| {
        let mut k = p;
        let mut saw_of = false;
        let mut lower_run = 0;
        while k > 0 && p - k < 16 {
            if title_end[k] && saw_of {
                return true;
            }
            if let Some(h) = lang.of_prepositions.find_ending_at(&nt, k) {
                saw_of = true;
                k = h.start;
                continue;
            }
            if let Some(h) = lang.determiners.find_ending_at(&nt, k) {
                k = h.start;
                continue;
            }
            if let Some(h) = lang.conjunctions.find_ending_at(&nt, k) {
                k = h.start;
                continue;
            }
            let t = &toks[k - 1];
            match t.kind {
                TokKind::Word if is_per_at(k - 1) => return false,
                TokKind::Word if t.cap || tok_ent[k - 1].is_some() => lower_run = 0,
                TokKind::Word if lower_run < 2 => lower_run += 1,
                TokKind::Punct if t.norm == "," || t.norm == "-" => {}
                _ => return false,
            }
            k -= 1;
        }
        false
    };
    let next_word = |mut k: usize| {
        while k < n && toks[k].is_punct(",") {
            k += 1;
        }
        (k < n).then_some(k)
    };
    let mut keep = vec![true; ents.len()];
    // Entity -> new token range and label.
    let mut relabel: HashMap<usize, (usize, usize, &str)> = HashMap::new();
    for (x, e) in ents.iter().enumerate() {
        let (s, en) = ranges[x];
        if en <= s || words(s, en) == 0 {
            continue;
        }
        let word_toks: Vec<usize> = (s..en).filter(|&k| toks[k].is_word()).collect();
        if is_per(&e.label) {
            if word_toks.iter().all(|&k| in_title[k] || lang.function_words.contains(&toks[k].norm))
            {
                keep[x] = false;
                continue;
            }
            // `[Secretary Kelly]`, `[M. Goodale]`: the title is not the name.
            let mut p = s;
            while p < en {
                let hit = lang.titles.at(&nt, p).or_else(|| lang.honorifics.at(&nt, p));
                let Some(h) = hit.filter(|h| h.end > p) else { break };
                p = h.end;
                while p < en && toks[p].is_punct(".") {
                    p += 1;
                }
            }
            if p > s && p < en && name_like(p) {
                relabel.insert(x, (p, en, "PER"));
                continue;
            }
            // A title closes the span. Before a name it is that person's title
            // with its portfolio (`[Homeland Security Secretary] John Kelly`);
            // otherwise the words before the title name the organisation (`…, a
            // retired [Marine Corps General],`).
            let title_start = (s..en).rev().take_while(|&k| in_title[k]).last();
            if let Some(k) = title_start.filter(|&k| k > s && title_end[en]) {
                if next_word(en).is_some_and(|j| is_per_at(j) || name_like(j)) {
                    keep[x] = false;
                    continue;
                }
                if words(s, k) > 0 {
                    relabel.insert(x, (s, k, "ORG"));
                    continue;
                }
            }
            let preceded_by_of_chain = {
                let linked = |p: usize| {
                    lang.of_prepositions.find_ending_at(&nt, p).is_some()
                        || lang.conjunctions.find_ending_at(&nt, p).is_some()
                };
                let mut p = s;
                let mut linked_here = linked(s);
                if let Some(h) = lang.determiners.find_ending_at(&nt, s) {
                    p = h.start;
                    linked_here |= linked(p);
                }
                // `vice-ministro dos [X]` where the contraction is listed as a determiner.
                (linked_here && title_chain_before(s)) || (p < s && title_end[p])
            };
            if word_toks.len() > 2 {
                // `and [Citizenship Ahmed D. Hussen]`: the portfolio's last
                // words glued to the name; the name is the last word, the
                // initials before it and one more word.
                if preceded_by_of_chain {
                    let mut i = word_toks.len() - 1;
                    while i > 0 && is_initial(&toks, word_toks[i - 1], text) {
                        i -= 1;
                    }
                    if i > 1 {
                        relabel.insert(x, (word_toks[i - 1], en, "PER"));
                    }
                }
                continue;
            }
            // Right before a title: `[Immigration] Minister X`, `[Homeland] Security Secretary X`.
            let mut k = en;
            while k < n && k < en + 2 && name_like(k) && tok_ent[k].is_none() {
                k += 1;
            }
            let before_title = k < n && in_title[k] && (k == 0 || !in_title[k - 1] || k == en) && {
                let mut j = k;
                while j < n && in_title[j] {
                    j += 1;
                }
                next_word(j).is_some_and(|j| is_per_at(j) || name_like(j))
            };
            // A listed portfolio before the name: `Minister of Northern Affairs,
            // [PrairiesCan] and CanNor, Dan Vandal`.
            let listed_portfolio = s > 0 && toks[s - 1].is_punct(",") && title_chain_before(s) && {
                let mut j = en;
                let mut found = false;
                while j < n && j < en + 10 {
                    if is_per_at(j) {
                        found = true;
                        break;
                    }
                    let t = &toks[j];
                    // No of-preposition: `Los cancilleres de Argentina, [Pablo Quirno], y
                    // de Uruguay, Mario Lubetkin` pairs each portfolio with its own name.
                    let chain = t.is_punct(",")
                        || lang.conjunctions.at(&nt, j).is_some()
                        || (t.is_word() && t.cap && !in_title[j]);
                    if !chain {
                        break;
                    }
                    j += 1;
                }
                found
            };
            if before_title || preceded_by_of_chain || listed_portfolio {
                keep[x] = false;
            }
        } else {
            // `[Chargé d'Affaires Elizabeth Aubin]` (ORG/MISC): title + name.
            if let Some(h) = lang.titles.at(&nt, s) {
                let rest: Vec<usize> = (h.end..en).collect();
                if (2..=3).contains(&rest.len()) && rest.iter().all(|&k| name_like(k)) {
                    relabel.insert(x, (h.end, en, "PER"));
                    continue;
                }
            }
            // `…, [Anze Logar]` after a title and its complement, or `Minister [Chrystia Freeland]`.
            if (2..=3).contains(&word_toks.len())
                && word_toks.len() == en - s
                && word_toks.iter().all(|&k| name_like(k))
            {
                let after_title = title_end[s];
                let after_chain = s > 0 && toks[s - 1].is_punct(",") && title_chain_before(s - 1);
                if after_title || after_chain {
                    relabel.insert(x, (s, en, "PER"));
                }
            }
        }
    }
    let idx = CharIndex::new(text);
    let mut out: Vec<Entity> = Vec::with_capacity(ents.len());
    for (x, mut e) in ents.into_iter().enumerate() {
        if !keep[x] {
            continue;
        }
        if let Some(&(s, en, label)) = relabel.get(&x) {
            let bytes = Span::new(toks[s].start, toks[en - 1].end);
            e = Entity::new(text, &idx, bytes, label.into(), e.score);
        }
        // `[Raul Cervantes] [Andrade]`: one name.
        if let Some(last) = out.last_mut() {
            if is_per(&last.label)
                && is_per(&e.label)
                && &text[last.bytes.end..e.bytes.start] == " "
            {
                let joined = Span::new(last.bytes.start, e.bytes.end);
                let score = last.score.min(e.score);
                *last = Entity::new(text, &idx, joined, last.label.clone(), score);
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// `D.`: one capital letter followed by a period.
fn is_initial(toks: &[Tok], k: usize, text: &str) -> bool {
    let t = &toks[k];
    let mut cs = text[t.start..t.end].chars();
    cs.next().is_some_and(char::is_uppercase)
        && (cs.as_str() == "."
            || (cs.as_str().is_empty() && toks.get(k + 1).is_some_and(|n| n.is_punct("."))))
}
