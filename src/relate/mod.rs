//! People, roles, agencies, meetings and topics: the stage after NER.
//!
//! [`Relator::relate`] takes the text and its entities (from the NER model or
//! built by hand) and returns [`Relations`]: the people named in the text with
//! their mentions and roles, the meetings held between them, and what they
//! discussed. Every piece of text is reported as a [`TextSpan`] with byte and
//! code-point offsets; every relation carries its evidence and a confidence.
//!
//! The stage is rules and lexicons plus one learned component (the met-with
//! pair classifier), driven by per-language data files
//! (`data/lang/*.json`, see [`LanguageData`]): adding a language means adding
//! a file, either to the crate (and to `lang::EMBEDDED`) or to a directory
//! given to [`RelatorBuilder::data_dir`]; a file there with the code of an
//! embedded language replaces it.
//!
//! ## How it reads a document
//!
//! * **Language**: the file whose `function_words` cover most word tokens
//!   ([`Relator::detect_language`]), or the one given to [`Relator::relate_in`].
//! * **Entity repair**: the tagger's usual confusions around titles are
//!   undone first: a bare title or a portfolio tagged PER (`Minister of
//!   [Transport] X`, `[Immigration] Minister X`) is dropped, a title + name
//!   tagged ORG/MISC becomes a PER name, a name split in two is joined, and
//!   a surname of a person named in full elsewhere is a PER mention wherever
//!   it stands alone (untagged, or tagged otherwise when PER is the
//!   document's majority reading).
//! * **People**: PER entities are clustered when one name is the other, a
//!   contiguous part of it (surname, first name), or the same words reordered;
//!   leading titles/honorifics inside an entity are ignored. The canonical
//!   name is the fullest form.
//! * **Roles**: a title from the lexicon (or a compound ending in a
//!   `title_suffixes` entry) before the name (`Le ministre de la … X`,
//!   `le secrétaire intérimaire de …, X`, `Foreign Secretary X`), after it
//!   (`X, Responsable des …, Cabinet du …`), after `as`/`en tant que`/a copula,
//!   or in a sentence-initial description (`Le conseiller fédéral a …`) that
//!   refers to a person named just before. `of` is the complement after an
//!   `of_prepositions` entry, as written; a byline ORG becomes the
//!   affiliation. Counterpart descriptions (`homologue`) are kept only for a
//!   person with no other role.
//! * **Meetings**: a meeting predicate with its subject (the person named last
//!   before it, or a person from the previous sentences for pronouns) paired
//!   with each object named after it; reciprocal predicates (`se sont
//!   rencontrés`) and conjoined subjects pair everyone; an object described by
//!   a title (`avec le président français`) is resolved to another person named
//!   just before. A call cue makes it a call, a planned cue a planned meeting
//!   (both in [`Relations::other_contacts`]). Which pairs of people met is
//!   then decided by gradient-boosted trees over every pair of people
//!   (`data/models/met_with.json`, trained on the tuning part of the written
//!   corpus by `tools/relations/train_pairs.py`): what the rules said of the
//!   pair, where both are named relative to meeting, call, planned, presence
//!   and contact cues, distance, order, nationality words around each
//!   ([`MeetingPairs::Rules`] keeps the rules' own pairs). Dates come from the sentence or,
//!   for "today"-like words, from the dateline; places from a LOC introduced by
//!   a place preposition or from the dateline.
//! * **Agencies**: each role's `org` is its canonical English agency with the
//!   country (`Ministry of Foreign Affairs (Brazil)`, `U.S. Department of
//!   State`, `World Bank`) from the language files' `organisations` and
//!   `portfolios`, `data/agency/countries.json` and `data/agency/names.json`;
//!   the country comes from the complement or the title; where they name
//!   none, every country the document names is scored by gradient-boosted
//!   trees (`data/models/country.json`, trained by
//!   `tools/relations/train_countries.py`) from where it is written relative
//!   to the role and the person: in the person's part of the sentence, near
//!   their other mentions or another person's, in their other roles, in the
//!   dateline, how often, whether the document's language is official there
//!   ([`RoleCountries::Rules`] keeps the rules' order: the person's part of
//!   the sentence, the dateline, the same portfolio written with its country
//!   in an ORG entity of the document, the country the document names most).
//! * **Discussions**: the object of a discussion predicate, of a deferred
//!   predicate (`held discussions with X on …`) or the subject of a passive
//!   one (`… ont été abordés`), cut at clause boundaries (relative pronouns,
//!   gerunds, speech verbs after a comma, quotes, `;`/`:`) and split at
//!   additive connectors (`ainsi que`, `as well as`, `sowie`) and at
//!   `, et comment …`. Participants are the people named in the sentence or,
//!   for group references and pronouns, those of the nearest meeting or call.
//!
//! ```
//! use rolegraph::relate::Relator;
//! use rolegraph::{CharIndex, Entity, Span};
//!
//! let text = "Le ministre Ralph Goodale a rencontré la secrétaire Ann Lee. \
//!             Les deux homologues ont discuté de la sécurité frontalière.";
//! let idx = CharIndex::new(text);
//! let per = |name: &str| {
//!     let s = text.find(name).unwrap();
//!     let bytes = Span::new(s, s + name.len());
//!     let chars = idx.char_span(bytes);
//!     Entity { label: "PER".into(), text: name.into(), score: 1.0, bytes, chars, value: None }
//! };
//! let rel = Relator::default().relate(text, &[per("Ralph Goodale"), per("Ann Lee")]);
//! assert_eq!(rel.language, "fr");
//! assert_eq!(rel.met_with(), vec![("Ralph Goodale".to_string(), "Ann Lee".to_string())]);
//! assert_eq!(rel.discussions[0].topics[0].text, "la sécurité frontalière");
//! ```

