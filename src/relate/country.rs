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

/// One candidate country of a role, with its [`FEATURES`]: `role` indexes
/// the document's role candidates, `person` its people.
pub(crate) struct CountryRow {
    pub person: usize,
    pub role: usize,
    pub country: &'static str,
    pub values: Vec<f32>,
}

/// Bytes either side of a mention within which a country is "near" it.
const NEAR: usize = 80;

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
/// order of first mention with their counts, the people's mentions and the
/// countries each person's roles name.
pub(crate) struct DocCountries {
    by_sent: Vec<Vec<(usize, &'static str)>>,
    /// Per candidate (same order as `candidates`): the shares of its
    /// mentions written after a travel word, a place preposition and an
    /// `of` preposition.
    cues: Vec<[f32; 3]>,
    /// `(country, times named, sentences naming it)`, first named first.
    candidates: Vec<(&'static str, usize, usize)>,
    named: usize,
    /// Per person: `(sentence, start, end)` of each mention, bytes from the
    /// sentence start.
    mentions: Vec<Vec<(usize, usize, usize)>>,
    /// Per person: the countries named in their roles' titles and
    /// complements.
    explicit: Vec<Vec<&'static str>>,
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
        for (found, sentence) in by_sent.iter().zip(&lowered) {
            let mut seen: Vec<&str> = Vec::new();
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
                if !seen.contains(&c) {
                    seen.push(c);
                    candidates[k].2 += 1;
                }
            }
        }
        for (cue, c) in cues.iter_mut().zip(&candidates) {
            cue.iter_mut().for_each(|v| *v /= c.1.max(1) as f32);
        }
        let named = candidates.iter().map(|c| c.1).sum();
        let mut per_person = vec![Vec::new(); n_people];
        for m in mentions.iter().filter(|m| m.person < n_people) {
            let si = doc.sent_of[m.s];
            let ss = doc.toks[doc.sents[si].0].start;
            let (s, e) = (doc.toks[m.s].start, doc.toks[m.e - 1].end);
            per_person[m.person].push((si, s.saturating_sub(ss), e.saturating_sub(ss)));
        }
        let mut explicit: Vec<Vec<&'static str>> = vec![Vec::new(); n_people];
        for r in roles.iter().filter(|r| r.person < n_people) {
            for (s, e) in r.title.into_iter().chain(r.of) {
                for (_, c) in agency::countries_in_text(doc.tok_text(s, e)) {
                    if !explicit[r.person].contains(&c) {
                        explicit[r.person].push(c);
                    }
                }
            }
        }
        DocCountries { by_sent, cues, candidates, named, mentions: per_person, explicit }
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

/// Every candidate country of a role with its [`FEATURES`].
pub(crate) fn candidates(dc: &DocCountries, site: &Site) -> Vec<(&'static str, Vec<f32>)> {
    let sentence = dc.by_sent.get(site.sent).map_or(&[][..], Vec::as_slice);
    let (lo, hi) = site.own;
    let own: Vec<(usize, &str)> =
        sentence.iter().copied().filter(|&(p, _)| p >= lo && p < hi).collect();
    let nearest = own.iter().min_by_key(|&&(p, _)| p.abs_diff(site.at)).map(|x| x.1);
    let near = |mentions: &[(usize, usize, usize)], c: &str| -> usize {
        mentions
            .iter()
            .filter(|&&(si, s, e)| {
                dc.by_sent.get(si).is_some_and(|found| {
                    found.iter().any(|&(p, k)| {
                        k == c && p + NEAR >= s && p <= e + NEAR && !(p >= s && p < e)
                    })
                })
            })
            .count()
    };
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let n = dc.candidates.len();
    let sentences = dc.by_sent.len().max(1) as f32;
    let mut out: Vec<(&'static str, Vec<f32>)> = dc
        .candidates
        .iter()
        .enumerate()
        .map(|(rank, &(c, count, sents))| {
            let distance = sentence
                .iter()
                .filter(|x| x.1 == c)
                .map(|x| x.0.abs_diff(site.at))
                .min()
                .map_or(10.0, |d| (d as f32 / 100.0).min(10.0));
            let own_mentions = dc.mentions.get(site.person).map_or(0, |m| near(m, c));
            let others = dc
                .mentions
                .iter()
                .enumerate()
                .filter(|&(p, m)| p != site.person && near(m, c) > 0)
                .count();
            let person_explicit = dc.explicit.get(site.person).is_some_and(|e| e.contains(&c));
            let other_explicit = dc
                .explicit
                .iter()
                .enumerate()
                .filter(|&(p, e)| p != site.person && e.contains(&c))
                .count();
            let mine = dc.mentions.get(site.person).map_or(&[][..], Vec::as_slice);
            let names_c =
                |si: usize| dc.by_sent.get(si).is_some_and(|f| f.iter().any(|x| x.1 == c));
            let first_sentence = mine.iter().map(|m| m.0).min().is_some_and(names_c);
            let mut person_sents: Vec<usize> = mine.iter().map(|m| m.0).collect();
            person_sents.sort_unstable();
            person_sents.dedup();
            let person_share = person_sents.iter().filter(|&&si| names_c(si)).count() as f32
                / person_sents.len().max(1) as f32;
            let values = vec![
                flag(site.rule == Some(c)),
                flag(own.iter().any(|x| x.1 == c)),
                flag(nearest == Some(c)),
                flag(own.iter().any(|&(p, k)| k == c && p < site.at)),
                flag(sentence.iter().any(|x| x.1 == c)),
                distance,
                flag(site.home == Some(c)),
                flag(site.doc_country == Some(c)),
                count as f32 / dc.named.max(1) as f32,
                rank.min(5) as f32,
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
            let mut values = values;
            values.extend_from_slice(&dc.cues[rank]);
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
