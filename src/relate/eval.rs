//! Evaluation of the relations stage against gold files.
//!
//! Gold files follow the schema of the relations dev set (`id`, `lang`, `text`,
//! `entities`, `persons`, `met_with`, `discussed`, …; offsets in code points).
//! [`evaluate_dir`] runs a [`Relator`] on every `*.json` file of a directory
//! ([`evaluate_dir_where`] on those a predicate keeps, e.g. one part of the
//! written corpus by [`corpus_part`]), with entities produced by a
//! caller-supplied closure (the NER model, or the gold entities through
//! [`GoldDoc::entities`]), and scores:
//!
//! * **met_with** – unordered pairs of persons;
//! * **title** – `(person, title)` pairs, titles compared case-insensitively
//!   (a predicted title shared in the plural by its singular, `Role::post_title`)
//!   with whitespace and apostrophes normalised;
//! * **agency** – `(person, of)` pairs for roles with an agency/portfolio;
//! * **org** – `(person, canonical organisation)`: `Role::org` against the
//!   gold `org_entity`;
//! * **topic** – discussed topics: a predicted topic matches a gold topic when
//!   their spans overlap by at least half of the longer one (one-to-one);
//!   **topic_exact** – the same with identical spans;
//! * **no-meeting documents** – documents whose gold has no meeting but for
//!   which meetings were predicted (listed in [`EvalReport::false_meeting_docs`]).
//!
//! Name matching ([`align_people`]): a predicted person is the gold person
//! whose PER spans (`mention_spans`) its mentions overlap most, else the one
//! with a mention written the same. Unmatched predicted persons count with
//! their own name (so their pairs and roles are false positives).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Relations, Relator, Role};
use crate::entity::Entity;
use crate::error::{Error, ErrorKind, Result};
use crate::span::{CharIndex, Span};

/// One gold entity (code-point offsets).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldEntity {
    /// Surface text.
    pub text: String,
    /// PER, ORG, LOC, MISC or DATE.
    #[serde(rename = "type")]
    pub label: String,
    /// Start (code points, inclusive).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
}

/// One gold role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldRole {
    /// Title as written.
    pub title: Option<String>,
    /// Agency/portfolio as written.
    pub of: Option<String>,
    /// Canonical English organisation name.
    #[serde(default)]
    pub org_entity: Option<String>,
}

/// One gold person.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldPerson {
    /// Fullest name form.
    pub name: String,
    /// Distinct surface forms.
    pub mentions: Vec<String>,
    /// Roles.
    #[serde(default)]
    pub roles: Vec<GoldRole>,
    /// Code-point spans of every PER entity of this person.
    #[serde(default)]
    pub mention_spans: Vec<GoldSpan>,
}

/// A code-point span of a gold file.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct GoldSpan {
    /// Start (code points, inclusive).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
}

/// The part of the written corpus a document belongs to: `"measure"` (only
/// measured on) or `"tune"` (developed and trained on). The rule is fixed:
/// FNV-1a (32 bit) of the id's UTF-8 bytes, modulo 5; 0 is `measure`. The
/// training scripts use the same (`tools/train/data.py`).
///
/// ```
/// use rolegraph::relate::eval::corpus_part;
/// assert_eq!(corpus_part("w-de-101"), "tune");
/// ```
pub fn corpus_part(id: &str) -> &'static str {
    let mut h: u32 = 0x811C_9DC5;
    for b in id.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    if h.is_multiple_of(5) {
        "measure"
    } else {
        "tune"
    }
}

/// For each predicted person, the gold person it stands for: the one whose
/// PER spans its mentions overlap most, else the one with a mention or name
/// written the same; `None` when no gold person fits.
pub fn align_people(gold: &GoldDoc, pred: &Relations) -> Vec<Option<usize>> {
    pred.people
        .iter()
        .map(|p| {
            let mut votes = vec![0usize; gold.persons.len()];
            for m in &p.mentions {
                for (gi, g) in gold.persons.iter().enumerate() {
                    for s in &g.mention_spans {
                        if m.chars.start < s.end && s.start < m.chars.end {
                            votes[gi] += 1;
                        }
                    }
                }
            }
            let best = (0..votes.len()).filter(|&i| votes[i] > 0).max_by_key(|&i| votes[i]);
            best.or_else(|| {
                gold.persons.iter().position(|g| {
                    p.mentions.iter().any(|m| g.mentions.iter().any(|gm| gm == &m.text))
                        || g.mentions.contains(&p.name)
                        || g.name == p.name
                })
            })
        })
        .collect()
}