mod agency;
mod assemble;
mod country;
mod date;
mod doc;
pub mod eval;
mod events;
mod furniture;
mod lang;
mod mentions;
mod orgname;
mod pairs;
mod pipeline;
mod repair;
mod roles;
mod sides;
mod text;
mod topics;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::{Error, ErrorKind, Result};
use crate::span::{CharIndex, Span};

use lang::Lang;
pub use lang::LanguageData;

/// A piece of the input text with its offsets in bytes and in code points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextSpan {
    /// The text as written (`&input[bytes.start..bytes.end]`).
    pub text: String,
    /// Byte range into the input.
    pub bytes: Span,
    /// Code-point range into the input.
    pub chars: Span,
}

impl TextSpan {
    pub(crate) fn new(text: &str, idx: &CharIndex, bytes: Span) -> TextSpan {
        TextSpan { text: text[bytes.range()].to_string(), bytes, chars: idx.char_span(bytes) }
    }
}

/// A position held by a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The title as written (`secrétaire intérimaire`, `Foreign Secretary`); `None`
    /// for a bare affiliation.
    pub title: Option<TextSpan>,
    /// The title in the singular, lower-cased, when it is written in the
    /// plural because several people share it (`canciller` for `Los
    /// cancilleres de Argentina, X, y de Uruguay, Y`); `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_singular: Option<String>,
    /// Modifiers found in the title (`intérimaire`, `acting`), lower-cased.
    pub modifiers: Vec<String>,
    /// The agency, portfolio or jurisdiction as written, without the leading
    /// preposition and article (`Sécurité publique et de la Protection civile`).
    pub of: Option<TextSpan>,
    /// The agency the role belongs to: its canonical English name with the
    /// country (`Ministry of Foreign Affairs (Brazil)`, `U.S. Department of
    /// State`, `World Bank`) when the language data can name it, else the ORG
    /// entity the role is linked to, as written.
    pub org: Option<String>,
    /// The sentence the role was read from.
    pub evidence: TextSpan,
    /// Confidence in the role (0–1).
    pub confidence: f32,
}

impl Role {
    /// The title as one post name: [`title_singular`](Self::title_singular)
    /// when set, else the title as written.
    pub fn post_title(&self) -> Option<&str> {
        self.title_singular.as_deref().or(self.title.as_ref().map(|t| t.text.as_str()))
    }
}

/// A person named in the text, with all the mentions clustered together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id derived from the canonical name (`person/ralph-goodale`).
    pub id: String,
    /// The fullest name form in the text.
    pub name: String,
    /// Every PER mention of this person, in text order.
    pub mentions: Vec<TextSpan>,
    /// Roles, one per distinct position.
    pub roles: Vec<Role>,
}

/// What kind of contact an [`Interaction`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// An in-person meeting that took place.
    Meeting,
    /// A phone or video call (not a meeting).
    Call,
    /// A planned or future meeting (not a meeting held).
    Planned,
}

