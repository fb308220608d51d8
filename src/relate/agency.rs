//! Canonical agencies (internal): the organisation a role belongs to, as one
//! English name with its country, so that the same ministry merges across
//! documents and languages.
//!
//! Read from a role's title, its complement (`of`), the ORG entity it is
//! linked to and the sentence around it, with data only:
//!
//! * per language (`data/lang/<code>.json`): `organisations` (`banque
//!   mondiale` → `World Bank`); `portfolios` (`affaires étrangères` →
//!   `Foreign Affairs`, matched at word starts, so `Außenminister` counts);
//!   `portfolio_words`, the items of a written list in official English
//!   (`prospective` → `Prospective`), read only under `ministry_titles`;
//!   `ambassador_titles` and `host_prepositions` (`ambassadeur du Japon en
//!   Zambie`); `no_agency_titles` (heads of state and government, royalty,
//!   ranks);
//! * for all languages, in `data/agency/`: `countries.json` (country names
//!   and nationality words as word-start stems → English country),
//!   `regions.json` (region names, matched only so that `British Columbia`
//!   names no Colombia), `cities.json` (a dateline's city → its country) and
//!   `names.json` (`United States|Foreign Affairs` → `U.S. Department of
//!   State`; how embassies write countries).
//!
//! In order: an organisation named in the complement, the linked ORG or the
//! title; an embassy (`Embassy of <sender> in <host>`); a ministry,
//! `Ministry of <portfolios> (<country>)` or a listed name, where the country
//! is the first named in the complement, else in the title, else the one
//! named nearest in the person's part of the sentence, else the dateline's,
//! else the one a written portfolio carries elsewhere (`Sécurité publique
//! Canada`), else the one the document names most. Each step and order was
//! chosen on the corpus's tuning part.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use super::lang::Lang;