/// One gold discussed topic.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldTopic {
    /// Persons discussing.
    pub participants: Vec<String>,
    /// Topic text.
    pub topic: String,
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
}

/// A gold document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// Language code.
    pub lang: String,
    /// Text.
    pub text: String,
    /// Gold entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Gold persons.
    #[serde(default)]
    pub persons: Vec<GoldPerson>,
    /// Met-with pairs.
    #[serde(default)]
    pub met_with: Vec<Vec<String>>,
    /// Discussed topics.
    #[serde(default)]
    pub discussed: Vec<GoldTopic>,
}

impl GoldDoc {
    /// Reads one gold file.
    pub fn load(path: &Path) -> Result<GoldDoc> {
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&json).map_err(|e| {
            Error::new(ErrorKind::Input, format!("gold file {}: {e}", path.display()))
                .with_path(path)
        })
    }

    /// The gold entities as [`Entity`] values (code-point offsets converted to bytes).
    pub fn entities(&self) -> Vec<Entity> {
        let byte_of: Vec<usize> = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(self.text.len()))
            .collect();
        let idx = CharIndex::new(&self.text);
        self.entities
            .iter()
            .filter(|e| e.start < e.end && e.end < byte_of.len())
            .map(|e| {
                let bytes = Span::new(byte_of[e.start], byte_of[e.end]);
                Entity::new(&self.text, &idx, bytes, e.label.clone(), 1.0)
            })
            .collect()
    }
}

/// True/false positives and false negatives of one measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Scores of one document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocScores {
    /// Document id.
    pub id: String,
    /// Gold language.
    pub lang: String,
    /// Met-with pairs.
    pub met_with: Counts,
    /// Person → title.
    pub title: Counts,
    /// Person → agency (`of`).
    pub agency: Counts,
    /// Person → canonical organisation (`Role::org` against `org_entity`).
    #[serde(default)]
    pub org: Counts,
    /// Discussed topics (overlap ≥ half of the longer span).
    pub topic: Counts,
    /// Discussed topics with exactly the gold span.
    #[serde(default)]
    pub topic_exact: Counts,
    /// Whether the gold has a meeting.
    pub gold_has_meeting: bool,
    /// Number of meetings predicted.
    pub predicted_meetings: usize,
    /// PER/ORG/LOC entities after [`Relator::repair`] against the gold
    /// entities, exact code-point spans and type (set by [`evaluate_dir`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Counts>,
    /// What went wrong, one line per missed (`-`) or spurious (`+`) met-with
    /// pair, title or agency, e.g. `- title: Ralph Goodale → ministre`.
    /// Predicted people who match no gold person are written `?name`.
    pub errors: Vec<String>,
}

/// Micro-averaged precision/recall/F1 of one measure.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Prf {
    /// Counts summed over documents.
    pub counts: Counts,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl From<Counts> for Prf {
    fn from(c: Counts) -> Prf {
        Prf { counts: c, precision: c.precision(), recall: c.recall(), f1: c.f1() }
    }
}

/// The result of an evaluation run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EvalReport {
    /// Per-document scores, sorted by id.
    pub documents: Vec<DocScores>,
    /// Met-with pairs, micro-averaged.
    pub met_with: Prf,
    /// Person → title, micro-averaged.
    pub title: Prf,
    /// Person → agency, micro-averaged.
    pub agency: Prf,
    /// Person → canonical organisation, micro-averaged.
    pub org: Prf,
    /// Topics (overlap ≥ half of the longer span), micro-averaged.
    pub topic: Prf,
    /// Topics with exactly the gold span, micro-averaged.
    pub topic_exact: Prf,
    /// PER/ORG/LOC entities, micro-averaged, when every document has them
    /// scored (see [`DocScores::entities`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Prf>,
    /// Documents without a gold meeting for which a meeting was predicted.
    pub false_meeting_docs: Vec<String>,
    /// Number of documents without a gold meeting.
    pub no_meeting_docs: usize,
}