/// A date as written, normalised to ISO 8601 when it is explicit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// The date expression as written.
    pub span: TextSpan,
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when the year is written.
    pub iso: Option<String>,
}

/// A meeting (or a call, or a planned meeting) between named people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Meeting held, call, or planned meeting.
    pub kind: InteractionKind,
    /// Indices into [`Relations::people`].
    pub participants: Vec<usize>,
    /// The "met with" pairs (indices into [`Relations::people`], smaller first);
    /// members of the same side are not paired.
    pub pairs: Vec<[usize; 2]>,
    /// The predicate as written (`a rencontré`, `met with`).
    pub trigger: TextSpan,
    /// When, if the text says.
    pub date: Option<DateMention>,
    /// Where, if the text says (a LOC entity).
    pub place: Option<TextSpan>,
    /// The sentence that reports it.
    pub evidence: TextSpan,
    /// Confidence (0–1).
    pub confidence: f32,
}

/// A discussion: who discussed which topics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discussion {
    /// Indices into [`Relations::people`].
    pub participants: Vec<usize>,
    /// Each topic as an exact span of the text.
    pub topics: Vec<TextSpan>,
    /// The discussion predicate as written.
    pub trigger: TextSpan,
    /// The meeting this discussion belongs to (index into [`Relations::meetings`]).
    pub meeting: Option<usize>,
    /// The sentence that reports it.
    pub evidence: TextSpan,
    /// Confidence (0–1).
    pub confidence: f32,
}

/// Everything the relations stage found in one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Relations {
    /// The language code used (`fr`, `en`, …).
    pub language: String,
    /// Named people.
    pub people: Vec<Person>,
    /// Meetings that took place (kind [`InteractionKind::Meeting`]).
    pub meetings: Vec<Interaction>,
    /// Calls and planned meetings: contacts that are not meetings held.
    pub other_contacts: Vec<Interaction>,
    /// Discussions and their topics.
    pub discussions: Vec<Discussion>,
}

impl Relations {
    /// The distinct "met with" pairs as canonical names, in first-seen order.
    pub fn met_with(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for m in &self.meetings {
            for &[a, b] in &m.pairs {
                let p = (self.people[a].name.clone(), self.people[b].name.clone());
                let q = (p.1.clone(), p.0.clone());
                if !out.contains(&p) && !out.contains(&q) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// The person whose name or one of whose mentions is `name`.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.name == name)
            .or_else(|| self.people.iter().find(|p| p.mentions.iter().any(|m| m.text == name)))
    }
}

/// How the "met with" pairs of a document are decided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MeetingPairs {
    /// Every pair of people scored by the classifier trained on the written
    /// corpus (`data/models/met_with.json`), over features that include what
    /// the rules found (the default).
    #[default]
    Learned,
    /// The rules alone: a meeting predicate, its subject and its objects.
    Rules,
}

/// How the country of a role whose title and complement name none is
/// chosen (`le ministre des Affaires étrangères, X`: which of the countries
/// the document names), for its canonical agency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleCountries {
    /// Every country the document names scored by the trees trained on the
    /// written corpus (`data/models/country.json`), from where it is written
    /// relative to the role and the person (the default).
    #[default]
    Learned,
    /// The rules alone: the country nearest the title in the person's part
    /// of the sentence, else the dateline's, else the one named most.
    Rules,
}

/// One candidate country of a role (see
/// [`Relator::country_features_in`]).
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct CountryCandidate {
    /// Index into [`Relations::people`].
    pub person: usize,
    /// The role candidate (distinct per role of the document).
    pub role: usize,
    /// English country name.
    pub country: &'static str,
    /// The features of [`Relator::country_feature_names`].
    pub features: Vec<f32>,
}

/// The relations stage: compiled language data, built once and reused.
///
/// `Relator::default()` uses the embedded data for all six languages.
#[derive(Debug, Clone)]
pub struct Relator {
    langs: Vec<Lang>,
    furniture: furniture::Furniture,
    fallback: usize,
    pairs: MeetingPairs,
    /// A pair classifier read from a file instead of the embedded one.
    pair_file: Option<std::sync::Arc<pairs::PairModel>>,
    countries: RoleCountries,
}

impl Default for Relator {
    fn default() -> Self {
        Relator::builder().build().expect("embedded language data is valid")
    }
}

/// Builder for [`Relator`].
#[derive(Debug, Clone, Default)]
pub struct RelatorBuilder {
    languages: Option<Vec<String>>,
    data_dir: Option<PathBuf>,
    default_language: Option<String>,
    pairs: MeetingPairs,
    pair_model_file: Option<PathBuf>,
    countries: RoleCountries,
}

