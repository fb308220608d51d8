//! The country a role serves when its title and complement name none
//! (internal): `le ministre des Affaires étrangères, X` in a document that
//! names three countries.
//!
//! Every country the document names is a candidate; gradient-boosted trees
//! (`data/models/country.json`, trained by `tools/relations/train_countries.py`
//! on the corpus's tuning part) score each one from where it is written
//! relative to the role and the person ([`FEATURES`]): in the person's part
//! of the sentence, near the person's other mentions or another person's, in
//! another of the person's roles, in the dateline, how often. The best
//! candidate is the role's country when it scores at least the model's
//! threshold; otherwise [`agency`](super::agency) keeps its own order
//! (nearest in the person's part of the sentence, the dateline's, the one
//! named most), which is also one of the features (`rule`).

use std::sync::OnceLock;

use super::agency;
use super::doc::Doc;
use super::mentions::Mention;
use super::pairs::PairModel;
use super::roles::RoleB;

/// The candidate features, in the order of the model file.
pub(crate) const FEATURES: &[&str] = &[
    "rule",
    "own_part",
    "own_nearest",
    "own_before_title",
    "sentence",
    "title_distance",
    "home",
    "doc_most",
    "share",
    "first_rank",
    "near_own_mentions",
    "near_other_people",
    "person_explicit",
    "other_explicit",
    "written_portfolio",
    "candidates",
    "sentence_share",
    "listed",
    "first_mention_sentence",
    "person_sentences",
    "language_country",
    "after_visit",
    "after_place_preposition",
    "after_of_preposition",
    "best_near_own",
    "best_person_sentences",
    "nearest_in_sentence",
    "most_named",
    "near_own_gap",
    "person_sentences_gap",
];

/// A country named at a byte position.
pub(crate) type Named = (usize, &'static str);

/// Bytes either side of a mention within which a country is "near" it.
const NEAR: usize = 80;

/// Bytes either side of a title within which its sentence is read (the
/// title distance feature stops at 1,000 bytes).
const WINDOW: usize = 1_000;

/// The embedded model (`data/models/country.json`).
pub(crate) fn model() -> &'static PairModel {
    static M: OnceLock<PairModel> = OnceLock::new();
    M.get_or_init(|| {
        PairModel::parse_with(include_str!("../../data/models/country.json"), FEATURES)
            .expect("embedded country model is valid")
    })
}

/// The countries of a document, read once: per sentence (byte positions
/// from the sentence start, in its lower-cased text), the candidates in
/// order of first mention with their counts, and what each person's
/// mentions and roles have of each candidate.
pub(crate) struct DocCountries {
    /// Per sentence: the lower-cased text and the countries named in it, in
    /// text order.
    lowered: Vec<String>,
    by_sent: Vec<Vec<(usize, &'static str)>>,
    /// Per sentence: the candidates it names (indices, sorted).
    sent_cands: Vec<Vec<usize>>,
    /// Per candidate (same order as `candidates`): the shares of its
    /// mentions written after a travel word, a place preposition and an
    /// `of` preposition.
    cues: Vec<[f32; 3]>,
    /// `(country, times named, sentences naming it)`, first named first.
    candidates: Vec<(&'static str, usize, usize)>,
    named: usize,
    people: Vec<PersonCountries>,
    /// Per candidate: how many people have it near a mention, and in a role.
    people_near: Vec<usize>,
    people_explicit: Vec<usize>,
}

/// One person's evidence, per candidate index.
#[derive(Default, Clone)]
struct PersonCountries {
    /// Mentions with the candidate named within [`NEAR`] bytes.
    near: Vec<(usize, usize)>,
    /// Distinct sentences of the person's mentions that name it.
    sentences: Vec<(usize, usize)>,
    n_sentences: usize,
    /// The sentence of the first mention.
    first_sentence: Option<usize>,
    /// Named in a title or complement of the person's roles.
    explicit: Vec<usize>,
}

fn count_of(v: &[(usize, usize)], k: usize) -> usize {
    v.iter().find(|x| x.0 == k).map_or(0, |x| x.1)
}

fn bump(v: &mut Vec<(usize, usize)>, k: usize) {
    match v.iter_mut().find(|x| x.0 == k) {
        Some(x) => x.1 += 1,
        None => v.push((k, 1)),
    }
}

/// The hits of `found` (sorted by position) from byte `lo` to `hi`.
fn between<'f>(
    found: &'f [(usize, &'static str)],
    lo: usize,
    hi: usize,
) -> &'f [(usize, &'static str)] {
    let a = found.partition_point(|x| x.0 < lo);
    let b = found.partition_point(|x| x.0 < hi).max(a);
    &found[a..b]
}

