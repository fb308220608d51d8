//! Canonical agencies (internal): the organisation a role belongs to, as one
//! English name with its country, so that the same ministry merges across
//! documents and languages.
//!
//! Read from a role's title, its complement (`of`), the ORG entity it is
//! linked to and the sentence around it, with data only:
//!
//! * per language (`data/lang/<code>.json`): `organisations` (`banque
//!   mondiale` → `World Bank`), `portfolios` (`affaires étrangères` →
//!   `Foreign Affairs`, matched at word starts, so `Außenminister` counts) and
//!   `no_agency_titles` (heads of state and government, royalty, ranks);
//! * for all languages: `data/agency/countries.json` (country names and
//!   nationality words as word-start stems → English country) and
//!   `data/agency/names.json` (`United States|Foreign Affairs` → `U.S.
//!   Department of State`); every other portfolio is `Ministry of <portfolio>
//!   (<country>)`.
//!
//! The country is the first one named in the complement, else in the title,
//! else the one named nearest to the title in its sentence; a portfolio
//! without a country gives no agency.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use super::lang::Lang;

#[derive(Deserialize)]
struct CountriesFile {
    countries: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct NamesFile {
    names: HashMap<String, String>,
}

/// The language-independent tables.
struct Tables {
    /// `(stem, country)`, longest stems first.
    stems: Vec<(String, String)>,
    names: HashMap<String, String>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let c: CountriesFile =
            serde_json::from_str(include_str!("../../data/agency/countries.json"))
                .expect("embedded countries.json is valid");
        let n: NamesFile = serde_json::from_str(include_str!("../../data/agency/names.json"))
            .expect("embedded names.json is valid");
        let mut stems: Vec<(String, String)> = c
            .countries
            .into_iter()
            .flat_map(|(country, v)| {
                v.into_iter().map(move |s| (s.to_lowercase(), country.clone()))
            })
            .collect();
        stems.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        Tables { stems, names: n.names }
    })
}

fn lower(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// Byte positions in `hay` where `needle` starts a word; with `whole`, it
/// must also end one.
fn word_hits(hay: &str, needle: &str, whole: bool) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let starts = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let ends = hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if starts && (ends || !whole) {
            out.push(at);
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Countries named in `text` (lower case), with their byte positions.
fn countries_in(text: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    for (stem, country) in &tables().stems {
        // Short stems (`peru`, `mali`) must be whole words.
        let whole = stem.chars().count() <= 4;
        for at in word_hits(text, stem, whole) {
            let end = at + stem.len();
            if !out.iter().any(|&(s, e, _)| at < e && s < end) {
                out.push((at, end, country.as_str()));
            }
        }
    }
    out.sort();
    out.into_iter().map(|(s, _, c)| (s, c)).collect()
}

/// The longest phrase of `map` found in `text`, and what it maps to.
fn longest<'m>(map: &'m BTreeMap<String, String>, text: &str, whole: bool) -> Option<&'m str> {
    map.iter()
        .filter(|(k, _)| !word_hits(text, k, whole).is_empty())
        .max_by_key(|(k, _)| k.chars().count())
        .map(|(_, v)| v.as_str())
}

/// What a role says of its agency.
pub(crate) struct RoleText<'a> {
    pub title: Option<&'a str>,
    pub of: Option<&'a str>,
    /// The ORG entity the role was linked to.
    pub org: Option<&'a str>,
    /// The sentence of the role and the byte offset of the title (or the
    /// name) in it.
    pub sentence: &'a str,
    pub at: usize,
    /// The part of the sentence that belongs to this person (bytes): between
    /// the other people named before and after.
    pub own: (usize, usize),
    /// The country the document names most ([`document_country`]).
    pub doc_country: Option<&'a str>,
    /// Portfolios the document writes with their country elsewhere
    /// ([`written_portfolios`]: `Sécurité publique Canada`).
    pub doc_portfolios: &'a [(String, &'static str)],
}

/// The portfolios that `texts` (the document's ORG entities) name together
/// with a country, e.g. `Public Safety` → `Canada` for `Sécurité publique
/// Canada`: a role with that portfolio and no country of its own takes it.
pub(crate) fn written_portfolios<'t>(
    lang: &Lang,
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for t in texts {
        let t = lower(t);
        let (Some(p), Some(&(_, c))) =
            (longest(&lang.data.portfolios, &t, false), countries_in(&t).first())
        else {
            continue;
        };
        if !out.iter().any(|(q, _)| q == p) {
            out.push((p.to_string(), c));
        }
    }
    out
}

/// The country named most often in `text` (ties: the first named).
pub(crate) fn document_country(text: &str) -> Option<&'static str> {
    let found = countries_in(&lower(text));
    let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
    for (pos, c) in found {
        match counts.iter_mut().find(|x| x.0 == c) {
            Some(x) => x.1 += 1,
            None => counts.push((c, 1, pos)),
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))).map(|x| x.0)
}