fn key(s: &str) -> String {
    s.to_lowercase().replace(['’', '‘'], "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn set_counts<T: Eq + std::hash::Hash>(pred: &HashSet<T>, gold: &HashSet<T>) -> Counts {
    let tp = pred.intersection(gold).count();
    Counts { tp, fp: pred.len() - tp, fn_: gold.len() - tp }
}

/// Scores one document's predictions against its gold annotation.
pub fn score_document(gold: &GoldDoc, pred: &Relations) -> DocScores {
    // Predicted person index -> name used for scoring.
    let names: Vec<String> = align_people(gold, pred)
        .into_iter()
        .zip(&pred.people)
        .map(|(g, p)| g.map_or_else(|| format!("?{}", p.name), |g| gold.persons[g].name.clone()))
        .collect();
    let pair = |a: &str, b: &str| {
        if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        }
    };
    let gold_pairs: HashSet<(String, String)> =
        gold.met_with.iter().filter(|p| p.len() == 2).map(|p| pair(&p[0], &p[1])).collect();
    let pred_pairs: HashSet<(String, String)> = pred
        .meetings
        .iter()
        .flat_map(|m| m.pairs.iter().map(|&[a, b]| pair(&names[a], &names[b])))
        .filter(|(a, b)| a != b)
        .collect();
    // (person, normalised field) pairs of one role field, gold and predicted.
    let gold_roles = |field: fn(&GoldRole) -> Option<&String>| -> HashSet<(String, String)> {
        gold.persons
            .iter()
            .flat_map(|p| {
                p.roles.iter().filter_map(move |r| field(r).map(|t| (p.name.clone(), key(t))))
            })
            .collect()
    };
    let names = &names;
    let pred_roles = |field: fn(&Role) -> Option<&str>| -> HashSet<(String, String)> {
        pred.people
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.roles.iter().filter_map(move |r| field(r).map(|t| (names[i].clone(), key(t))))
            })
            .collect()
    };
    let gold_titles = gold_roles(|r| r.title.as_ref());
    // A title shared in the plural counts in the singular.
    let pred_titles = pred_roles(Role::post_title);
    let gold_of = gold_roles(|r| r.of.as_ref());
    let pred_of = pred_roles(|r| r.of.as_ref().map(|t| t.text.as_str()));
    let gold_org = gold_roles(|r| r.org_entity.as_ref());
    let pred_org = pred_roles(|r| r.org.as_deref());
    // Topics: one-to-one, overlap >= half of the longer span (code points).
    let mut pred_topics: Vec<Span> = Vec::new();
    for d in &pred.discussions {
        for t in &d.topics {
            if !pred_topics.contains(&t.chars) {
                pred_topics.push(t.chars);
            }
        }
    }
    let mut used = vec![false; pred_topics.len()];
    let mut tp = 0;
    for g in &gold.discussed {
        let gs = Span::new(g.start, g.end);
        let best = pred_topics.iter().enumerate().filter(|(i, _)| !used[*i]).find(|(_, p)| {
            let ov = p.end.min(gs.end).saturating_sub(p.start.max(gs.start));
            ov * 2 >= p.len().max(gs.len()) && ov > 0
        });
        if let Some((i, _)) = best {
            used[i] = true;
            tp += 1;
        }
    }
    let topic = Counts { tp, fp: pred_topics.len() - tp, fn_: gold.discussed.len() - tp };
    let pred_spans: HashSet<(usize, usize)> =
        pred_topics.iter().map(|s| (s.start, s.end)).collect();
    let gold_spans: HashSet<(usize, usize)> =
        gold.discussed.iter().map(|g| (g.start, g.end)).collect();
    let topic_exact = set_counts(&pred_spans, &gold_spans);
    let mut errors = Vec::new();
    for (what, p, g) in [
        ("met", &pred_pairs, &gold_pairs),
        ("title", &pred_titles, &gold_titles),
        ("agency", &pred_of, &gold_of),
        ("org", &pred_org, &gold_org),
    ] {
        let sep = if what == "met" { " – " } else { " → " };
        let mut lines: Vec<String> = g
            .difference(p)
            .map(|(a, b)| format!("- {what}: {a}{sep}{b}"))
            .chain(p.difference(g).map(|(a, b)| format!("+ {what}: {a}{sep}{b}")))
            .collect();
        lines.sort();
        errors.extend(lines);
    }
    DocScores {
        errors,
        id: gold.id.clone(),
        lang: gold.lang.clone(),
        met_with: set_counts(&pred_pairs, &gold_pairs),
        title: set_counts(&pred_titles, &gold_titles),
        agency: set_counts(&pred_of, &gold_of),
        org: set_counts(&pred_org, &gold_org),
        topic,
        topic_exact,
        gold_has_meeting: !gold.met_with.is_empty(),
        predicted_meetings: pred.meetings.len(),
        entities: None,
    }
}