impl DocCountries {
    pub(crate) fn new(
        doc: &Doc,
        mentions: &[Mention],
        roles: &[RoleB],
        n_people: usize,
    ) -> DocCountries {
        let data = &doc.lang.data;
        let lowered: Vec<String> = (0..doc.sents.len())
            .map(|si| doc.sent_span(si).text.to_lowercase().replace('’', "'"))
            .collect();
        let by_sent: Vec<Vec<(usize, &'static str)>> =
            lowered.iter().map(|t| agency::countries_in_text(t)).collect();
        let mut candidates: Vec<(&'static str, usize, usize)> = Vec::new();
        let mut cues: Vec<[f32; 3]> = Vec::new();
        let mut sent_cands: Vec<Vec<usize>> = Vec::with_capacity(by_sent.len());
        for (found, sentence) in by_sent.iter().zip(&lowered) {
            let mut seen: Vec<usize> = Vec::new();
            for &(at, c) in found {
                let k = match candidates.iter().position(|x| x.0 == c) {
                    Some(k) => k,
                    None => {
                        candidates.push((c, 0, 0));
                        cues.push([0.0; 3]);
                        candidates.len() - 1
                    }
                };
                let before = words_before(sentence, at, &data.determiners);
                // A country's stem may start inside its name (`emirates` in
                // `the united arab emirates`): the cue words are looked for a
                // few words back.
                let is_in = |list: &[String]| before.iter().take(3).any(|w| list.contains(w));
                let visit = before.iter().any(|w| data.visit_words.contains(w));
                for (cue, on) in cues[k].iter_mut().zip([
                    visit,
                    is_in(&data.place_prepositions),
                    is_in(&data.of_prepositions),
                ]) {
                    *cue += if on { 1.0 } else { 0.0 };
                }
                candidates[k].1 += 1;
                if !seen.contains(&k) {
                    seen.push(k);
                    candidates[k].2 += 1;
                }
            }
            seen.sort_unstable();
            sent_cands.push(seen);
        }
        for (cue, c) in cues.iter_mut().zip(&candidates) {
            cue.iter_mut().for_each(|v| *v /= c.1.max(1) as f32);
        }
        let named = candidates.iter().map(|c| c.1).sum();
        let index = |c: &str| candidates.iter().position(|x| x.0 == c);
        let mut people = vec![PersonCountries::default(); n_people];
        let mut person_sents: Vec<Vec<usize>> = vec![Vec::new(); n_people];
        for m in mentions.iter().filter(|m| m.person < n_people) {
            let si = doc.sent_of[m.s];
            let ss = doc.toks[doc.sents[si].0].start;
            let (s, e) =
                (doc.toks[m.s].start.saturating_sub(ss), doc.toks[m.e - 1].end.saturating_sub(ss));
            let p = &mut people[m.person];
            p.first_sentence = Some(p.first_sentence.map_or(si, |f| f.min(si)));
            person_sents[m.person].push(si);
            let mut near: Vec<usize> = between(&by_sent[si], s.saturating_sub(NEAR), e + NEAR + 1)
                .iter()
                .filter(|&&(q, _)| !(q >= s && q < e))
                .filter_map(|&(_, c)| index(c))
                .collect();
            near.sort_unstable();
            near.dedup();
            for k in near {
                bump(&mut p.near, k);
            }
        }
        for (p, mut sents) in people.iter_mut().zip(person_sents) {
            sents.sort_unstable();
            sents.dedup();
            p.n_sentences = sents.len();
            for si in sents {
                for &k in &sent_cands[si] {
                    bump(&mut p.sentences, k);
                }
            }
        }
        for r in roles.iter().filter(|r| r.person < n_people) {
            for (s, e) in r.title.into_iter().chain(r.of) {
                for (_, c) in agency::countries_in_text(doc.tok_text(s, e)) {
                    let Some(k) = index(c) else { continue };
                    if !people[r.person].explicit.contains(&k) {
                        people[r.person].explicit.push(k);
                    }
                }
            }
        }
        let mut people_near = vec![0; candidates.len()];
        let mut people_explicit = vec![0; candidates.len()];
        for p in &people {
            p.near.iter().for_each(|&(k, _)| people_near[k] += 1);
            p.explicit.iter().for_each(|&k| people_explicit[k] += 1);
        }
        DocCountries {
            lowered,
            by_sent,
            sent_cands,
            cues,
            candidates,
            named,
            people,
            people_near,
            people_explicit,
        }
    }
}

impl DocCountries {
    /// Sentence `si` lower-cased, and the countries named in it (byte
    /// positions in that text).
    pub(crate) fn sentence(&self, si: usize) -> (Option<&str>, Option<&[Named]>) {
        (self.lowered.get(si).map(String::as_str), self.by_sent.get(si).map(Vec::as_slice))
    }
}

/// Where a role is: the person, the sentence, the title's byte offset in it
/// and the person's part of it (bytes from the sentence start), what the
/// rules would choose, and the document's home and most-named countries.
pub(crate) struct Site<'a> {
    pub person: usize,
    pub sent: usize,
    pub at: usize,
    pub own: (usize, usize),
    pub rule: Option<&'a str>,
    pub home: Option<&'a str>,
    pub doc_country: Option<&'a str>,
    /// The country a portfolio of this role is written with elsewhere in
    /// the document (`Sécurité publique Canada`).
    pub written: Option<&'a str>,
    /// The countries with a listed agency name for the role's portfolio.
    pub listed: &'a [&'static str],
    /// The countries where the document's language is official (English
    /// names, `official_in` of the language file).
    pub official: &'a [String],
}

