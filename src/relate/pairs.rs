//! Met-with pairs from a learned classifier (internal).
//!
//! The rules of `extract` propose meetings from predicates and clause
//! structure; they were written on a handful of documents and miss most of
//! what a press release says across sentences (a host and the delegation
//! named in the next sentence, officials "also present", a welcome between
//! two couples). This module scores **every pair of people** of a document
//! with gradient-boosted trees trained on the tuning part of the written
//! corpus (`tools/relations/train_pairs.py`), over features that the rules
//! and the language data give: what the rules said of the pair, where both
//! are named relative to meeting, call, planned, presence and contact cues,
//! how far apart, in which order, how many people the document names. A pair
//! is a meeting when its probability reaches the model's threshold (chosen
//! on the tuning part).
//!
//! The model file is `data/models/met_with.json` (embedded): the feature
//! names in order, the trees, the bias and the threshold.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::InteractionKind;

/// The feature names, in the order of [`PairFeatures::values`]; the model
/// file must list the same.
pub(crate) const FEATURES: &[&str] = &[
    "rule_meeting",
    "rule_call",
    "rule_planned",
    "a_meeting_participant",
    "b_meeting_participant",
    "a_contact_participant",
    "b_contact_participant",
    "same_sentence",
    "same_sentence_meeting_cue",
    "same_sentence_call_cue",
    "same_sentence_planned_cue",
    "same_sentence_presence_cue",
    "same_sentence_separate_cue",
    "sentence_distance",
    "a_in_meeting_sentence",
    "b_in_meeting_sentence",
    "a_in_presence_sentence",
    "b_in_presence_sentence",
    "a_in_contact_block",
    "b_in_contact_block",
    "a_in_call_sentence",
    "b_in_call_sentence",
    "a_in_planned_sentence",
    "b_in_planned_sentence",
    "conjoined",
    "one_before_one_after_trigger",
    "doc_meeting_cues",
    "doc_call_cues",
    "doc_planned_cues",
    "doc_separate_cues",
    "doc_presence_cues",
    "people",
    "a_rank",
    "b_rank",
    "a_mentions",
    "b_mentions",
    "a_first_position",
    "b_first_position",
    "a_has_role",
    "b_has_role",
    "a_multiword",
    "b_multiword",
    "same_meeting_sentences",
    "same_country_context",
    "different_country_context",
    "doc_clean_meeting_sentences",
    "headline_call",
    "headline_planned",
    "a_before_trigger",
    "b_after_trigger",
    "lang_fr",
    "lang_en",
    "lang_de",
    "lang_es",
    "lang_it",
    "lang_pt",
];

/// The features of one pair of people (`a` is the one named first).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PairFeatures {
    pub a: usize,
    pub b: usize,
    pub values: Vec<f32>,
}

/// Per-sentence cue flags of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct SentenceCues {
    pub meeting: Vec<bool>,
    /// Token positions of meeting predicates, per sentence.
    pub meeting_at: Vec<Vec<usize>>,
    pub call: Vec<bool>,
    pub planned: Vec<bool>,
    pub presence: Vec<bool>,
    pub separate: Vec<bool>,
    /// Sentences from the first contact cue of the last third of the document on.
    pub contact: Vec<bool>,
}

/// What the rules found for the people of one document.
pub(crate) struct PairInput<'a> {
    pub language: &'a str,
    pub n_people: usize,
    /// Per mention: token range, sentence and person.
    pub mentions: Vec<(usize, usize, usize, usize)>,
    pub sentences: usize,
    pub cues: SentenceCues,
    /// Rule interactions: kind and pairs.
    pub interactions: Vec<(InteractionKind, Vec<[usize; 2]>, Vec<usize>)>,
    /// People with at least one role.
    pub has_role: Vec<bool>,
    /// People named somewhere with two words or more.
    pub multiword: Vec<bool>,
    /// Pairs whose mentions are joined by a conjunction or a comma only.
    pub conjoined: HashSet<[usize; 2]>,
    /// Per person: short keys of the places and nationality words written
    /// next to their mentions (`fran` for `France` and `français`): who is on
    /// which side of a meeting.
    pub country_keys: &'a [Vec<String>],
}