impl RelatorBuilder {
    /// Restrict detection to these language codes (default: every language available).
    pub fn languages<I, S>(&mut self, codes: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.languages = Some(codes.into_iter().map(Into::into).collect());
        self
    }

    /// Read `*.json` language files from `dir` in addition to the embedded ones;
    /// a file for a language that is also embedded replaces it.
    pub fn data_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// The language used when detection finds no evidence (default `en`, or
    /// the first language available).
    pub fn default_language(&mut self, code: impl Into<String>) -> &mut Self {
        self.default_language = Some(code.into());
        self
    }

    /// How meeting pairs are decided (default [`MeetingPairs::Learned`]).
    pub fn meeting_pairs(&mut self, pairs: MeetingPairs) -> &mut Self {
        self.pairs = pairs;
        self
    }

    /// How the country of a role that names none is chosen (default
    /// [`RoleCountries::Learned`]).
    pub fn role_countries(&mut self, countries: RoleCountries) -> &mut Self {
        self.countries = countries;
        self
    }

    /// Reads the met-with pair classifier from a file written by
    /// `tools/relations/train_pairs.py` instead of the embedded
    /// `data/models/met_with.json` (to score a retrained classifier without
    /// rebuilding; used with [`MeetingPairs::Learned`]).
    pub fn pair_model_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.pair_model_file = Some(path.into());
        self
    }

    /// Loads and compiles the language data.
    pub fn build(&self) -> Result<Relator> {
        let mut data = LanguageData::embedded();
        if let Some(dir) = &self.data_dir {
            for d in LanguageData::from_dir(dir)? {
                match data.iter_mut().find(|x| x.language == d.language) {
                    Some(slot) => *slot = d,
                    None => data.push(d),
                }
            }
        }
        if let Some(keep) = &self.languages {
            for code in keep {
                if !data.iter().any(|d| &d.language == code) {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!("no language data for `{code}`"),
                    ));
                }
            }
            data.retain(|d| keep.contains(&d.language));
        }
        if data.is_empty() {
            return Err(Error::new(ErrorKind::Config, "no language selected"));
        }
        let langs: Vec<Lang> = data.into_iter().map(Lang::compile).collect();
        let want = self.default_language.as_deref().unwrap_or("en");
        let fallback = langs.iter().position(|l| l.data.language == want).unwrap_or(0);
        if self.default_language.is_some() && langs[fallback].data.language != want {
            return Err(Error::new(
                ErrorKind::Config,
                format!("default language `{want}` is not loaded"),
            ));
        }
        let furniture = furniture::Furniture::new(&langs);
        let pair_file = match &self.pair_model_file {
            None => None,
            Some(path) => {
                let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                let model = pairs::PairModel::parse(&json).map_err(|e| {
                    Error::new(ErrorKind::Config, format!("{}: {e}", path.display()))
                })?;
                Some(std::sync::Arc::new(model))
            }
        };
        Ok(Relator {
            langs,
            furniture,
            fallback,
            pairs: self.pairs,
            pair_file,
            countries: self.countries,
        })
    }
}

impl Relator {
    /// A builder: `Relator::builder().languages(["fr", "en"]).data_dir(dir).build()?`.
    pub fn builder() -> RelatorBuilder {
        RelatorBuilder::default()
    }

    /// The codes of the loaded languages.
    pub fn languages(&self) -> Vec<&str> {
        self.langs.iter().map(|l| l.data.language.as_str()).collect()
    }

    /// The loaded data of one language.
    pub fn language_data(&self, code: &str) -> Option<&LanguageData> {
        self.langs.iter().find(|l| l.data.language == code).map(|l| &l.data)
    }

    /// Detects the language of `text`: the language whose function words
    /// (`function_words` in the data files) cover the most word tokens wins;
    /// ties and texts without evidence go to the default language.
    pub fn detect_language(&self, text: &str) -> &str {
        &self.langs[self.detect(text)].data.language
    }