/// Every candidate country of a role with its [`FEATURES`]. What the
/// sentence says is read within [`WINDOW`] bytes of the title, so that a
/// role costs the same in a sentence of any length.
pub(crate) fn candidates(dc: &DocCountries, site: &Site) -> Vec<(&'static str, Vec<f32>)> {
    let found = dc.by_sent.get(site.sent).map_or(&[][..], Vec::as_slice);
    let window = between(found, site.at.saturating_sub(WINDOW), site.at + WINDOW + 1);
    let (lo, hi) = site.own;
    let own: Vec<(usize, &str)> =
        window.iter().copied().filter(|&(p, _)| p >= lo && p < hi).collect();
    let nearest = own.iter().min_by_key(|&&(p, _)| p.abs_diff(site.at)).map(|x| x.1);
    let in_sentence = dc.sent_cands.get(site.sent).map_or(&[][..], Vec::as_slice);
    let empty = PersonCountries::default();
    let me = dc.people.get(site.person).unwrap_or(&empty);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let n = dc.candidates.len();
    let sentences = dc.by_sent.len().max(1) as f32;
    let mut out: Vec<(&'static str, Vec<f32>)> = dc
        .candidates
        .iter()
        .enumerate()
        .map(|(k, &(c, count, sents))| {
            let distance = window
                .iter()
                .filter(|x| x.1 == c)
                .map(|x| x.0.abs_diff(site.at))
                .min()
                .map_or(10.0, |d| (d as f32 / 100.0).min(10.0));
            let own_mentions = count_of(&me.near, k);
            let others = dc.people_near[k] - usize::from(own_mentions > 0);
            let person_explicit = me.explicit.contains(&k);
            let other_explicit = dc.people_explicit[k] - usize::from(person_explicit);
            let first_sentence = me
                .first_sentence
                .and_then(|si| dc.sent_cands.get(si))
                .is_some_and(|v| v.binary_search(&k).is_ok());
            let person_share = count_of(&me.sentences, k) as f32 / me.n_sentences.max(1) as f32;
            let mut values = vec![
                flag(site.rule == Some(c)),
                flag(own.iter().any(|x| x.1 == c)),
                flag(nearest == Some(c)),
                flag(own.iter().any(|&(p, x)| x == c && p < site.at)),
                flag(in_sentence.binary_search(&k).is_ok()),
                distance,
                flag(site.home == Some(c)),
                flag(site.doc_country == Some(c)),
                count as f32 / dc.named.max(1) as f32,
                k.min(5) as f32,
                own_mentions.min(5) as f32,
                others.min(5) as f32,
                flag(person_explicit),
                other_explicit.min(5) as f32,
                flag(site.written == Some(c)),
                n.min(10) as f32,
                sents as f32 / sentences,
                flag(site.listed.contains(&c)),
                flag(first_sentence),
                person_share,
                flag(site.official.iter().any(|o| o == c)),
            ];
            values.extend_from_slice(&dc.cues[k]);
            (c, values)
        })
        .collect();
    with_group_features(&mut out);
    out
}

/// Appends the features that compare a candidate with the role's other
/// candidates: whether it is the best on the person's own evidence (near
/// their mentions, in their sentences, nearest the title) and on the
/// document's (named most), and its gap to the best.
fn with_group_features(cands: &mut [(&'static str, Vec<f32>)]) {
    let col = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap_or(0);
    let (near, sents, dist, share) =
        (col("near_own_mentions"), col("person_sentences"), col("title_distance"), col("share"));
    let max = |k: usize| cands.iter().map(|c| c.1[k]).fold(f32::MIN, f32::max);
    let (max_near, max_sents, max_share) = (max(near), max(sents), max(share));
    let min_dist = cands.iter().map(|c| c.1[dist]).fold(f32::MAX, f32::min);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    for (_, x) in cands.iter_mut() {
        let extra = [
            flag(x[near] > 0.0 && x[near] == max_near),
            flag(x[sents] > 0.0 && x[sents] == max_sents),
            flag(x[dist] < 10.0 && x[dist] == min_dist),
            flag(x[share] == max_share),
            x[near] - max_near,
            x[sents] - max_sents,
        ];
        x.extend_from_slice(&extra);
    }
}

/// Up to six words before byte `at` of the lower-cased `sentence`, nearest
/// first, without a determiner right before it (`of the` → `of`); elided
/// words keep their apostrophe (`d'`).
fn words_before(sentence: &str, at: usize, determiners: &[String]) -> Vec<String> {
    let mut end = at.min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let words: Vec<String> = sentence[..end]
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '-'))
        .rev()
        .filter(|w| !w.is_empty())
        .take(7)
        .map(str::to_string)
        .collect();
    let skip = words.iter().take_while(|w| determiners.contains(w)).count().min(1);
    words.into_iter().skip(skip).take(6).collect()
}

/// The best-scoring candidate, if it reaches the model's threshold.
pub(crate) fn choose(
    model: &PairModel,
    candidates: &[(&'static str, Vec<f32>)],
) -> Option<&'static str> {
    candidates
        .iter()
        .map(|(c, x)| (*c, model.probability(x)))
        .filter(|&(_, p)| p >= model.threshold)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads() {
        let m = model();
        assert!((0.0..1.0).contains(&m.threshold));
        assert!(PairModel::parse_with(
            include_str!("../../data/models/country.json"),
            &FEATURES[1..]
        )
        .is_err());
    }

    #[test]
    fn words_before_a_country() {
        let det = vec!["the".to_string(), "la".to_string()];
        let s = "during her visit to the united arab emirates";
        let at = s.find("emirates").unwrap();
        assert_eq!(words_before(s, at, &det)[..4], ["arab", "united", "the", "to"]);
        let s = "lors de sa visite au sénégal";
        assert_eq!(words_before(s, s.find("sénégal").unwrap(), &det)[..2], ["au", "visite"]);
        let s = "le ministre d'algérie";
        assert_eq!(words_before(s, s.find("algérie").unwrap(), &det)[0], "d'");
        // The text before the country: none; a position inside a character.
        assert!(words_before("sénégal", 0, &det).is_empty());
        assert_eq!(words_before("é x", 1, &det), Vec::<String>::new());
    }

    #[test]
    fn group_features_mark_the_best_candidate() {
        let at = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
        let base = FEATURES.len() - 6;
        let mut cands: Vec<(&'static str, Vec<f32>)> =
            ["A", "B"].into_iter().map(|c| (c, vec![0.0; base])).collect();
        cands[0].1[at("near_own_mentions")] = 2.0;
        cands[1].1[at("near_own_mentions")] = 1.0;
        cands[0].1[at("title_distance")] = 10.0;
        cands[1].1[at("title_distance")] = 0.3;
        with_group_features(&mut cands);
        assert!(cands.iter().all(|c| c.1.len() == FEATURES.len()));
        assert_eq!(cands[0].1[at("best_near_own")], 1.0);
        assert_eq!(cands[1].1[at("best_near_own")], 0.0);
        assert_eq!(cands[1].1[at("near_own_gap")], -1.0);
        assert_eq!(cands[0].1[at("nearest_in_sentence")], 0.0);
        assert_eq!(cands[1].1[at("nearest_in_sentence")], 1.0);
    }
}