/// The canonical English agency of a role, if the data can name it.
pub(crate) fn canonical(lang: &Lang, role: &RoleText) -> Option<String> {
    let data = &lang.data;
    let title = lower(role.title.unwrap_or(""));
    let of = lower(role.of.unwrap_or(""));
    let org = lower(role.org.unwrap_or(""));
    if of.is_empty() && data.no_agency_titles.iter().any(|t| lower(t) == title.trim()) {
        return None;
    }
    for text in [&of, &org, &title] {
        if let Some(o) = longest(&data.organisations, text, true) {
            return Some(o.to_string());
        }
    }
    let both = format!("{title} {of}");
    let portfolio = longest(&data.portfolios, &both, false)?;
    let sentence = lower(role.sentence);
    let at = role.at.min(sentence.len());
    // The country named nearest to the title in this person's part of the
    // sentence (a window of 40 bytes around the title lost more right
    // countries than wrong ones on the tuning part: F1 0.114 -> 0.100).
    let (lo, hi) = role.own;
    let near = countries_in(&sentence)
        .into_iter()
        .filter(|&(p, _)| p >= lo && p < hi)
        .min_by_key(|&(p, _)| p.abs_diff(at));
    let country = countries_in(&of)
        .first()
        .or(countries_in(&title).first())
        .copied()
        .or(near)
        .map(|(_, c)| c)
        .or_else(|| role.doc_portfolios.iter().find(|(p, _)| p == portfolio).map(|x| x.1))
        .or(role.doc_country)?;
    let key = format!("{country}|{portfolio}");
    Some(
        tables()
            .names
            .get(&key)
            .cloned()
            .unwrap_or_else(|| format!("Ministry of {portfolio} ({country})")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relate::lang::LanguageData;

    fn lang(code: &str) -> Lang {
        let data = LanguageData::embedded().into_iter().find(|d| d.language == code).unwrap();
        Lang::compile(data)
    }

    fn role<'a>(title: &'a str, of: Option<&'a str>, sentence: &'a str) -> RoleText<'a> {
        RoleText {
            title: Some(title),
            of,
            org: None,
            sentence,
            at: 0,
            own: (0, usize::MAX),
            doc_country: None,
            doc_portfolios: &[],
        }
    }

    #[test]
    fn portfolio_and_country_from_the_complement() {
        let fr = lang("fr");
        let r = role("ministre", Some("Relations extérieures du Sénégal"), "");
        // `relations extérieures` is no listed portfolio: no guess.
        assert_eq!(canonical(&fr, &r), None);
        let r = role("ministre", Some("Affaires étrangères du Sénégal"), "");
        assert_eq!(
            canonical(&fr, &r).as_deref(),
            Some("Ministry of African Integration and Foreign Affairs (Senegal)")
        );
        let r = role("ministre", Some("Défense du Mali"), "");
        assert_eq!(canonical(&fr, &r).as_deref(), Some("Ministry of Defence (Mali)"));
    }

    #[test]
    fn fused_titles_and_nationality_words() {
        let de = lang("de");
        let s = "Der brasilianische Außenminister traf am Montag …";
        let r = RoleText { at: 20, sentence: s, ..role("Außenminister", None, s) };
        assert_eq!(canonical(&de, &r).as_deref(), Some("Ministry of Foreign Affairs (Brazil)"));
        let en = lang("en");
        let s = "India's External Affairs Minister met …";
        let r = RoleText { at: 8, ..role("External Affairs Minister", None, s) };
        assert_eq!(canonical(&en, &r).as_deref(), Some("Ministry of External Affairs (India)"));
    }

    #[test]
    fn organisations_heads_of_state_and_unknowns() {
        let fr = lang("fr");
        assert_eq!(
            canonical(&fr, &role("directrice", Some("opérations de la Banque mondiale"), ""))
                .as_deref(),
            Some("World Bank")
        );
        assert_eq!(canonical(&fr, &role("président", None, "Le président français")), None);
        // A portfolio but no country anywhere: no agency.
        assert_eq!(canonical(&fr, &role("ministre", Some("Affaires étrangères"), "")), None);
    }

    #[test]
    fn a_portfolio_written_with_its_country_elsewhere() {
        let fr = lang("fr");
        let written = written_portfolios(&fr, ["Sécurité publique Canada", "CNW"]);
        assert_eq!(written, vec![("Public Safety".to_string(), "Canada")]);
        let r = RoleText {
            doc_portfolios: &written,
            doc_country: Some("United States"),
            ..role("ministre", Some("Sécurité publique et de la Protection civile"), "")
        };
        assert_eq!(canonical(&fr, &r).as_deref(), Some("Public Safety Canada"));
    }

    #[test]
    fn short_stems_are_whole_words() {
        assert!(countries_in("the peruvian minister").iter().any(|&(_, c)| c == "Peru"));
        assert!(countries_in("a small perusal").is_empty());
        assert_eq!(countries_in("mali")[0].1, "Mali");
        assert!(countries_in("malicious").is_empty());
    }
}