#[derive(Deserialize)]
struct CountriesFile {
    countries: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct LegislaturesFile {
    legislatures: HashMap<String, Legislature>,
}

#[derive(Deserialize)]
struct Legislature {
    lower: Option<String>,
    upper: Option<String>,
}

#[derive(Deserialize)]
struct RegionsFile {
    regions: BTreeMap<String, Region>,
}

#[derive(Deserialize)]
struct Region {
    stems: Vec<String>,
}

#[derive(Deserialize)]
struct CitiesFile {
    cities: BTreeMap<String, City>,
}

#[derive(Deserialize)]
struct City {
    country: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct NamesFile {
    names: HashMap<String, String>,
    /// Countries as an embassy's name writes them (`the Netherlands`).
    in_names: HashMap<String, String>,
    /// A sending country's own embassy pattern (`U.S. Embassy in {host}`).
    embassies: HashMap<String, String>,
}

/// The language-independent tables.
struct Tables {
    /// `(stem, country)`, longest stems first.
    stems: Vec<(String, String)>,
    /// All stems at once (pattern `i` is `stems[i]`).
    automaton: AhoCorasick,
    /// City names (lower case), their country and the city's English name;
    /// `cities_ac` finds them.
    cities: Vec<(String, String, String)>,
    cities_ac: AhoCorasick,
    names: NamesFile,
    legislatures: LegislaturesFile,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let c: CountriesFile =
            serde_json::from_str(include_str!("../../data/agency/countries.json"))
                .expect("embedded countries.json is valid");
        let n: NamesFile = serde_json::from_str(include_str!("../../data/agency/names.json"))
            .expect("embedded names.json is valid");
        let r: RegionsFile = serde_json::from_str(include_str!("../../data/agency/regions.json"))
            .expect("embedded regions.json is valid");
        // Region names are matched so that they hide the country names
        // inside them (`British Columbia`, `Nuevo México`), and then dropped:
        // naming regional agencies by their region lost more than it gained on
        // the tuning part (org F1 0.266 -> 0.263).
        let mut stems: Vec<(String, String)> = c
            .countries
            .into_iter()
            .chain(r.regions.into_values().map(|r| (String::new(), r.stems)))
            .flat_map(|(country, v)| {
                v.into_iter().map(move |s| (s.to_lowercase(), country.clone()))
            })
            .collect();
        stems.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        let automaton =
            AhoCorasick::new(stems.iter().map(|s| &s.0)).expect("country stems build an automaton");
        let c: CitiesFile = serde_json::from_str(include_str!("../../data/agency/cities.json"))
            .expect("embedded cities.json is valid");
        let cities: Vec<(String, String, String)> = c
            .cities
            .into_iter()
            .flat_map(|(name, c)| {
                let country = c.country;
                c.names.into_iter().map(move |n| (n.to_lowercase(), country.clone(), name.clone()))
            })
            .collect();
        let cities_ac = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(cities.iter().map(|c| &c.0))
            .expect("city names build an automaton");
        let legislatures =
            serde_json::from_str(include_str!("../../data/agency/legislatures.json"))
                .expect("embedded legislatures.json is valid");
        Tables { stems, automaton, cities, cities_ac, names: n, legislatures }
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
        if starts_word(hay, at) && (!whole || ends_word(hay, end)) {
            out.push(at);
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// No letter or digit right before byte `i` of `hay`.
fn starts_word(hay: &str, i: usize) -> bool {
    hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// No letter or digit at byte `i` of `hay`.
fn ends_word(hay: &str, i: usize) -> bool {
    hay[i..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the lower-cased word `w` names a country or its nationality
/// (`dutch`, `kenyan`, `us`).
pub(super) fn is_country_word(w: &str) -> bool {
    country_spans(w).first().is_some_and(|&(s, e, _)| s == 0 && e == w.len())
}

/// The English name of the place `text` is, whole: a listed city (`Lisboa`
/// → `Lisbon`) or a country (`Moçambique` → `Mozambique`).
pub(crate) fn place_named(text: &str) -> Option<&'static str> {
    let t = tables();
    let low = lower(text.trim());
    if let Some((_, _, english)) = t.cities.iter().find(|(name, _, _)| *name == low) {
        return Some(english.as_str());
    }
    match country_spans(&low).as_slice() {
        [(0, e, c)] if !low[*e..].contains(char::is_whitespace) => Some(c),
        _ => None,
    }
}

/// Countries named in `text` (any case), with their byte positions in its
/// lower-cased form.
pub(crate) fn countries_in_text(text: &str) -> Vec<(usize, &'static str)> {
    countries_in(&lower(text))
}

/// The country of a canonical agency name (`Ministry of Defence (Mali)`,
/// `U.S. Department of State`, `German Bundestag`, `Embassy of Japan in
/// Zambia` → the sender): the one a listed name or legislature belongs to,
/// else the first named in it.
pub(crate) fn country_of_agency(name: &str) -> Option<&'static str> {
    let t = tables();
    let listed = t.names.names.iter().find(|(_, v)| v.as_str() == name).map(|(k, _)| k.as_str());
    let chamber = t
        .legislatures
        .legislatures
        .iter()
        .find(|(_, l)| l.lower.as_deref() == Some(name) || l.upper.as_deref() == Some(name))
        .map(|(k, _)| k.as_str());
    match listed.and_then(|k| k.split('|').next()).or(chamber) {
        Some(c) => country_named(c),
        None => country_named(name),
    }
}

/// Countries named in `text` (lower case), with their byte positions.
fn countries_in(text: &str) -> Vec<(usize, &'static str)> {
    country_spans(text).into_iter().map(|(s, _, c)| (s, c)).collect()
}

/// Countries named in `text` (lower case): `(start, end, country)` in text
/// order. A stem must start a word (short ones, like `peru` or `mali`, must
/// be whole words); where stems overlap the longest wins.
fn country_spans(text: &str) -> Vec<(usize, usize, &'static str)> {
    let t = tables();
    // Longest stems first (pattern order), then leftmost.
    let mut hits: Vec<(usize, usize, usize)> = t
        .automaton
        .find_overlapping_iter(text)
        .filter(|m| {
            let whole = t.stems[m.pattern().as_usize()].0.chars().count() <= 4;
            starts_word(text, m.start()) && (!whole || ends_word(text, m.end()))
        })
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    hits.sort_unstable();
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    for (p, at, end) in hits {
        if !out.iter().any(|&(s, e, _)| at < e && s < end) {
            out.push((at, end, t.stems[p].1.as_str()));
        }
    }
    out.retain(|x| !x.2.is_empty());
    out.sort();
    out
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
    /// Where the title ends and the complement starts in the sentence
    /// (bytes; the complement's start is `None` without one).
    pub title_end: usize,
    pub of_at: Option<usize>,
    /// The part of the sentence that belongs to this person (bytes): between
    /// the other people named before and after.
    pub own: (usize, usize),
    /// The country the document names most ([`document_country`]).
    pub doc_country: Option<&'a str>,
    /// The country of the document's dateline ([`home_country`]).
    pub home: Option<&'a str>,
    /// Portfolios the document writes with their country elsewhere
    /// ([`written_portfolios`]: `Sécurité publique Canada`).
    pub doc_portfolios: &'a [(String, &'static str)],
    /// The country the [`country`](super::country) model chose for this
    /// role, used when the title and complement name none.
    pub chosen: Option<&'a str>,
    /// The sentence lower-cased and the countries named in it (positions in
    /// the lower-cased text), when the caller has them for every role of the
    /// sentence; computed from `sentence` otherwise.
    pub lowered: Option<&'a str>,
    pub countries: Option<&'a [(usize, &'static str)]>,
}

impl RoleText<'_> {
    fn lower_sentence(&self) -> Cow<'_, str> {
        self.lowered.map_or_else(|| Cow::Owned(lower(self.sentence)), Cow::Borrowed)
    }

    fn sentence_countries(&self) -> Cow<'_, [(usize, &'static str)]> {
        match self.countries {
            Some(c) => Cow::Borrowed(c),
            None => Cow::Owned(countries_in(&self.lower_sentence())),
        }
    }
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

