//! Roles (internal).
//!
//! Takes the [`Doc`] and the PER mentions; gives role candidates
//! ([`RoleB`]: person, title, modifiers, complement, affiliation, sentence,
//! confidence) as token ranges, from each role finder in turn: pre-name,
//! post-name (with bylines), distributed plural titles, sentence-initial
//! descriptions and predicative markers. Assembling them into [`Role`]s, with
//! the canonical agency, is left to [`assemble`](super::assemble).
//!
//! [`Role`]: super::Role

use super::agency::is_country_word;
use super::doc::{is_loc, is_org, trim, Doc};
use super::mentions::Mention;
use super::text::{is_quote, TokKind};

/// A role candidate, in token ranges: assembled into a [`Role`](super::Role)
/// by [`assemble`](super::assemble).
pub(super) struct RoleB {
    pub(super) person: usize,
    pub(super) title: Option<(usize, usize)>,
    pub(super) modifiers: Vec<String>,
    pub(super) of: Option<(usize, usize)>,
    pub(super) org: Option<String>,
    pub(super) sent: usize,
    pub(super) conf: f32,
}

/// Every role the text gives a person: a title before the name, after it,
/// distributed over several names, in a sentence-initial description, or
/// after a predicative marker, in that order. (Titles describing the object
/// of a meeting come from [`find_interactions`](super::events::find_interactions).)
pub(super) fn find_roles(doc: &Doc, mentions: &[Mention]) -> Vec<RoleB> {
    let mut roles: Vec<RoleB> = Vec::new();
    for m in mentions {
        roles.extend(pre_name_roles(doc, m).into_iter().flatten());
        if let Some(r) = post_name_role(doc, m, mentions) {
            roles.push(r);
        }
    }
    distributed_roles(doc, mentions, &mut roles);
    conjoined_roles(doc, mentions, &mut roles);
    description_roles(doc, mentions, &mut roles);
    predicative_roles(doc, mentions, &mut roles);
    roles
}

/// The first ORG entity inside tokens `s..e`, as written.
fn org_in(doc: &Doc, s: usize, e: usize) -> Option<String> {
    (s..e).find_map(|k| {
        doc.tok_ent[k].filter(|&x| is_org(&doc.ents[x].label)).map(|x| doc.ents[x].text.clone())
    })
}

/// The ORG entity written right before the title starting at token `ts`
/// (`NATO Secretary General`, `the World Bank’s Country Manager`), as written.
fn org_before(doc: &Doc, ts: usize) -> Option<String> {
    let mut k = ts.checked_sub(1)?;
    if doc.toks[k].norm == "s" && k >= 2 && matches!(doc.toks[k - 1].norm.as_str(), "'" | "’") {
        k -= 2;
    }
    // An entity of its own (not one holding the title too), written with a
    // capital (the tagger's lower-case ORG entities are nationality words).
    doc.tok_ent[k]
        .filter(|&x| is_org(&doc.ents[x].label) && doc.tok_ent[ts] != Some(x))
        .filter(|&x| doc.ents[x].text.starts_with(char::is_uppercase))
        .map(|x| doc.ents[x].text.clone())
}

/// Title before the name: `Le ministre de la Sécurité publique … Ralph Goodale`,
/// `le secrétaire intérimaire de …, Kevin McAleenan`, `Foreign Secretary X`.
fn pre_name_roles(doc: &Doc, m: &Mention) -> Option<Vec<RoleB>> {
    let si = doc.sent_of[m.s];
    let (ss, _) = doc.sents[si];
    // A title inside the PER entity itself ("Minister Goodale" tagged whole).
    if let Some((s, e)) = doc.title_at(m.s).filter(|&(_, e)| e < m.e) {
        let (ts, te, mods) = doc.expand_title(s, e, ss);
        return Some(vec![RoleB {
            person: m.person,
            title: Some((ts, te)),
            modifiers: mods,
            of: None,
            org: None,
            sent: si,
            conf: 0.7,
        }]);
    }
    // The nearest title before the name; when it gives no role and stands in
    // an earlier title's complement (`Il presidente della Camera dei
    // deputati, X`: `deputati` is a title too), the title before it.
    let mut before = doc.titles.iter().rev().filter(|&&(s, e)| e <= m.s && s >= ss);
    let mut next = before.next();
    while let Some(&(h_s, h_e)) = next {
        if let Some(roles) = title_before_name(doc, m, si, h_s, h_e) {
            return Some(roles);
        }
        next = before.next().filter(|&&(_, e)| doc.in_complement_after(e, h_s));
    }
    None
}