/// The types scored by [`entity_counts`]: the gold annotation marks MISC only
/// sparsely (and DATE is not a tagger type).
const SCORED_ENTITY_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// Exact-span, exact-type counts of `pred` against the gold entities, on
/// PER, ORG and LOC, and one error line per missed (`-`) or spurious
/// (`+`) entity, in text order.
pub fn entity_counts(gold: &GoldDoc, pred: &[Entity]) -> (Counts, Vec<String>) {
    let scored = |l: &str| SCORED_ENTITY_TYPES.contains(&l);
    // (start, end, type) -> text.
    let g: HashMap<(usize, usize, &str), &str> = gold
        .entities
        .iter()
        .filter(|e| scored(&e.label))
        .map(|e| ((e.start, e.end, e.label.as_str()), e.text.as_str()))
        .collect();
    let p: HashMap<(usize, usize, &str), &str> = pred
        .iter()
        .filter(|e| scored(&e.label))
        .map(|e| ((e.chars.start, e.chars.end, e.label.as_str()), e.text.as_str()))
        .collect();
    let only = |a: &HashMap<(usize, usize, &str), &str>, b: &HashMap<_, _>, sign: char| {
        a.iter()
            .filter(|(k, _)| !b.contains_key(*k))
            .map(|(&(start, _, label), text)| (start, format!("{sign} entity: {label} {text}")))
            .collect::<Vec<_>>()
    };
    let (missed, spurious) = (only(&g, &p, '-'), only(&p, &g, '+'));
    let tp = g.len() - missed.len();
    let counts = Counts { tp, fp: spurious.len(), fn_: missed.len() };
    let mut errors: Vec<(usize, String)> = missed.into_iter().chain(spurious).collect();
    errors.sort();
    (counts, errors.into_iter().map(|(_, e)| e).collect())
}

/// Evaluates `relator` on every `*.json` gold file of `dir`; `entities` gives
/// the entities of each document (e.g. `|doc| doc.entities()` for gold
/// entities, or a closure running the NER model on `doc.text`).
pub fn evaluate_dir<F>(relator: &Relator, dir: &Path, entities: F) -> Result<EvalReport>
where
    F: FnMut(&GoldDoc) -> Result<Vec<Entity>>,
{
    evaluate_dir_where(relator, dir, |_| true, entities)
}

/// [`evaluate_dir`] on the gold files for which `keep` is true (for example
/// `|d| corpus_part(&d.id) == "measure"`).
pub fn evaluate_dir_where<K, F>(
    relator: &Relator,
    dir: &Path,
    keep: K,
    mut entities: F,
) -> Result<EvalReport>
where
    K: Fn(&GoldDoc) -> bool,
    F: FnMut(&GoldDoc) -> Result<Vec<Entity>>,
{
    let paths = super::lang::json_files(dir)?;
    let mut rows = Vec::new();
    for p in &paths {
        let gold = GoldDoc::load(p)?;
        if !keep(&gold) {
            continue;
        }
        let ents = entities(&gold)?;
        let (repaired, pred) = relator.repair_and_relate_in(Some(&gold.lang), &gold.text, &ents);
        let mut row = score_document(&gold, &pred);
        let (counts, errors) = entity_counts(&gold, &repaired);
        row.entities = Some(counts);
        row.errors.extend(errors);
        rows.push(row);
    }
    Ok(aggregate(rows))
}