/// The document's home country: the country of the first city, or else the
/// first country, named in its opening lines (the dateline or source line:
/// `OTTAWA, le 5 mai 2019 /CNW/`, `Berlin (dpa) -`).
pub(crate) fn home_country(text: &str) -> Option<&'static str> {
    const OPENING: usize = 400;
    let mut end = text.len().min(OPENING);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = lower(&text[..end]);
    let t = tables();
    t.cities_ac
        .find_iter(&head)
        .find(|m| starts_word(&head, m.start()) && ends_word(&head, m.end()))
        .map(|m| t.cities[m.pattern().as_usize()].1.as_str())
        .or_else(|| countries_in(&head).first().map(|&(_, c)| c))
}

/// The first country named in `text`.
pub(crate) fn country_named(text: &str) -> Option<&'static str> {
    countries_in(&lower(text)).first().map(|&(_, c)| c)
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
    // A plural title reads as its singular (`deputati` → `deputato`).
    let title = data.title_plurals.get(title.trim()).map_or(title, |s| lower(s));
    let of = lower(role.of.unwrap_or(""));
    let org = lower(role.org.unwrap_or(""));
    // An organisation first, even inside a list of portfolios (`Asuntos
    // Exteriores, Unión Europea y Cooperación` gives `European Union`):
    // the other order lost on the tuning part (org F1 0.280 -> 0.277).
    for text in [&of, &org, &title] {
        if let Some(o) = longest(&data.organisations, text, true) {
            return Some(o.to_string());
        }
    }
    if let Some(c) = consulate(lang, role, &title, &of) {
        return Some(c);
    }
    if let Some(e) = embassy(lang, role, &title, &of) {
        return Some(e);
    }
    let is = |titles: &[String]| titles.iter().any(|t| title.contains(&lower(t)));
    let starts =
        |titles: &[String]| titles.iter().any(|t| !word_hits(&title, &lower(t), false).is_empty());
    // `maire de Lille` → `City of Lille`.
    if starts(&data.mayor_titles) && !of.is_empty() && countries_in(&of).is_empty() {
        return Some(format!("City of {}", role.of.unwrap_or("").trim()));
    }
    // A member of parliament, or a role in a chamber the complement names
    // (`Speaker of the National Assembly`): that chamber of the person's
    // country.
    let names_chamber =
        |chambers: &[String]| chambers.iter().any(|c| !word_hits(&of, c, true).is_empty());
    let chamber = if starts(&data.senator_titles) || names_chamber(&data.upper_chambers) {
        Some(Chamber::Upper)
    } else if starts(&data.deputy_titles) || names_chamber(&data.lower_chambers) {
        Some(Chamber::Lower)
    } else {
        None
    };
    if let Some(chamber) = chamber {
        let country = role_country(role, &title, &of, None)?;
        let l = tables().legislatures.legislatures.get(country)?;
        return match chamber {
            Chamber::Upper => l.upper.clone(),
            Chamber::Lower => l.lower.clone(),
        };
    }
    if is_government_title(lang, role, &title, &of) {
        let country = role_country(role, &title, &of, None)?;
        let listed = tables().names.names.get(&format!("{country}|Government"));
        return Some(listed.cloned().unwrap_or_else(|| format!("Government of {country}")));
    }
    if of.is_empty() && data.no_agency_titles.iter().any(|t| lower(t) == title.trim()) {
        return None;
    }
    let both = format!("{title} {of}");
    let portfolio = longest(&data.portfolios, &both, false);
    let mut written = if is(&data.ministry_titles) { composed_portfolio(lang, &of) } else { None };
    if portfolio.is_none() && written.is_none() {
        written = english_portfolio(lang, role, &title)?.into();
    }
    let country = role_country(role, &title, &of, portfolio)?;
    if let Some(name) = portfolio.and_then(|p| tables().names.names.get(&format!("{country}|{p}")))
    {
        return Some(name.clone());
    }
    let wording = written.as_deref().or(portfolio)?;
    Some(format!("Ministry of {wording} ({country})"))
}