/// The role of title `h_s..h_e` before mention `m` of sentence `si`, when
/// what stands between them fits (see [`pre_name_roles`]).
fn title_before_name(
    doc: &Doc,
    m: &Mention,
    si: usize,
    h_s: usize,
    h_e: usize,
) -> Option<Vec<RoleB>> {
    let (ss, _) = doc.sents[si];
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
    let mut stacked =
        if comma_before_tail { stacked_titles(doc, ts, ss, true) } else { Vec::new() };
    let mut of = None;
    let complement_start = doc
        .at(&doc.lang.of_prepositions, p)
        .map(|h| h.end)
        .or_else(|| genitive_place(doc, p).then_some(p));
    if let Some(cs) = complement_start {
        // Complement up to the last comma before the name (or the name).
        let mut end = m.s;
        if comma_before_tail {
            end = tail - 1;
        } else if tail < m.s {
            return None;
        }
        if end <= cs || end - cs > 18 {
            return None;
        }
        of = Some(complement(doc, cs, end)?);
    } else {
        // No complement: nothing but [","] + honorifics between title and name.
        let gap_end = if comma_before_tail { tail - 1 } else { tail };
        if gap_end != p {
            return None;
        }
        if comma_before_tail {
            // "la chefe da diplomacia guineense, Suzi Barbosa": needs an article before the title.
            // A possessive does as well: `Ukraine’s Foreign Minister, Dmytro
            // Kuleba`; so does a title before it (`Le Premier ministre, chef
            // du gouvernement, X`).
            if !introduced(doc, ts) && stacked.is_empty() {
                return None;
            }
        }
    }
    // No comma before the name: a rank or a second title right before it,
    // after a comma, ends a stack (`the Chief of the Army Staff, Major
    // General X`); else titles joined by a conjunction stand before a title
    // with its complement or of several words (`Deputy Prime Minister and
    // Minister of Foreign Affairs X`, `Deputy Prime Minister and Foreign
    // Minister X`); before a bare one-word title the first is more often
    // another person's (`The Foreign Secretary and Minister X`).
    if !comma_before_tail {
        if of.is_none() && comma_before(doc, ts, ss).is_some() {
            stacked = stacked_titles(doc, ts, ss, true);
        } else if of.is_some() || te - ts >= 2 {
            stacked = stacked_titles(doc, ts, ss, false);
        }
    }
    if of.is_none() {
        of = jurisdiction_after(doc, m);
    }
    let role = |title, modifiers, of: Option<(usize, usize)>| RoleB {
        person: m.person,
        title: Some(title),
        modifiers,
        of,
        org: of.and_then(|(s, e)| org_in(doc, s, e)).or_else(|| org_before(doc, title.0)),
        sent: si,
        conf: if of.is_some() { 0.85 } else { 0.8 },
    };
    let mut roles = vec![role((ts, te), mods, of)];
    roles.extend(stacked.into_iter().map(|(s, e, mods, of)| role((s, e), mods, of)));
    Some(roles)
}

/// Whether token `k` is a place in the genitive that opens a title's
/// complement with no preposition, where the language writes such
/// complements (`genitive_place_complements`): a capitalised place entity
/// ending in `s` (`Ghanas`, `Russlands`).
fn genitive_place(doc: &Doc, k: usize) -> bool {
    doc.lang.data.genitive_place_complements
        && k < doc.toks.len()
        && doc.toks[k].cap
        && doc.toks[k].norm.ends_with('s')
        && doc.tok_ent[k].is_some_and(|x| doc.ent_toks[x].0 == k && is_loc(&doc.ents[x].label))
}

/// Whether a determiner or a possessive (`Ukraine’s`) introduces the title
/// starting at token `ts`.
/// A nationality or country entity between them counts as part of the title
/// (`the Dutch Foreign Minister`, `the US Secretary of State`).
fn introduced(doc: &Doc, ts: usize) -> bool {
    let direct = |ts: usize| {
        let possessive = ts >= 2
            && doc.toks[ts - 1].norm == "s"
            && matches!(doc.toks[ts - 2].norm.as_str(), "'" | "’");
        possessive || (ts > 0 && doc.at(&doc.lang.determiners, ts - 1).is_some_and(|h| h.end == ts))
    };
    let national_entity = ts > 0
        && doc.tok_ent[ts - 1].is_some_and(|x| {
            let (s, e) = doc.ent_toks[x];
            let label = doc.ents[x].label.as_str();
            e == ts
                && e - s <= 3
                && (is_loc(label) || label.eq_ignore_ascii_case("MISC"))
                && direct(s)
        });
    let national_word = ts > 0
        && doc.toks[ts - 1].is_word()
        && !doc.is_per_tok(ts - 1)
        && is_country_word(&doc.toks[ts - 1].norm)
        && direct(ts - 1);
    direct(ts) || national_entity || national_word
}