/// `f[s]`, false past its end.
fn at(f: &[bool], s: usize) -> bool {
    f.get(s).copied().unwrap_or(false)
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// People further apart than this many sentences are not scored as a pair
/// (0.7% of the met-with pairs of the tuning part are): it keeps the number
/// of pairs linear in the length of a document.
pub(crate) const MAX_SENTENCE_GAP: usize = 7;

/// Nor are people with more than this many mentions (of anyone) between
/// their closest mentions: the farthest met-with pair of the written corpus
/// and the dev documents has 6. It keeps a document that names thousands of
/// people in one sentence linear in its mentions.
pub(crate) const MAX_MENTION_GAP: usize = 24;

/// The features of every pair of people of the document named within
/// [`MAX_SENTENCE_GAP`] sentences and [`MAX_MENTION_GAP`] mentions of each
/// other, `a` named first, given to `emit` one pair at a time.
pub(crate) fn pair_features(inp: &PairInput, emit: &mut dyn FnMut(PairFeatures)) {
    let n = inp.n_people;
    // Per person: sentences (sorted, distinct), mentions, first mention.
    let mut sents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut own: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n];
    let mut first: Vec<usize> = vec![usize::MAX; n];
    for (k, &(s, e, si, p)) in inp.mentions.iter().enumerate() {
        if p >= n {
            continue;
        }
        if sents[p].last() != Some(&si) {
            sents[p].push(si);
        }
        own[p].push((s, e, si));
        if first[p] == usize::MAX {
            first[p] = k;
        }
    }
    for v in &mut sents {
        v.sort_unstable();
        v.dedup();
    }
    // Rank of each person by first mention.
    let mut order: Vec<usize> = (0..n).filter(|&p| first[p] != usize::MAX).collect();
    order.sort_by_key(|&p| first[p]);
    let mut rank = vec![usize::MAX; n];
    for (r, &p) in order.iter().enumerate() {
        rank[p] = r;
    }
    let c = &inp.cues;
    let any = |p: usize, f: &[bool]| sents[p].iter().any(|&s| at(f, s));
    let count_of = |f: &[bool]| f.iter().filter(|&&x| x).count() as f32;
    let mut in_meeting = vec![false; n];
    let mut in_contact = vec![false; n];
    let mut rule_pairs: HashMap<[usize; 2], [bool; 3]> = HashMap::new();
    for (k, pairs, parts) in &inp.interactions {
        let slot = match k {
            InteractionKind::Meeting => 0,
            InteractionKind::Call => 1,
            InteractionKind::Planned => 2,
        };
        for &p in parts.iter().filter(|&&p| p < n) {
            if slot == 0 {
                in_meeting[p] = true;
            } else {
                in_contact[p] = true;
            }
        }
        for pr in pairs {
            rule_pairs.entry([pr[0].min(pr[1]), pr[0].max(pr[1])]).or_default()[slot] = true;
        }
    }
    // Named before / after a meeting predicate of their sentence.
    let side = |p: usize, before: bool| {
        own[p].iter().any(|&(s, e, si)| {
            c.meeting_at
                .get(si)
                .is_some_and(|ts| ts.iter().any(|&t| if before { e <= t } else { s > t }))
        })
    };
    let before: Vec<bool> = (0..n).map(|p| side(p, true)).collect();
    let after: Vec<bool> = (0..n).map(|p| side(p, false)).collect();
    let n_sent = inp.sentences.max(1) as f32;
    let lang = inp.language;
    let clean_meeting = (0..c.meeting.len())
        .filter(|&s| at(&c.meeting, s) && !at(&c.call, s) && !at(&c.planned, s))
        .count()
        .min(10) as f32;
    let headline = |f: &[bool]| flag(f.iter().take(2).any(|&x| x));
    // Document-level values, the same for every pair.
    let doc_cues =
        [&c.meeting, &c.call, &c.planned, &c.separate, &c.presence].map(|f| count_of(f).min(10.0));
    let (headline_call, headline_planned) = (headline(&c.call), headline(&c.planned));
    let no_keys: Vec<String> = Vec::new();
    // Mentions in text order (sentence, person), and each person's places in it.
    let mut in_text: Vec<(usize, usize, usize)> =
        inp.mentions.iter().filter(|m| m.3 < n).map(|&(s, _, si, p)| (s, si, p)).collect();
    in_text.sort_unstable();
    let mut places: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, &(_, _, p)) in in_text.iter().enumerate() {
        places[p].push(k);
    }
    let mut partners: Vec<usize> = Vec::new();
    for &a in &order {
        partners.clear();
        for &k in &places[a] {
            let si = in_text[k].1;
            let near = &in_text[k.saturating_sub(MAX_MENTION_GAP + 1)
                ..(k + MAX_MENTION_GAP + 2).min(in_text.len())];
            partners.extend(
                near.iter()
                    .filter(|&&(_, sj, b)| sj.abs_diff(si) <= MAX_SENTENCE_GAP && rank[b] > rank[a])
                    .map(|&(_, _, b)| b),
            );
        }
        partners.sort_unstable_by_key(|&b| rank[b]);
        partners.dedup();
        for &b in &partners {
            let common: Vec<usize> =
                sents[a].iter().copied().filter(|s| sents[b].binary_search(s).is_ok()).collect();
            let co = |f: &[bool]| common.iter().any(|&s| at(f, s));
            let dist = sents[a]
                .iter()
                .map(|&x| {
                    let i = sents[b].partition_point(|&y| y < x);
                    let up = sents[b].get(i).map_or(usize::MAX, |&y| y - x);
                    let down = i.checked_sub(1).map_or(usize::MAX, |j| x - sents[b][j]);
                    up.min(down)
                })
                .min()
                .unwrap_or(99)
                .min(10);
            // One named before and one after a meeting predicate of a common sentence.
            let around = common.iter().any(|&s| {
                c.meeting_at.get(s).is_some_and(|ts| {
                    ts.iter().any(|&t| {
                        let at_s = |p: usize| own[p].iter().filter(move |m| m.2 == s);
                        let (ab, aa) = (at_s(a).any(|m| m.1 <= t), at_s(a).any(|m| m.0 > t));
                        let (bb, ba) = (at_s(b).any(|m| m.1 <= t), at_s(b).any(|m| m.0 > t));
                        (ab && ba) || (bb && aa)
                    })
                })
            });
            let same_meeting_sents =
                common.iter().filter(|&&s| at(&c.meeting, s)).count().min(5) as f32;
            let key = [a.min(b), a.max(b)];
            let ka = inp.country_keys.get(a).unwrap_or(&no_keys);
            let kb = inp.country_keys.get(b).unwrap_or(&no_keys);
            let same_country = ka.iter().any(|k| kb.contains(k));
            let rule = rule_pairs.get(&key).copied().unwrap_or_default();
            let values = vec![
                flag(rule[0]),
                flag(rule[1]),
                flag(rule[2]),
                flag(in_meeting[a]),
                flag(in_meeting[b]),
                flag(in_contact[a]),
                flag(in_contact[b]),
                flag(!common.is_empty()),
                flag(co(&c.meeting)),
                flag(co(&c.call)),
                flag(co(&c.planned)),
                flag(co(&c.presence)),
                flag(co(&c.separate)),
                dist as f32,
                flag(any(a, &c.meeting)),
                flag(any(b, &c.meeting)),
                flag(any(a, &c.presence)),
                flag(any(b, &c.presence)),
                flag(sents[a].iter().all(|&s| at(&c.contact, s))),
                flag(sents[b].iter().all(|&s| at(&c.contact, s))),
                flag(any(a, &c.call)),
                flag(any(b, &c.call)),
                flag(any(a, &c.planned)),
                flag(any(b, &c.planned)),
                flag(inp.conjoined.contains(&key)),
                flag(around),
                doc_cues[0],
                doc_cues[1],
                doc_cues[2],
                doc_cues[3],
                doc_cues[4],
                (order.len() as f32).min(20.0),
                (rank[a] as f32).min(10.0),
                (rank[b] as f32).min(10.0),
                (own[a].len() as f32).min(6.0),
                (own[b].len() as f32).min(6.0),
                sents[a].iter().min().copied().unwrap_or(0) as f32 / n_sent,
                sents[b].iter().min().copied().unwrap_or(0) as f32 / n_sent,
                flag(inp.has_role.get(a).copied().unwrap_or(false)),
                flag(inp.has_role.get(b).copied().unwrap_or(false)),
                flag(inp.multiword.get(a).copied().unwrap_or(false)),
                flag(inp.multiword.get(b).copied().unwrap_or(false)),
                same_meeting_sents,
                flag(same_country),
                flag(!ka.is_empty() && !kb.is_empty() && !same_country),
                clean_meeting,
                headline_call,
                headline_planned,
                flag(before[a]),
                flag(after[b]),
                flag(lang == "fr"),
                flag(lang == "en"),
                flag(lang == "de"),
                flag(lang == "es"),
                flag(lang == "it"),
                flag(lang == "pt"),
            ];
            debug_assert_eq!(values.len(), FEATURES.len());
            emit(PairFeatures { a, b, values });
        }
    }
}