/// Writes the met-with pair features of every kept gold file of `dir` to
/// `out`, one JSON object per line: document, language, the two people (as
/// predicted and as aligned to the gold), whether the gold has the pair, and
/// the features in the order of [`Relator::pair_feature_names`] (what
/// `tools/relations/train_pairs.py` trains on). Returns the number of rows.
pub fn write_pair_rows<K, F, W>(
    relator: &Relator,
    dir: &Path,
    keep: K,
    entities: F,
    out: &mut W,
) -> Result<usize>
where
    K: Fn(&GoldDoc) -> bool,
    F: FnMut(&GoldDoc) -> Result<Vec<Entity>>,
    W: std::io::Write,
{
    kept_documents(dir, keep, entities, |gold, ents| {
        let mut rows = 0;
        let (rel, feats) = relator.pair_features_in(None, &gold.text, ents);
        let align = align_people(gold, &rel);
        let gold_name = |i: usize| align[i].map(|g| gold.persons[g].name.as_str());
        for (a, b, x) in feats {
            let (ga, gb) = (gold_name(a), gold_name(b));
            let label = match (ga, gb) {
                (Some(x), Some(y)) if x != y => gold.met_with.iter().any(|m| {
                    m.len() == 2 && ((m[0] == x && m[1] == y) || (m[0] == y && m[1] == x))
                }),
                _ => false,
            };
            let row = serde_json::json!({
                "doc": gold.id, "lang": gold.lang, "a": rel.people[a].name, "b": rel.people[b].name,
                "gold_a": ga, "gold_b": gb, "label": label, "x": x,
            });
            writeln!(out, "{row}").map_err(|e| Error::io(dir, e))?;
            rows += 1;
        }
        Ok(rows)
    })
}

/// Runs `f` on every gold file of `dir` that `keep` accepts, with its
/// entities; returns the sum of what `f` returns (rows written).
fn kept_documents<K, F>(
    dir: &Path,
    keep: K,
    mut entities: F,
    mut f: impl FnMut(&GoldDoc, &[Entity]) -> Result<usize>,
) -> Result<usize>
where
    K: Fn(&GoldDoc) -> bool,
    F: FnMut(&GoldDoc) -> Result<Vec<Entity>>,
{
    let mut rows = 0;
    for p in &super::lang::json_files(dir)? {
        let gold = GoldDoc::load(p)?;
        if keep(&gold) {
            let ents = entities(&gold)?;
            rows += f(&gold, &ents)?;
        }
    }
    Ok(rows)
}

/// Writes the candidate countries of every role that names none (JSON
/// lines: document, person, role, country, `x` the features of
/// [`Relator::country_feature_names`], `label`: the person's gold roles have
/// an agency of that country) for the documents of `dir` that `keep`
/// accepts: what `tools/relations/train_countries.py` learns from. Returns
/// the number of rows.
pub fn write_country_rows<K, F, W>(
    relator: &Relator,
    dir: &Path,
    keep: K,
    entities: F,
    out: &mut W,
) -> Result<usize>
where
    K: Fn(&GoldDoc) -> bool,
    F: FnMut(&GoldDoc) -> Result<Vec<Entity>>,
    W: std::io::Write,
{
    kept_documents(dir, keep, entities, |gold, ents| {
        let mut rows = 0;
        let (rel, feats) = relator.country_features_in(None, &gold.text, ents);
        let align = align_people(gold, &rel);
        for super::CountryCandidate { person, role, country, features: x } in feats {
            let gold_person = align.get(person).copied().flatten().map(|g| &gold.persons[g]);
            let gold_countries: Vec<&str> = gold_person
                .into_iter()
                .flat_map(|g| &g.roles)
                .filter_map(|r| r.org_entity.as_deref().and_then(super::agency::country_of_agency))
                .collect();
            let row = serde_json::json!({
                "doc": gold.id, "lang": gold.lang, "person": rel.people[person].name,
                "gold_person": gold_person.map(|g| g.name.as_str()), "role": role,
                "country": country, "gold_countries": gold_countries,
                "label": gold_countries.contains(&country), "x": x,
            });
            writeln!(out, "{row}").map_err(|e| Error::io(dir, e))?;
            rows += 1;
        }
        Ok(rows)
    })
}