/// The comma right before token `ts`, or before a determiner right before it
/// (`le président du Sénat, le général X`).
fn comma_before(doc: &Doc, ts: usize, ss: usize) -> Option<usize> {
    let start = doc.lang.determiners.find_ending_at(&doc.nt, ts).map_or(ts, |h| h.start);
    [ts, start].into_iter().filter(|&k| k > ss).map(|k| k - 1).find(|&k| doc.toks[k].is_punct(","))
}

/// A title stacked before another one: token range, modifiers, complement.
type Stacked = (usize, usize, Vec<String>, Option<(usize, usize)>);

/// The titles stacked before the title starting at `ts`, nearest first: `Le
/// Premier ministre, chef du gouvernement, X`, `Deputy Prime Minister and
/// Minister of State for Defence Affairs, X`. Each ends, with its own
/// complement, at a comma (with `commas`: the name follows a comma) or a
/// conjunction right before the next; a chain with a comma counts only when
/// its first title is introduced (a determiner, a possessive, the start of
/// the sentence), else it is empty.
fn stacked_titles(doc: &Doc, mut ts: usize, ss: usize, commas: bool) -> Vec<Stacked> {
    let mut out = Vec::new();
    while out.len() < 3 && ts > ss {
        let q = if let Some(c) = comma_before(doc, ts, ss).filter(|_| commas) {
            c
        } else if let Some(h) = doc.lang.conjunctions.find_ending_at(&doc.nt, ts) {
            h.start
        } else {
            break;
        };
        let Some(&(h_s, h_e)) = doc.titles.iter().rev().find(|&&(s, e)| e <= q && s >= ss) else {
            break;
        };
        if (h_s..q).any(|k| doc.is_per_tok(k) || doc.toks[k].kind == TokKind::Newline) {
            break;
        }
        let (s, e, mods) = doc.expand_title(h_s, h_e, ss);
        let of = if e == q {
            None
        } else {
            let Some(h) = doc.at(&doc.lang.of_prepositions, e) else { break };
            if q <= h.end || q - h.end > 12 {
                break;
            }
            let Some(c) = complement(doc, h.end, q) else { break };
            Some(c)
        };
        out.push((s, e, mods, of));
        ts = s;
    }
    // Titles joined by a conjunction only (`Deputy Prime Minister and
    // Minister of Foreign Affairs X`) need nothing before them; after a comma
    // the first must start the sentence or be introduced.
    if out.is_empty() || !commas || ts == ss || introduced(doc, ts) {
        out
    } else {
        Vec::new()
    }
}

/// The complement `cs..end` of a title (after its of-preposition), trimmed,
/// when every token may belong to one. A parenthesised acronym is part of it
/// (`of the Union (IPU)`); a function word cannot end it (`the Minister of
/// Finance and Paul Smith`).
fn complement(doc: &Doc, cs: usize, end: usize) -> Option<(usize, usize)> {
    let mut prev_ok = true;
    let mut k = cs;
    while k < end {
        if let Some(close) = acronym_group(doc, k, end) {
            k = close + 1;
            prev_ok = true;
            continue;
        }
        let (ok, word_ok) = doc.complement_ok(k, prev_ok);
        if !ok {
            return None;
        }
        prev_ok = word_ok || (doc.toks[k].is_word() && prev_ok && !doc.toks[k].cap);
        if doc.toks[k].kind == TokKind::Punct {
            prev_ok = true;
        }
        k += 1;
    }
    let (os, oe) = trim(doc, cs, end)?;
    let last = oe - 1;
    if doc.tok_ent[last].is_none()
        && (doc.at(&doc.lang.conjunctions, last).is_some()
            || doc.at(&doc.lang.of_prepositions, last).is_some()
            || doc.at(&doc.lang.determiners, last).is_some())
    {
        return None;
    }
    Some((os, oe))
}

