//! The relations stage as a pipeline (internal). See the module docs of
//! [`relate`](super) for what is extracted; each stage's module says how.
//!
//! [`repair`] makes the entities consistent; [`relate_scored`] then runs the
//! stages in order, each reading what the earlier ones gave:
//!
//! 1. [`doc`](super::doc): tokens, sentences, entity and title masks, dates;
//! 2. [`mentions`](super::mentions): PER mentions clustered into people;
//! 3. [`roles`](super::roles): role candidates of each person;
//! 4. [`events`](super::events): meetings, calls, planned meetings, and the
//!    met-with pairs of the pair classifier;
//!    then the attendees' sides ([`sides`](super::sides));
//! 5. [`topics`](super::topics): discussions and their topics;
//! 6. [`assemble`]: people with their roles and canonical
//!    agencies ([`agency`](super::agency), the country of a role that names
//!    none from [`country`](super::country)), and the [`Relations`].

use super::assemble;
use super::date;
use super::doc::Doc;
use super::events::{country_keys, dated_after_dateline_planned, find_interactions, meeting_pairs};
use super::furniture::Furniture;
use super::lang::Lang;
use super::mentions::cluster_people;
use super::pairs::{PairFeatures, PairModel};
use super::repair::{consistent_people, fix_titles, names_not_people, split_glued_titles};
use super::roles::find_roles;
use super::sides::attach_attendees;
use super::topics::find_discussions;
use super::{CountryCandidate, Relations};
use crate::entity::Entity;

/// The entities the rules read: valid spans only, no nesting, no page
/// furniture ([`super::furniture`]), dates read whole by the date grammar
/// ([`super::date`]), then the document-level repairs of [`super::repair`] (glued titles, title
/// confusions, one sense per document for names).
pub(crate) fn repair(
    lang: &Lang,
    furniture: &Furniture,
    text: &str,
    entities: &[Entity],
) -> Vec<Entity> {
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
    let cleaned = furniture.clean(text, flat.into_iter().cloned().collect());
    let dated = date::with_dates(lang, text, cleaned);
    let unglued = split_glued_titles(lang, text, dated);
    let fixed = names_not_people(lang, fix_titles(lang, text, unglued));
    consistent_people(lang, text, fixed)
}

/// What [`relate_scored`] gives: the relations, and the features it read.
pub(crate) struct Scored {
    pub relations: Relations,
    /// Every pair of people, when there is no pair model (`--dump-pairs`).
    pub pairs: Vec<PairFeatures>,
    /// Every candidate country of the roles that name none, when asked for
    /// (`--dump-countries`).
    pub countries: Vec<CountryCandidate>,
}

/// The rules on entities already through [`repair`], with the met-with pairs
/// of `model` (the rules' own pairs when `None`) and the role countries of
/// `country_model` (the rules' order when `None`).
pub(crate) fn relate_scored(
    lang: &Lang,
    text: &str,
    owned: &[Entity],
    model: Option<&PairModel>,
    country_model: Option<&PairModel>,
    dump_countries: bool,
) -> Scored {
    let doc = Doc::new(lang, text, owned);
    let (clusters, mentions) = cluster_people(&doc);
    let mut roles = find_roles(&doc, &mentions);
    let (mut interactions, desc_roles) = find_interactions(&doc, &mentions);
    roles.extend(desc_roles);
    let country = country_keys(&doc, &mentions, clusters.len());
    let features =
        meeting_pairs(&doc, &clusters, &mentions, &roles, &country, model, &mut interactions);
    if model.is_some() {
        attach_attendees(&doc, &mentions, &country, &mut interactions);
    }
    dated_after_dateline_planned(&doc, &mut interactions);
    let discussions = find_discussions(&doc, &mentions, &interactions);
    let mut countries = Vec::new();
    let sink = if dump_countries { Some(&mut countries) } else { None };
    let people = assemble::people(&doc, &clusters, &mentions, &roles, country_model, sink);
    let relations = assemble::relations(lang, people, interactions, discussions);
    Scored { relations, pairs: features, countries }
}