/// Whether the role is a deputy head of government (`government_titles`):
/// the title alone, with no complement or one that names only a country
/// (`Vize-Premierminister Russlands`), or the title with its complement as
/// the sentence writes them (`Vicepresidente del Consiglio`).
fn is_government_title(lang: &Lang, role: &RoleText, title: &str, of: &str) -> bool {
    let listed = |t: &str| lang.data.government_titles.iter().any(|g| g == t.trim());
    let country_only = !of.is_empty()
        && of.split_whitespace().count() <= 3
        && country_spans(of)
            .iter()
            .any(|&(s, e, _)| of[..s].split_whitespace().count() <= 1 && of[e..].trim().is_empty());
    if listed(title) && (of.is_empty() || country_only) {
        return true;
    }
    // Title and complement as written: `Vicepresidente del Consiglio`.
    let Some(of_at) = role.of_at else { return false };
    let end = of_at + role.of.map_or(0, str::len);
    let s = role.sentence;
    let whole = (role.at < end && end <= s.len()).then(|| s.get(role.at..end)).flatten().map(lower);
    whole.is_some_and(|w| listed(&w))
}

/// A minister's complement taken as the portfolio's official English name
/// (`Investment and Downstreaming`), in a language whose complements are
/// English (`ministry_from_complement`): a capitalised complement of at most
/// eight words that names no country and no organisation.
fn english_portfolio(lang: &Lang, role: &RoleText, title: &str) -> Option<String> {
    let data = &lang.data;
    if !data.ministry_from_complement || !title.contains("minist") {
        return None;
    }
    let of = role.of?.trim();
    let words = of.split_whitespace().count();
    let capitalised = of.chars().next().is_some_and(char::is_uppercase);
    let plain = of.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || ",&-'".contains(c));
    (capitalised && plain && (1..=8).contains(&words) && countries_in(&lower(of)).is_empty())
        .then(|| of.to_string())
}

enum Chamber {
    Lower,
    Upper,
}