    fn detect(&self, text: &str) -> usize {
        let lower = text.to_lowercase().replace('’', "'");
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .flat_map(|w| w.split_inclusive('\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut best = (0usize, self.fallback);
        for (i, l) in self.langs.iter().enumerate() {
            let s = l.score(&words);
            if s > best.0 {
                best = (s, i);
            }
        }
        best.1
    }

    /// The entities as the rules read them, in text order: invalid and nested
    /// spans dropped, then person mentions made consistent across the
    /// document (a title or portfolio the tagger took for a name dropped, a
    /// name glued to a title cut free, a name it missed or mistyped in one
    /// place restored from another). [`Extractor::extract`] reports these;
    /// [`Extractor::entities`] is the tagger's own output.
    ///
    /// [`Extractor::extract`]: crate::Extractor::extract
    /// [`Extractor::entities`]: crate::Extractor::entities
    pub fn repair(&self, text: &str, entities: &[Entity]) -> Vec<Entity> {
        pipeline::repair(&self.langs[self.detect(text)], &self.furniture, text, entities)
    }

    /// [`repair`](Self::repair) and [`relate`](Self::relate) with one language
    /// detection and one repair.
    pub(crate) fn repair_and_relate(
        &self,
        text: &str,
        entities: &[Entity],
    ) -> (Vec<Entity>, Relations) {
        self.repair_and_relate_in(None, text, entities)
    }

    /// [`repair_and_relate`](Self::repair_and_relate) with a given language
    /// (detection when `None` or unknown).
    pub(crate) fn repair_and_relate_in(
        &self,
        language: Option<&str>,
        text: &str,
        entities: &[Entity],
    ) -> (Vec<Entity>, Relations) {
        let lang = &self.langs[self.lang_index(language, text)];
        let repaired = pipeline::repair(lang, &self.furniture, text, entities);
        let relations = pipeline::relate_scored(
            lang,
            text,
            &repaired,
            self.pair_model(),
            self.country_model(),
            false,
        )
        .relations;
        (repaired, relations)
    }

    /// Runs the stage on one document, detecting its language.
    pub fn relate(&self, text: &str, entities: &[Entity]) -> Relations {
        self.relate_in(None, text, entities)
    }

    /// Runs the stage with a given language (detection when `None` or unknown).
    pub fn relate_in(&self, language: Option<&str>, text: &str, entities: &[Entity]) -> Relations {
        self.repair_and_relate_in(language, text, entities).1
    }

    fn country_model(&self) -> Option<&'static pairs::PairModel> {
        match self.countries {
            RoleCountries::Learned => Some(country::model()),
            RoleCountries::Rules => None,
        }
    }

    fn pair_model(&self) -> Option<&pairs::PairModel> {
        match self.pairs {
            MeetingPairs::Learned => {
                Some(self.pair_file.as_deref().unwrap_or_else(|| pairs::PairModel::embedded()))
            }
            MeetingPairs::Rules => None,
        }
    }

    /// The relations as the rules alone read them (no pair classifier), and
    /// the features of every pair of people named within a few sentences of
    /// each other, with the people indices of
    /// [`Relations::people`]: what `tools/relations/train_pairs.py` learns
    /// from (`rolegraph eval-relations --dump-pairs`).
    #[doc(hidden)]
    pub fn pair_features_in(
        &self,
        language: Option<&str>,
        text: &str,
        entities: &[Entity],
    ) -> (Relations, Vec<(usize, usize, Vec<f32>)>) {
        let lang = &self.langs[self.lang_index(language, text)];
        let repaired = pipeline::repair(lang, &self.furniture, text, entities);
        let scored =
            pipeline::relate_scored(lang, text, &repaired, None, self.country_model(), false);
        (scored.relations, scored.pairs.into_iter().map(|f| (f.a, f.b, f.values)).collect())
    }

    /// The relations with the rules' order of countries (no country model),
    /// and every candidate country of each role whose title and complement
    /// name none: what
    /// `tools/relations/train_countries.py` learns from (`rolegraph
    /// eval-relations --dump-countries`).
    #[doc(hidden)]
    pub fn country_features_in(
        &self,
        language: Option<&str>,
        text: &str,
        entities: &[Entity],
    ) -> (Relations, Vec<CountryCandidate>) {
        let lang = &self.langs[self.lang_index(language, text)];
        let repaired = pipeline::repair(lang, &self.furniture, text, entities);
        let scored = pipeline::relate_scored(lang, text, &repaired, self.pair_model(), None, true);
        (scored.relations, scored.countries)
    }

    /// The names of the country features, in the order of
    /// [`country_features_in`](Self::country_features_in).
    #[doc(hidden)]
    pub fn country_feature_names() -> &'static [&'static str] {
        country::FEATURES
    }

