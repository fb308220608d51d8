//! Assembly (internal): the output records.
//!
//! Takes the [`Doc`], the people, the role candidates, the interactions and
//! the discussions; gives the public [`Relations`]: each [`Person`] with a
//! stable id, its mentions and its [`Role`]s (one per post, with the
//! canonical agency from [`agency`]), meetings apart from other contacts, and
//! discussions pointing at their meeting.

use super::agency::{self, RoleText};
use super::country;
use super::doc::{is_org, Doc};
use super::lang::Lang;
use super::mentions::{best_name, Cluster, Mention};
use super::orgname;
use super::pairs::PairModel;
use super::roles::RoleB;
use super::{
    slug, CountryCandidate, Discussion, Interaction, InteractionKind, Person, Relations, Role,
    TextSpan,
};

/// The people with their roles: each role candidate placed in its sentence,
/// given its canonical agency ([`agency::canonical`]) and merged with the
/// person's other roles; a counterpart description is kept only for a
/// person with no other role.
///
/// A role whose title and complement name no country gets the one
/// `country_model` chooses ([`country`]); `rows`, when given, receives every
/// candidate country of such a role with its features (`--dump-countries`).
pub(super) fn people(
    doc: &Doc,
    clusters: &[Cluster],
    mentions: &[Mention],
    roles: &[RoleB],
    country_model: Option<&PairModel>,
    mut rows: Option<&mut Vec<CountryCandidate>>,
) -> Vec<Person> {
    let (lang, text) = (doc.lang, doc.text);
    let countries = country::DocCountries::new(doc, mentions, roles, clusters.len());
    let doc_country = agency::document_country(text);
    // The publisher's country (`SOURCE Public Safety Canada`) before the
    // dateline's: a release about a visit abroad is datelined there.
    let home = super::furniture::publisher(lang, text)
        .and_then(agency::country_named)
        .or_else(|| agency::home_country(text));
    let doc_portfolios = agency::written_portfolios(
        lang,
        doc.ents.iter().filter(|e| is_org(&e.label)).map(|e| e.text.as_str()),
    );
    // Roles by person and by sentence, mentions by the sentences they touch
    // (what a role's part of the sentence is bounded by), so that a document
    // of thousands of people is not read once per person.
    let mut roles_of: Vec<Vec<usize>> = vec![Vec::new(); clusters.len()];
    let mut roles_in: Vec<Vec<usize>> = vec![Vec::new(); doc.sents.len()];
    for (ri, r) in roles.iter().enumerate() {
        if let Some(v) = roles_of.get_mut(r.person) {
            v.push(ri);
        }
        if let Some(v) = roles_in.get_mut(r.sent) {
            v.push(ri);
        }
    }
    let mut mentions_in: Vec<Vec<usize>> = vec![Vec::new(); doc.sents.len()];
    for (mi, m) in mentions.iter().enumerate().filter(|(_, m)| m.e > m.s) {
        for v in &mut mentions_in[doc.sent_of[m.s]..=doc.sent_of[m.e - 1]] {
            v.push(mi);
        }
    }
    clusters
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let name = best_name(c);
            let mut out_roles: Vec<Role> = Vec::new();
            let is_cp =
                |r: &RoleB| r.title.is_some_and(|(s, e)| (s..e).any(|k| doc.counterpart[k]));
            let own_roles: Vec<(usize, &RoleB)> =
                roles_of.get(ci).into_iter().flatten().map(|&ri| (ri, &roles[ri])).collect();
            let has_post = own_roles.iter().any(|(_, r)| !is_cp(r));
            for (ri, r) in own_roles.into_iter().filter(|(_, r)| !(has_post && is_cp(r))) {
                let sentence = doc.sent_span(r.sent);
                let title = r.title.map(|(s, e)| doc.span(s, e));
                let of = r.of.map(|(s, e)| doc.span(s, e));
                let at = title.as_ref().map_or(0, |t| t.bytes.start);
                // This person's part of the sentence: between the other people
                // named before and after the title, and their own roles (`X
                // a rencontré le secrétaire de la Sécurité intérieure des
                // États-Unis, Y`: the country is Y's).
                let (ss, se) = (sentence.bytes.start, sentence.bytes.end);
                // Mentions and roles outside the sentence do not bound it.
                let other_roles = roles_in.get(r.sent).into_iter().flatten();
                let other_roles = other_roles.map(|&k| &roles[k]).filter(|o| o.person != ci);
                let others = mentions_in
                    .get(r.sent)
                    .into_iter()
                    .flatten()
                    .map(|&k| &mentions[k])
                    .filter(|m| m.person != ci)
                    .map(|m| (m.s, m.e))
                    .chain(other_roles.filter_map(|o| {
                        let (s, e) = o.title?;
                        Some((s, o.of.map_or(e, |(_, oe)| oe.max(e))))
                    }))
                    .map(|(s, e)| (doc.toks[s].start, doc.toks[e - 1].end));
                let lo = others.clone().filter(|&(_, e)| e <= at).map(|x| x.1).max();
                let hi = others.filter(|&(s, _)| s > at).map(|x| x.0).min();
                let own = (lo.unwrap_or(ss).max(ss) - ss, hi.unwrap_or(se).min(se).max(ss) - ss);
                let (lowered, sentence_countries) = countries.sentence(r.sent);
                let mut text_of_role = RoleText {
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
                    chosen: None,
                    lowered,
                    countries: sentence_countries,
                };
                if !agency::names_country(&text_of_role) {
                    let rc = agency::rule_country(lang, &text_of_role);
                    let site = country::Site {
                        person: ci,
                        sent: r.sent,
                        at: text_of_role.at,
                        own,
                        rule: rc.rule,
                        home,
                        doc_country,
                        written: rc.written,
                        listed: &rc.listed,
                        official: &lang.data.official_in,
                    };
                    let cands = country::candidates(&countries, &site);
                    if let Some(model) = country_model {
                        text_of_role.chosen = country::choose(model, &cands);
                    }
                    if let Some(sink) = rows.as_deref_mut() {
                        sink.extend(cands.into_iter().map(|(country, features)| {
                            CountryCandidate { person: ci, role: ri, country, features }
                        }));
                    }
                }
                let agency = agency::canonical(lang, &text_of_role);
                let role = Role {
                    title_singular: r.title.and_then(|(s, e)| doc.singular_title(s, e)),
                    title,
                    modifiers: r.modifiers.clone(),
                    of,
                    org: agency.or_else(|| {
                        r.org.as_deref().map(|o| {
                            orgname::english_name(lang, o).unwrap_or_else(|| o.to_string())
                        })
                    }),
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
        .collect()
}

/// The document's relations: meetings apart from calls and planned
/// meetings, and each discussion's meeting as an index into the meetings.
pub(super) fn relations(
    lang: &Lang,
    people: Vec<Person>,
    interactions: Vec<Interaction>,
    discussions: Vec<Discussion>,
) -> Relations {
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
    Relations {
        language: lang.data.language.clone(),
        people,
        meetings,
        other_contacts,
        discussions,
    }
}

/// A title or complement compared case- and space-folded.
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