/// The country a role serves: the first named in the complement, else in
/// the title, else the one nearest to the title in the person's part of the
/// sentence, the dateline's, the one a written portfolio carries elsewhere in
/// the document, and the one the document names most.
fn role_country<'r>(
    role: &RoleText<'r>,
    title: &str,
    of: &str,
    portfolio: Option<&str>,
) -> Option<&'r str> {
    let explicit =
        countries_in(of).first().or(countries_in(title).first()).copied().map(|(_, c)| c);
    explicit.or(role.chosen).or_else(|| rules_country(role, portfolio))
}

/// The rules' country of a role that names none: the nearest in the
/// person's part of the sentence, the dateline's, the one `portfolio` is
/// written with elsewhere, the one the document names most. (The dateline's
/// before a portfolio written elsewhere and the country named most: tuning
/// part org F1 0.266 -> 0.276.)
fn rules_country<'r>(role: &RoleText<'r>, portfolio: Option<&str>) -> Option<&'r str> {
    let near = near_countries(role).first().copied();
    near.or(role.home).or_else(|| written_country(role, portfolio)).or(role.doc_country)
}

/// The country `portfolio` is written with elsewhere in the document.
fn written_country(role: &RoleText, portfolio: Option<&str>) -> Option<&'static str> {
    let p = portfolio?;
    role.doc_portfolios.iter().find(|(q, _)| q == p).map(|x| x.1)
}

/// What [`role_country`] gives a role whose title and complement name no
/// country (the `rule` feature of the [`country`](super::country) model),
/// and the country its portfolio is written with elsewhere in the document.
pub(crate) fn rule_country<'r>(lang: &Lang, role: &RoleText<'r>) -> RuleCountry<'r> {
    let title = lower(role.title.unwrap_or(""));
    let of = lower(role.of.unwrap_or(""));
    let portfolio = longest(&lang.data.portfolios, &format!("{title} {of}"), false);
    // The countries with a listed name for this portfolio (`United
    // States|Health` → `U.S. Department of Health and Human Services`).
    let listed = portfolio.map_or_else(Vec::new, |p| {
        let suffix = format!("|{p}");
        let names = &tables().names.names;
        let mut out: Vec<&'static str> = names
            .keys()
            .filter_map(|k| k.strip_suffix(suffix.as_str()))
            .filter_map(country_named)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    });
    RuleCountry {
        rule: rules_country(role, portfolio),
        written: written_country(role, portfolio),
        listed,
    }
}

/// See [`rule_country`].
pub(crate) struct RuleCountry<'r> {
    /// The rules' country.
    pub rule: Option<&'r str>,
    /// The country the role's portfolio is written with elsewhere.
    pub written: Option<&'static str>,
    /// The countries that have a listed agency name for the portfolio.
    pub listed: Vec<&'static str>,
}

/// Whether the role's title or complement names a country itself.
pub(crate) fn names_country(role: &RoleText) -> bool {
    !countries_in(&lower(role.of.unwrap_or(""))).is_empty()
        || !countries_in(&lower(role.title.unwrap_or(""))).is_empty()
}

/// The countries named in this person's part of the sentence (`sentence`
/// is the role's sentence, lower case), nearest to the title first (a window
/// of 40 bytes around the title lost more right countries than wrong ones on
/// the tuning part: F1 0.114 -> 0.100).
fn near_countries(role: &RoleText) -> Vec<&'static str> {
    let at = role.at;
    let (lo, hi) = role.own;
    let mut near: Vec<(usize, &'static str)> =
        role.sentence_countries().iter().copied().filter(|&(p, _)| p >= lo && p < hi).collect();
    near.sort_by_key(|&(p, _)| p.abs_diff(at));
    near.into_iter().map(|(_, c)| c).collect()
}