/// Where a list of portfolio items that a complement starts ends: from the
/// comma at token `k`, items (up to five tokens each, the first capitalised
/// word after any preposition or article, no person, no place) separated by
/// commas and closed by a conjunction and a last item before punctuation or
/// the end of the line: `, Verkehr, Energie und Kommunikation`. `k` when no
/// such list follows.
fn listed_items_end(doc: &Doc, k: usize) -> usize {
    let n = doc.toks.len();
    let item = |start: usize| -> Option<usize> {
        let mut j = start;
        while let Some(h) =
            doc.at(&doc.lang.of_prepositions, j).or_else(|| doc.at(&doc.lang.determiners, j))
        {
            j = h.end;
        }
        let first = doc.word(j)?;
        if !first.cap {
            return None;
        }
        let mut e = j;
        while e < n && e - j < 5 {
            let t = &doc.toks[e];
            if t.kind != TokKind::Word && !(t.kind == TokKind::Punct && t.norm == "-") {
                break;
            }
            if doc.at(&doc.lang.conjunctions, e).is_some() {
                break;
            }
            if doc.is_per_tok(e) || doc.ent_label(e).is_some_and(is_loc) {
                return None;
            }
            e += 1;
        }
        (e > j).then_some(e)
    };
    let mut q = k;
    for _ in 0..8 {
        if q >= n || !doc.toks[q].is_punct(",") {
            return k;
        }
        let Some(e) = item(q + 1) else { return k };
        if let Some(c) = doc.at(&doc.lang.conjunctions, e) {
            let Some(last) = item(c.end) else { return k };
            let closed = last >= n
                || doc.toks[last].kind == TokKind::Newline
                || (doc.toks[last].kind == TokKind::Punct
                    && matches!(doc.toks[last].norm.as_str(), "," | "." | ";" | "(" | ")"));
            return if closed { last } else { k };
        }
        q = e;
    }
    k
}

/// `( ACRONYM )` starting at token `k`, before `end`: the index of the closing
/// parenthesis, when one to three capitalised words (no PER) stand between.
fn acronym_group(doc: &Doc, k: usize, end: usize) -> Option<usize> {
    if k >= end.min(doc.toks.len()) || !doc.toks[k].is_punct("(") {
        return None;
    }
    let close = (k + 2..end.min(k + 5)).find(|&j| doc.toks[j].is_punct(")"))?;
    (k + 1..close)
        .all(|j| doc.toks[j].is_word() && doc.toks[j].cap && !doc.is_per_tok(j))
        .then_some(close)
}

/// A plural title distributed over names with their own complements: `Los
/// cancilleres de Argentina, X, y de Uruguay, Y` gives Y the title with
/// `Uruguay` (X got it with `Argentina` from [`pre_name_roles`]).
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

/// A plural title before names joined by commas and conjunctions: `Deputy
/// Ministers X and Y`, `die Senatoren X und Y`, `MPs X, Y and Z`. The first
/// name got the title from [`pre_name_roles`]; each name joined to it gets it
/// as well (with its complement when it stands before the names).
fn conjoined_roles(doc: &Doc, mentions: &[Mention], roles: &mut Vec<RoleB>) {
    let plural = |(s, e): (usize, usize)| doc.plural_title_word(s, e).is_some();
    for pair in mentions.windows(2) {
        let (m1, m2) = (&pair[0], &pair[1]);
        let si = doc.sent_of[m1.s];
        if doc.sent_of[m2.s] != si || m1.person == m2.person || m2.s <= m1.e {
            continue;
        }
        // Only a comma, a conjunction, or both, between the names.
        let mut q = m1.e;
        if doc.toks[q].is_punct(",") {
            q += 1;
        }
        if let Some(c) = doc.at(&doc.lang.conjunctions, q) {
            q = c.end;
        }
        if q != m2.s || q == m1.e {
            continue;
        }
        let Some(r) = roles.iter().find(|r| {
            r.person == m1.person
                && r.sent == si
                && r.title.is_some_and(|t| plural(t) && t.1 <= m1.s)
                && r.of.is_none_or(|(_, e)| e <= m1.s)
        }) else {
            continue;
        };
        if roles.iter().any(|x| x.person == m2.person && x.sent == si && x.title == r.title) {
            continue;
        }
        let extra = RoleB {
            person: m2.person,
            title: r.title,
            modifiers: r.modifiers.clone(),
            of: r.of,
            org: r.org.clone(),
            sent: si,
            conf: r.conf * 0.9,
        };
        roles.push(extra);
    }
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
    let ei = doc.tok_ent.get(q).copied().flatten()?;
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
        if pre_name_roles(doc, next)
            .and_then(|r| r[0].title)
            .is_some_and(|(s, e)| s <= hs && hs < e)
        {
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
                // A list of portfolios goes on after the comma (`für Umwelt,
                // Verkehr, Energie und Kommunikation`), and an acronym in
                // parentheses closes the complement (`… Angelegenheiten (EDA)`).
                let mut end = listed_items_end(doc, k);
                if let Some(close) = acronym_group(doc, end, n) {
                    end = close + 1;
                }
                of = trim(doc, cs, end);
                after = end;
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
        // `wurde vom Botschafter begleitet`: a passive, the title is the agent's.
        if doc.at(&doc.lang.agent_prepositions, p).is_some() {
            continue;
        }
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