    /// The names of the pair features, in the order of
    /// [`pair_features_in`](Self::pair_features_in).
    #[doc(hidden)]
    pub fn pair_feature_names() -> &'static [&'static str] {
        pairs::FEATURES
    }

    /// The loaded language `language`, else the one detected in `text`.
    fn lang_index(&self, language: Option<&str>, text: &str) -> usize {
        language
            .and_then(|c| self.langs.iter().position(|l| l.data.language == c))
            .unwrap_or_else(|| self.detect(text))
    }
}

/// Lower-case ASCII slug of a name (`Ralph Goodale` → `ralph-goodale`, accents
/// folded), used for stable ids.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

pub(crate) fn fold_accent(c: char) -> char {
    const MAP: &[(&str, char)] = &[
        ("àáâãäåāą", 'a'),
        ("ÀÁÂÃÄÅĀĄ", 'A'),
        ("çćč", 'c'),
        ("ÇĆČ", 'C'),
        ("èéêëēęě", 'e'),
        ("ÈÉÊËĒĘĚ", 'E'),
        ("ìíîïī", 'i'),
        ("ÌÍÎÏĪ", 'I'),
        ("ñń", 'n'),
        ("ÑŃ", 'N'),
        ("òóôõöøō", 'o'),
        ("ÒÓÔÕÖØŌ", 'O'),
        ("ùúûüū", 'u'),
        ("ÙÚÛÜŪ", 'U'),
        ("ýÿ", 'y'),
        ("šś", 's'),
        ("ŠŚ", 'S'),
        ("žźż", 'z'),
        ("ŽŹŻ", 'Z'),
        ("ł", 'l'),
        ("Ł", 'L'),
        ("ß", 's'),
    ];
    for (set, to) in MAP {
        if set.contains(c) {
            return *to;
        }
    }
    c
}

impl std::fmt::Display for Relations {
    /// Plain-text tables: people and roles, meetings (and other contacts),
    /// discussed topics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "language: {}", self.language)?;
        writeln!(f, "\nPEOPLE")?;
        writeln!(f, "{:<28} {:<36} {:<44} org", "name", "title", "of")?;
        for p in &self.people {
            if p.roles.is_empty() {
                writeln!(f, "{:<28} {:<36} {:<44} -", p.name, "-", "-")?;
            }
            for (i, r) in p.roles.iter().enumerate() {
                let name = if i == 0 { p.name.as_str() } else { "" };
                let title = r.title.as_ref().map_or("-", |t| t.text.as_str());
                let of = r.of.as_ref().map_or("-", |t| t.text.as_str());
                writeln!(
                    f,
                    "{:<28} {:<36} {:<44} {}",
                    name,
                    title,
                    of,
                    r.org.as_deref().unwrap_or("-")
                )?;
            }
        }
        writeln!(f, "\nMEETINGS")?;
        writeln!(
            f,
            "{:<9} {:<44} {:<24} {:<12} {:<20} conf",
            "kind", "pairs", "trigger", "date", "place"
        )?;
        for m in self.meetings.iter().chain(&self.other_contacts) {
            let pairs: Vec<String> = m
                .pairs
                .iter()
                .map(|&[a, b]| format!("{} – {}", self.people[a].name, self.people[b].name))
                .collect();
            let kind = match m.kind {
                InteractionKind::Meeting => "meeting",
                InteractionKind::Call => "call",
                InteractionKind::Planned => "planned",
            };
            let date =
                m.date.as_ref().map(|d| d.iso.clone().unwrap_or_else(|| d.span.text.clone()));
            writeln!(
                f,
                "{:<9} {:<44} {:<24} {:<12} {:<20} {:.2}",
                kind,
                pairs.join("; "),
                m.trigger.text,
                date.as_deref().unwrap_or("-"),
                m.place.as_ref().map_or("-", |p| p.text.as_str()),
                m.confidence
            )?;
        }
        writeln!(f, "\nTOPICS")?;
        writeln!(f, "{:<44} {:<24} topic", "participants", "trigger")?;
        for d in &self.discussions {
            let names: Vec<&str> =
                d.participants.iter().map(|&i| self.people[i].name.as_str()).collect();
            for t in &d.topics {
                writeln!(f, "{:<44} {:<24} {}", names.join(", "), d.trigger.text, t.text)?;
            }
        }
        Ok(())
    }
}