/// A complement that is a list of portfolios, in official English:
/// `économie, des finances et de la prospective` → `Economy, Finance and
/// Prospective`. `None` unless every word of `of` belongs to a listed item
/// (`portfolio_words`), a country name or a joining word.
fn composed_portfolio(lang: &Lang, of: &str) -> Option<String> {
    if of.is_empty() {
        return None;
    }
    let mut hits: Vec<(usize, usize, &str)> = Vec::new();
    // Keys are lower case (tools/relations/check_lexicons.py); every
    // occurrence of every key that is whole words.
    for m in lang.portfolio_matcher.find_overlapping_iter(of) {
        if starts_word(of, m.start()) && ends_word(of, m.end()) {
            hits.push((m.start(), m.end(), lang.portfolio_names[m.pattern().as_usize()].as_str()));
        }
    }
    // Longest items first, then leftmost; no overlaps.
    hits.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    let mut items: Vec<(usize, usize, &str)> = Vec::new();
    for h in hits {
        if !items.iter().any(|&(s, e, _)| h.0 < e && s < h.1) {
            items.push(h);
        }
    }
    if items.is_empty() {
        return None;
    }
    let mut covered = vec![false; of.len()];
    for &(s, e, _) in &items {
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    let last_item = items.iter().map(|x| x.1).max().unwrap_or(0);
    for (s, e, _) in country_spans(of) {
        // A country after the list ends it (`du Burkina Faso`); one inside
        // it covers its word (`sénégalais`).
        let end = if s >= last_item {
            of.len()
        } else {
            of[e..].find(|c: char| !c.is_alphanumeric()).map_or(of.len(), |i| e + i)
        };
        covered[s..end].iter_mut().for_each(|c| *c = true);
    }
    let mut rest = String::with_capacity(of.len());
    for (i, ch) in of.char_indices() {
        rest.push(if covered[i] { ' ' } else { ch });
    }
    let joined_only = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| lang.glue.contains(w));
    if !joined_only {
        return None;
    }
    items.sort_by_key(|x| x.0);
    let mut names: Vec<&str> = Vec::new();
    for (_, _, v) in items {
        if !names.contains(&v) {
            names.push(v);
        }
    }
    Some(match names.as_slice() {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => return None,
    })
}

/// `Consulate General of <sending country> in <city>` (or `Consulate of`)
/// for a consul (`consul_titles`, `consul_general_titles`) whose complement
/// names the city (`Generalkonsulin der Republik Korea in Hamburg`, `console
/// generale d'Italia a Osaka`); the sending country is the one the
/// complement names, else the role's country, and never the city's.
fn consulate(lang: &Lang, role: &RoleText, title: &str, of: &str) -> Option<String> {
    let data = &lang.data;
    let listed = |titles: &[String]| titles.iter().any(|t| !word_hits(title, t, true).is_empty());
    let general = listed(&data.consul_general_titles);
    if !general && !listed(&data.consul_titles) {
        return None;
    }
    let t = tables();
    let (city_country, city) = t
        .cities_ac
        .find_iter(of)
        .find(|m| starts_word(of, m.start()) && ends_word(of, m.end()))
        .map(|m| {
            let c = &t.cities[m.pattern().as_usize()];
            (c.1.as_str(), c.2.as_str())
        })?;
    let sender = countries_in(of)
        .into_iter()
        .map(|(_, c)| c)
        .find(|&c| c != city_country)
        .or_else(|| role_country(role, title, of, None).filter(|&c| c != city_country))?;
    let sender = t.names.in_names.get(sender).map_or(sender, String::as_str);
    let kind = if general { "Consulate General" } else { "Consulate" };
    Some(format!("{kind} of {sender} in {city}"))
}