/// One node of a regression tree: a split (`feature`, `threshold`, children)
/// or a leaf (`feature` < 0, `value`).
#[derive(Clone, Debug, Deserialize)]
struct Node {
    feature: i32,
    #[serde(default)]
    threshold: f32,
    #[serde(default)]
    left: u32,
    #[serde(default)]
    right: u32,
    #[serde(default)]
    value: f32,
}

/// Gradient-boosted trees over [`FEATURES`]: `p = sigmoid(bias + Σ leaf)`.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct PairModel {
    features: Vec<String>,
    bias: f32,
    /// A pair is a meeting from this probability on.
    pub threshold: f32,
    /// A document has no meeting unless its best pair reaches this.
    #[serde(default)]
    pub document_gate: f32,
    trees: Vec<Vec<Node>>,
}

impl PairModel {
    pub(crate) fn parse(json: &str) -> Result<PairModel, String> {
        PairModel::parse_with(json, FEATURES)
    }

    /// A model over the features `names` (the same trees score other
    /// candidates: the role countries of [`country`](super::country)).
    pub(crate) fn parse_with(json: &str, names: &[&str]) -> Result<PairModel, String> {
        let m: PairModel = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if m.features != names {
            return Err(format!(
                "the model's features differ from this build's ({} vs {})",
                m.features.len(),
                names.len()
            ));
        }
        for t in &m.trees {
            for nd in t {
                let bad = nd.feature >= names.len() as i32
                    || (nd.feature >= 0
                        && (nd.left as usize >= t.len() || nd.right as usize >= t.len()));
                if bad {
                    return Err("a tree node points outside its tree".into());
                }
            }
        }
        Ok(m)
    }