/// Aggregates the scores of already-predicted documents.
pub fn evaluate<'a, I>(docs: I) -> EvalReport
where
    I: IntoIterator<Item = (&'a GoldDoc, &'a Relations)>,
{
    aggregate(docs.into_iter().map(|(g, p)| score_document(g, p)).collect())
}

fn aggregate(mut rows: Vec<DocScores>) -> EvalReport {
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    let entities = rows
        .iter()
        .try_fold(Counts::default(), |mut acc, r| {
            acc.add(&r.entities?);
            Some(acc)
        })
        .filter(|_| !rows.is_empty());
    let sum = |f: fn(&DocScores) -> &Counts| {
        rows.iter().fold(Counts::default(), |mut acc, r| {
            acc.add(f(r));
            acc
        })
    };
    let (m, t, a, o, tp, te) = (
        sum(|r| &r.met_with),
        sum(|r| &r.title),
        sum(|r| &r.agency),
        sum(|r| &r.org),
        sum(|r| &r.topic),
        sum(|r| &r.topic_exact),
    );
    EvalReport {
        false_meeting_docs: rows
            .iter()
            .filter(|r| !r.gold_has_meeting && r.predicted_meetings > 0)
            .map(|r| r.id.clone())
            .collect(),
        no_meeting_docs: rows.iter().filter(|r| !r.gold_has_meeting).count(),
        documents: rows,
        met_with: m.into(),
        title: t.into(),
        agency: a.into(),
        org: o.into(),
        topic: tp.into(),
        topic_exact: te.into(),
        entities: entities.map(Prf::from),
    }
}

impl EvalReport {
    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises")
    }
}

/// The per-document table and the micro-averaged scores; the alternate form
/// (`{:#}`) also lists each document's errors under its row.
impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |c: &Counts| format!("{}/{}/{}", c.tp, c.fp, c.fn_);
        writeln!(
            f,
            "{:<10} {:<4} {:>10} {:>10} {:>10} {:>10} {:>9} {:>10}",
            "document", "lang", "met_with", "title", "agency", "topic", "meetings", "entities"
        )?;
        writeln!(
            f,
            "{:<10} {:<4} {:>10} {:>10} {:>10} {:>10} {:>9} {:>10}",
            "", "", "tp/fp/fn", "tp/fp/fn", "tp/fp/fn", "tp/fp/fn", "pred", "tp/fp/fn"
        )?;
        for r in &self.documents {
            let mark = if !r.gold_has_meeting && r.predicted_meetings > 0 { " !" } else { "" };
            writeln!(
                f,
                "{:<10} {:<4} {:>10} {:>10} {:>10} {:>10} {:>9} {:>10}{}",
                r.id,
                r.lang,
                c(&r.met_with),
                c(&r.title),
                c(&r.agency),
                c(&r.topic),
                r.predicted_meetings,
                r.entities.as_ref().map_or_else(|| "-".to_string(), c),
                mark
            )?;
            if f.alternate() {
                for e in &r.errors {
                    writeln!(f, "    {e}")?;
                }
            }
        }
        writeln!(f)?;
        writeln!(f, "{:<10} {:>9} {:>9} {:>9}", "measure", "precision", "recall", "f1")?;
        for (name, p) in [
            ("met_with", &self.met_with),
            ("title", &self.title),
            ("agency", &self.agency),
            ("org", &self.org),
            ("topic", &self.topic),
            ("topic_exact", &self.topic_exact),
        ] {
            writeln!(f, "{:<11} {:>9.3} {:>9.3} {:>9.3}", name, p.precision, p.recall, p.f1)?;
        }
        if let Some(p) = &self.entities {
            writeln!(
                f,
                "{:<10} {:>9.3} {:>9.3} {:>9.3}   (PER/ORG/LOC, exact spans, after repair)",
                "entities", p.precision, p.recall, p.f1
            )?;
        }
        write!(
            f,
            "no-meeting documents with a predicted meeting: {}/{}{}",
            self.false_meeting_docs.len(),
            self.no_meeting_docs,
            if self.false_meeting_docs.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.false_meeting_docs.join(", "))
            }
        )
    }
}