/// `Embassy of <sending country> in <host country>` for an ambassador.
///
/// The complement says one or both: split at a host preposition (`du Japon
/// en Zambie`), or one country whose side the words before it tell
/// (`Ambassador to Kenya`, `Botschafter der Republik Ghana`). The title's
/// nationality word (`Japanese Ambassador`) is the sending country; what is
/// still missing is the country named nearest in the person's part of the
/// sentence, then the document's country, whichever differs from the other
/// side.
fn embassy(lang: &Lang, role: &RoleText, title: &str, of: &str) -> Option<String> {
    let data = &lang.data;
    let is_ambassador =
        data.ambassador_titles.iter().any(|t| !word_hits(title, &lower(t), true).is_empty());
    if !is_ambassador {
        return None;
    }
    let host_at = |text: &str| -> Option<(usize, usize)> {
        data.host_prepositions
            .iter()
            .flat_map(|p| {
                let p = lower(p);
                word_hits(text, &p, true).into_iter().map(move |at| (at, at + p.len()))
            })
            .min()
    };
    let first = |text: &str| countries_in(text).first().map(|&(_, c)| c);
    let sentence = role.lower_sentence();
    let (mut sender, mut host): (Option<&str>, Option<&str>) = (None, None);
    if !of.is_empty() {
        match host_at(of) {
            Some((s, e)) => {
                sender = first(&of[..s]);
                host = first(&of[e..]);
            }
            None => {
                // Offsets are the original sentence's: a slice of the
                // lower-cased one that falls inside a character is empty.
                let between =
                    role.of_at.and_then(|o| sentence.get(role.title_end..o)).unwrap_or("");
                let ends_with_host = host_at(between)
                    .is_some_and(|(_, e)| between[e..].split_whitespace().count() <= 1);
                if ends_with_host {
                    host = first(of);
                } else {
                    sender = first(of);
                }
            }
        }
    }
    if sender.is_none() {
        sender = first(title).filter(|&c| Some(c) != host);
    }
    let near: Vec<&str> =
        near_countries(role).into_iter().chain(role.home).chain(role.doc_country).collect();
    let pick = |other: Option<&str>| near.iter().copied().find(|&c| Some(c) != other);
    if sender.is_none() {
        sender = pick(host);
    }
    if host.is_none() {
        host = pick(sender);
    }
    let (sender, host) = (sender?, host?);
    let names = &tables().names;
    let host = names.in_names.get(host).map_or(host, String::as_str);
    Some(match names.embassies.get(sender) {
        Some(pattern) => pattern.replace("{host}", host),
        None => {
            format!(
                "Embassy of {} in {host}",
                names.in_names.get(sender).map_or(sender, String::as_str)
            )
        }
    })
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
            title_end: 0,
            of_at: None,
            own: (0, usize::MAX),
            doc_country: None,
            home: None,
            doc_portfolios: &[],
            chosen: None,
            lowered: None,
            countries: None,
        }
    }

    #[test]
    fn a_consul_and_the_city_of_the_consulate() {
        let de = lang("de");
        let r = role("Generalkonsulin", Some("Republik Korea in Hamburg"), "");
        assert_eq!(
            canonical(&de, &r).as_deref(),
            Some("Consulate General of the Republic of Korea in Hamburg")
        );
        let it = lang("it");
        let r = role("Console", Some("Italia a Osaka"), "");
        assert_eq!(canonical(&it, &r).as_deref(), Some("Consulate of Italy in Osaka"));
        let r = role("Console generale", Some("Emirati a Milano"), "");
        assert_eq!(
            canonical(&it, &r).as_deref(),
            Some("Consulate General of the United Arab Emirates in Milan")
        );
        // No city named: not a consulate; the city's own country is never
        // the sender.
        let r = role("Generalkonsul", Some("Republik Korea"), "");
        assert!(!canonical(&de, &r).unwrap_or_default().starts_with("Consulate"));
        let r = RoleText { home: Some("Germany"), ..role("Generalkonsul", Some("Hamburg"), "") };
        assert_eq!(canonical(&de, &r), None);
    }

    #[test]
    fn portfolio_and_country_from_the_complement() {
        let fr = lang("fr");
        let r = role("ministre", Some("Affaires sociales du Sénégal"), "");
        assert_eq!(canonical(&fr, &r).as_deref(), Some("Ministry of Social Affairs (Senegal)"));
        // A complement with a word that is no portfolio item: no guess.
        let r = role("ministre", Some("Zorglub du Sénégal"), "");
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
    fn commerce_is_its_own_portfolio_in_english() {
        let en = lang("en");
        let r = role("Secretary", Some("Commerce of the United States"), "");
        assert_eq!(canonical(&en, &r).as_deref(), Some("U.S. Department of Commerce"));
        let r = role("Minister", Some("Trade of the United States"), "");
        assert_eq!(canonical(&en, &r).as_deref(), Some("Office of the U.S. Trade Representative"));
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
    fn a_written_list_of_portfolios() {
        let fr = lang("fr");
        let r = role(
            "ministre",
            Some("Économie, des Finances et de la Prospective du Burkina Faso"),
            "",
        );
        assert_eq!(
            canonical(&fr, &r).as_deref(),
            Some("Ministry of Economy, Finance and Prospective (Burkina Faso)")
        );
        let es = lang("es");
        let r = role("ministro", Some("Industria, Comercio y Turismo"), "");
        let r = RoleText { home: Some("Spain"), ..r };
        assert_eq!(
            canonical(&es, &r).as_deref(),
            Some("Ministry of Industry, Trade and Tourism (Spain)")
        );
    }

    #[test]
    fn embassies_from_both_sides() {
        let fr = lang("fr");
        let r = role("ambassadeur", Some("Japon en Zambie"), "");
        assert_eq!(canonical(&fr, &r).as_deref(), Some("Embassy of Japan in Zambia"));
        // `Ambassador to X` names the host; the sender is the dateline's country.
        let en = lang("en");
        let s = "He met the Ambassador to Kenya.";
        let r = RoleText {
            at: 11,
            title_end: 21,
            of_at: Some(25),
            home: Some("Netherlands"),
            ..role("Ambassador", Some("Kenya"), s)
        };
        assert_eq!(canonical(&en, &r).as_deref(), Some("Embassy of the Netherlands in Kenya"));
        let r = RoleText { home: Some("United States"), ..r };
        assert_eq!(canonical(&en, &r).as_deref(), Some("U.S. Embassy in Kenya"));
        // `Ambassador of X`: X sends.
        let s = "He met the Ambassador of Kenya.";
        let r = RoleText {
            at: 11,
            title_end: 21,
            of_at: Some(25),
            home: Some("Netherlands"),
            ..role("Ambassador", Some("Kenya"), s)
        };
        assert_eq!(canonical(&en, &r).as_deref(), Some("Embassy of Kenya in the Netherlands"));
    }

    #[test]
    fn the_dateline_gives_the_home_country() {
        assert_eq!(home_country("OTTAWA, le 5 mai 2019 /CNW/ - Le ministre"), Some("Canada"));
        assert_eq!(home_country("Genf (dpa) – Die Ministerin"), Some("Switzerland"));
        assert_eq!(home_country("Nothing here names a place."), None);
    }

    #[test]
    fn region_names_hide_the_countries_inside_them() {
        assert!(countries_in("british columbia").is_empty());
        assert_eq!(countries_in("the british minister")[0].1, "United Kingdom");
    }

    #[test]
    fn mayors_and_members_of_parliament() {
        let fr = lang("fr");
        assert_eq!(
            canonical(&fr, &role("maire", Some("Lille"), "")).as_deref(),
            Some("City of Lille")
        );
        let r = RoleText { home: Some("Canada"), ..role("députée", None, "") };
        assert_eq!(canonical(&fr, &r).as_deref(), Some("House of Commons of Canada"));
        let de = lang("de");
        let s = "Die kenianische Abgeordnete sprach …";
        let r = RoleText { at: 16, ..role("Abgeordnete", None, s) };
        assert_eq!(canonical(&de, &r).as_deref(), Some("National Assembly of Kenya"));
    }

    #[test]
    fn short_stems_are_whole_words() {
        assert!(countries_in("the peruvian minister").iter().any(|&(_, c)| c == "Peru"));
        assert!(countries_in("a small perusal").is_empty());
        assert_eq!(countries_in("mali")[0].1, "Mali");
        assert!(countries_in("malicious").is_empty());
    }
}