    /// The embedded model (`data/models/met_with.json`).
    pub fn embedded() -> &'static PairModel {
        static M: OnceLock<PairModel> = OnceLock::new();
        M.get_or_init(|| {
            PairModel::parse(include_str!("../../data/models/met_with.json"))
                .expect("embedded met-with model is valid")
        })
    }

    /// The probability that a pair met.
    pub fn probability(&self, x: &[f32]) -> f32 {
        let mut z = self.bias;
        for t in &self.trees {
            let mut i = 0usize;
            // Trees are acyclic by construction (children follow parents);
            // the step bound keeps a malformed file from looping.
            for _ in 0..t.len() {
                let nd = &t[i];
                if nd.feature < 0 {
                    z += nd.value;
                    break;
                }
                let v = x.get(nd.feature as usize).copied().unwrap_or(0.0);
                i = if v <= nd.threshold { nd.left } else { nd.right } as usize;
            }
        }
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads_and_scores() {
        let m = PairModel::embedded();
        let zero = vec![0.0; FEATURES.len()];
        let p = m.probability(&zero);
        assert!((0.0..=1.0).contains(&p));
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
    }

    #[test]
    fn model_with_other_features_is_refused() {
        let json = r#"{"features":["x"],"bias":0,"threshold":0.5,"trees":[]}"#;
        assert!(PairModel::parse(json).is_err());
    }

    #[test]
    fn tree_walk_follows_thresholds() {
        let feats: Vec<String> = FEATURES.iter().map(|s| s.to_string()).collect();
        let json = serde_json::json!({
            "features": feats, "bias": 0.0, "threshold": 0.5,
            "trees": [[
                {"feature": 0, "threshold": 0.5, "left": 1, "right": 2},
                {"feature": -1, "value": -2.0},
                {"feature": -1, "value": 2.0}
            ]]
        });
        let m = PairModel::parse(&json.to_string()).unwrap();
        let mut x = vec![0.0; FEATURES.len()];
        assert!(m.probability(&x) < 0.2);
        x[0] = 1.0;
        assert!(m.probability(&x) > 0.8);
    }

    #[test]
    fn every_pair_once_in_first_mention_order() {
        let inp = PairInput {
            language: "en",
            n_people: 3,
            mentions: vec![(0, 1, 0, 2), (3, 4, 0, 0), (6, 7, 1, 1)],
            sentences: 2,
            cues: SentenceCues {
                meeting: vec![true, false],
                meeting_at: vec![vec![2], vec![]],
                ..Default::default()
            },
            interactions: vec![(InteractionKind::Meeting, vec![[0, 2]], vec![0, 2])],
            has_role: vec![true, false, false],
            multiword: vec![true, true, false],
            conjoined: HashSet::new(),
            country_keys: &[vec![], vec![], vec![]],
        };
        let mut f = Vec::new();
        pair_features(&inp, &mut |x| f.push(x));
        let pairs: Vec<(usize, usize)> = f.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, vec![(2, 0), (2, 1), (0, 1)]);
        let get = |p: &PairFeatures, name: &str| {
            p.values[FEATURES.iter().position(|f| *f == name).unwrap()]
        };
        assert_eq!(get(&f[0], "rule_meeting"), 1.0);
        assert_eq!(get(&f[0], "one_before_one_after_trigger"), 1.0);
        assert_eq!(get(&f[1], "same_sentence"), 0.0);
        assert_eq!(get(&f[1], "sentence_distance"), 1.0);
    }

    #[test]
    fn people_far_apart_in_mentions_are_not_paired() {
        // One sentence naming 60 people in turn: each is paired with the
        // people at most MAX_MENTION_GAP mentions away, not with all 59.
        let n = 60;
        let keys = vec![Vec::new(); n];
        let inp = PairInput {
            language: "fr",
            n_people: n,
            mentions: (0..n).map(|p| (2 * p, 2 * p + 1, 0, p)).collect(),
            sentences: 1,
            cues: SentenceCues {
                meeting: vec![false],
                meeting_at: vec![vec![]],
                ..Default::default()
            },
            interactions: vec![],
            has_role: vec![false; n],
            multiword: vec![true; n],
            conjoined: HashSet::new(),
            country_keys: &keys,
        };
        let mut pairs = Vec::new();
        pair_features(&inp, &mut |x| pairs.push((x.a, x.b)));
        assert!(pairs.contains(&(0, MAX_MENTION_GAP + 1)));
        assert!(!pairs.contains(&(0, MAX_MENTION_GAP + 2)));
        assert!(pairs.iter().all(|&(a, b)| b > a && b - a <= MAX_MENTION_GAP + 1));
        let expected: usize = (0..n).map(|a| (n - 1 - a).min(MAX_MENTION_GAP + 1)).sum();
        assert_eq!(pairs.len(), expected);
    }
}
