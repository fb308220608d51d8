//! Per-language resources (`data/lang/<code>.json`) and their compiled form.
//!
//! Every language file has the same keys (see [`LanguageData`]); the six
//! shipped files are embedded at build time and a directory given to
//! [`RelatorBuilder::data_dir`](super::RelatorBuilder::data_dir) may add
//! languages or replace embedded ones (a file `xx.json` there wins over the
//! embedded `xx`). Phrase lists are matched case-insensitively on whole
//! tokens, leftmost-longest; see the crate-internal `text` module.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::text::{normalize_phrase, Phrases};
use crate::error::{Error, ErrorKind, Result};

/// The embedded language files, `(code, JSON text)`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("de", include_str!("../../data/lang/de.json")),
    ("en", include_str!("../../data/lang/en.json")),
    ("es", include_str!("../../data/lang/es.json")),
    ("fr", include_str!("../../data/lang/fr.json")),
    ("it", include_str!("../../data/lang/it.json")),
    ("pt", include_str!("../../data/lang/pt.json")),
];

/// The contents of one language file. All phrase lists are written in plain
/// lower case; matching ignores case and typographic apostrophes.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LanguageData {
    /// ISO 639-1 code (`fr`), also the file stem.
    pub language: String,
    /// English name of the language.
    pub name: String,
    /// Frequent function words, used by language detection.
    pub function_words: Vec<String>,
    /// The countries where the language is official (English names as in
    /// `data/agency/countries.json`): a prior of the role-country model.
    #[serde(default)]
    pub official_in: Vec<String>,
    /// Words of travel written before a destination (`visit`, `Besuch`,
    /// `gira`): a country written after one is where a person goes, not
    /// whom they serve (a feature of the role-country model).
    #[serde(default)]
    pub visit_words: Vec<String>,
    /// Job titles, from heads (`ministre`) to fused titles (`secrétaire d'état`).
    pub titles: Vec<String>,
    /// Plural title words and their singular (`cancilleres` → `canciller`).
    /// They are titles too; a title shared by several people (`Los
    /// cancilleres de Argentina, X, y de Uruguay, Y`) is reported with its
    /// singular in `Role::title_singular`.
    pub title_plurals: BTreeMap<String, String>,
    /// Word endings that make a compound word a title (`…minister` in German).
    pub title_suffixes: Vec<String>,
    /// When `true`, capitalised words right before a title belong to it
    /// (`Public Safety Minister`, `Homeland Security Secretary`).
    pub capitalized_prefix_titles: bool,
    /// Portfolio words that belong to a title written right before it, even
    /// where the NER stage tags them as an organisation or a miscellaneous
    /// entity (`Interior` in `Interior Secretary`, `public safety minister`).
    pub portfolio_prefixes: Vec<String>,
    /// Words of rank that belong to a title written right after them, in
    /// every inflected form (`Erste Bürgermeister`, `Hohen Vertreterin`,
    /// `Parlamentarische Staatssekretärin`).
    #[serde(default)]
    pub rank_prefixes: Vec<String>,
    /// Counterpart descriptions (`homologue`, `counterpart`): kept as a title
    /// only for a person with no other role.
    pub counterpart_titles: Vec<String>,
    /// Title modifiers kept in the title and reported apart (`intérimaire`, `acting`).
    pub modifiers: Vec<String>,
    /// Words that introduce a title held by the clause's subject (`as`, `en tant que`, `als`).
    pub predicative_markers: Vec<String>,
    /// Prepositions of a passive agent (`par`, `by`, `vom`, `pelo`): after a
    /// predicative marker they make it a passive (`wurde vom Botschafter
    /// begleitet`), whose title is not the subject's.
    #[serde(default)]
    pub agent_prepositions: Vec<String>,
    /// Honorifics between a title and a name (`l'honorable`, `Mr.`).
    pub honorifics: Vec<String>,
    /// Prepositions (with articles) that open a portfolio complement; they are
    /// stripped from `of` (`de la`, `des`, `of`, `degli`).
    pub of_prepositions: Vec<String>,
    /// Articles and possessives before a title.
    pub determiners: Vec<String>,
    /// Endings (or whole words) of nationality adjectives written between a
    /// title and a name (`président allemand X`, `chefe da diplomacia
    /// guineense, X`); they are not part of the title.
    pub demonym_suffixes: Vec<String>,
    /// Meeting predicates with a subject and an object (`a rencontré`, `met with`).
    pub meeting_triggers: Vec<String>,
    /// Predicates that are meetings unless the document speaks of a call
    /// (`s'est entretenu avec`, `held discussions with`).
    pub weak_meeting_triggers: Vec<String>,
    /// Predicates whose participants are all the named people of the clause
    /// (`se sont rencontrés`, `se reunieron`, `meeting between`).
    pub reciprocal_meeting_triggers: Vec<String>,
    /// Cues of a phone or video call (`téléphonique`, `phone call`).
    pub call_cues: Vec<String>,
    /// Cues of a planned, future meeting (`will meet`, `se reunirá`).
    pub planned_cues: Vec<String>,
    /// Cues of separate audiences (`séparément`, `separately`).
    pub separate_cues: Vec<String>,
    /// Cues of officials present at or accompanying a meeting, or of a
    /// delegation (`en présence de`, `accompanied by`, `delegation`): features
    /// of the met-with pair classifier.
    #[serde(default)]
    pub presence_cues: Vec<String>,
    /// Cues that name officials present at a meeting or accompanying one of
    /// its sides (`en présence de`, `accompanied by`, `nahm … teil`; no
    /// delegation words): the attendees of [`sides`](super::sides).
    #[serde(default)]
    pub attendance_cues: Vec<String>,
    /// The attendance cues that say whom the attendee accompanies
    /// (`accompagné de`, `begleitet von`).
    #[serde(default)]
    pub accompaniment_cues: Vec<String>,
    /// Cues of a contact block or byline (`contact`, `renseignements`,
    /// `Pressekontakt`): people named there rarely take part in a meeting.
    #[serde(default)]
    pub contact_cues: Vec<String>,
    /// Headings of page furniture (`liens connexes`, `related links`): a line
    /// that is only one of them holds no entity, whatever the document's
    /// language.
    #[serde(default)]
    pub page_headings: Vec<String>,
    /// Words that open a source line (`source`, `fuente`, `quelle`): in
    /// capitals or before a colon, the rest of the line is the publisher.
    #[serde(default)]
    pub source_markers: Vec<String>,
    /// Words between the two ends of a date range (`au`, `to`, `bis`, `y`).
    #[serde(default)]
    pub date_range_words: Vec<String>,
    /// Month names that are also common words (`may`): a date alone only
    /// when capitalised.
    #[serde(default)]
    pub month_homographs: Vec<String>,
    /// Days named relative to now (`hier`, `yesterday`): not dates.
    #[serde(default)]
    pub relative_days: Vec<String>,
    /// Portfolio phrases and the English portfolio they name
    /// (`affaires étrangères` → `Foreign Affairs`), matched at word starts in a
    /// role's title and complement: the canonical agency is then `Ministry of
    /// <portfolio> (<country>)` or a name from `data/agency/names.json`.
    #[serde(default)]
    pub portfolios: BTreeMap<String, String>,
    /// Organisations and their canonical English name (`banque mondiale` →
    /// `World Bank`), matched as whole words in a role.
    #[serde(default)]
    pub organisations: BTreeMap<String, String>,
    /// Items of a written portfolio list and their English wording in
    /// official ministry names (`intégration africaine` → `African
    /// Integration`, `prospective` → `Prospective`): a complement whose every
    /// item is listed names `Ministry of <A>, <B> and <C> (<country>)`.
    #[serde(default)]
    pub portfolio_words: BTreeMap<String, String>,
    /// Words that head an organisation's name and their English
    /// (`federación` → `Federation`, `universidad` → `University`), with the
    /// adjectives and the nouns of its `de`-complements (`colombiana` →
    /// `Colombian`, `fútbol` → `Football`): an organisation written with
    /// these words only is named in English (`relate::orgname`).
    #[serde(default)]
    pub org_heads: BTreeMap<String, String>,
    /// Adjectives of organisation names and their English (`nacional` →
    /// `National`, `colombiana` → `Colombian`), see `org_heads`.
    #[serde(default)]
    pub org_adjectives: BTreeMap<String, String>,
    /// Nouns of an organisation's `de`-complement and their English (`fútbol`
    /// → `Football`), see `org_heads`.
    #[serde(default)]
    pub org_nouns: BTreeMap<String, String>,
    /// Ambassador titles (`ambassadeur`, `Botschafterin`): their agency is
    /// `Embassy of <sending country> in <host country>`.
    #[serde(default)]
    pub ambassador_titles: Vec<String>,
    /// Parts of titles that head a ministry or government department
    /// (`minist`, `secrétaire`, `Senator`), found anywhere in the title
    /// (`Bundesministerin`): only their complements are read as a list of
    /// portfolios (`Admiral` of the `Navy` names no ministry).
    #[serde(default)]
    pub ministry_titles: Vec<String>,
    /// Mayors' titles, found anywhere in the title (`maire`,
    /// `Oberbürgermeisterin`): `maire de Lille` → `City of Lille`.
    #[serde(default)]
    pub mayor_titles: Vec<String>,
    /// Titles of members of a lower (or only) chamber (`député`, `MP`,
    /// `Abgeordnete`) and of an upper one (`sénateur`): their agency is the
    /// chamber of their country (`data/agency/legislatures.json`).
    #[serde(default)]
    pub deputy_titles: Vec<String>,
    /// Titles of members of an upper chamber (`sénateur`, `Senator`).
    #[serde(default)]
    pub senator_titles: Vec<String>,
    /// Names of lower and single chambers (`national assembly`,
    /// `Bundestag`) and of upper chambers (`senate`): a role whose complement
    /// names one belongs to that chamber of the country's legislature
    /// (`Speaker of the National Assembly` → `National Assembly of Kenya`).
    #[serde(default)]
    pub lower_chambers: Vec<String>,
    /// Names of upper chambers (`senate`, `Bundesrat`); see `lower_chambers`.
    #[serde(default)]
    pub upper_chambers: Vec<String>,
    /// When `true`, complements are already official English (`Minister of
    /// Investment and Downstreaming`): a minister whose portfolio the
    /// lexicon lacks gets `Ministry of <complement> (<country>)`.
    #[serde(default)]
    pub ministry_from_complement: bool,
    /// When `true`, a title's complement may be a place in the genitive
    /// with no preposition or article before it (German `der Botschafter
    /// Ghanas in Deutschland, X`, `Vize-Premierminister Polens, X`).
    #[serde(default)]
    pub genitive_place_complements: bool,
    /// Words that introduce an ambassador's host country (`en`, `au`, `to`,
    /// `in`): `ambassadeur du Japon en Zambie`.
    #[serde(default)]
    pub host_prepositions: Vec<String>,
    /// Consuls' titles (`consul`, `Konsulin`), and those of consuls general
    /// (`consul général`, `Generalkonsul`): `Consulate (General) of <sender>
    /// in <city>` when the complement names the city.
    #[serde(default)]
    pub consul_titles: Vec<String>,
    /// See `consul_titles`.
    #[serde(default)]
    pub consul_general_titles: Vec<String>,
    /// Titles whose holder has no agency (heads of state and government,
    /// royalty, ranks, spouses, an ambassador without an embassy).
    #[serde(default)]
    pub no_agency_titles: Vec<String>,
    /// Deputies of the head of government, whose agency is the government
    /// itself (`vice-premier ministre` → `Government of Luxembourg`): the
    /// whole title, or the title with its complement (`vicepresidente del
    /// consiglio`).
    #[serde(default)]
    pub government_titles: Vec<String>,
    /// Discussion predicates followed by their topic (`ont discuté de`, `discussed`).
    pub discussion_triggers: Vec<String>,
    /// Predicates whose topic comes later after a topic preposition
    /// (`held discussions with X on …`, `sprachen … über`).
    pub deferred_discussion_triggers: Vec<String>,
    /// Prepositions that introduce the topic of a deferred trigger (`on`, `über`).
    pub topic_intros: Vec<String>,
    /// Passive participles whose topic precedes them (`ont été abordés`).
    pub passive_discussion_triggers: Vec<String>,
    /// Auxiliaries of passive discussion predicates (`ont`, `été`, `were`).
    pub passive_auxiliaries: Vec<String>,
    /// Governing prepositions dropped at the start of a topic (`de`, `des`, `about`).
    pub topic_prepositions: Vec<String>,
    /// Words that cannot start a topic (the trigger was not followed by its object).
    pub topic_reject_starts: Vec<String>,
    /// Additive connectors that start a new topic (`ainsi que`, `as well as`, `sowie`).
    pub additive_connectors: Vec<String>,
    /// Coordinating conjunctions (`et`, `and`).
    pub conjunctions: Vec<String>,
    /// Interrogatives that start a coordinated object clause (`comment`, `how`).
    pub interrogatives: Vec<String>,
    /// Words that, after a comma, end a topic (relatives, pronouns, speech verbs).
    pub clause_stops: Vec<String>,
    /// Words that end a topic even without a comma (`qui`, `during`).
    pub relative_stops: Vec<String>,
    /// Endings of gerunds that, after a comma, end a topic (`ant`, `ing`, `ando`).
    pub gerund_suffixes: Vec<String>,
    /// Group references to the participants (`les deux homologues`, `beide`).
    pub group_references: Vec<String>,
    /// Plural pronouns referring to the participants (`ils`, `they`).
    pub plural_pronouns: Vec<String>,
    /// Adverbs ignored while matching predicates (`aussi`, `also`, `auch`).
    pub skip_adverbs: Vec<String>,
    /// Weekday and deictic words that cannot be a topic or object.
    pub weekdays: Vec<String>,
    /// Words meaning "today" (the meeting takes the dateline's date).
    pub today_words: Vec<String>,
    /// Month names and abbreviations with their number.
    pub months: BTreeMap<String, u32>,
    /// Prepositions that introduce the place of a meeting (`à`, `in`).
    pub place_prepositions: Vec<String>,
    /// Abbreviations whose final dot does not end a sentence (`m`, `dr`).
    pub abbreviations: Vec<String>,
}

impl LanguageData {
    /// Parses one language file.
    pub fn from_json(json: &str, origin: &str) -> Result<LanguageData> {
        let data: LanguageData = serde_json::from_str(json).map_err(|e| {
            Error::new(ErrorKind::LanguageData, format!("language file {origin}: {e}"))
                .with_path(origin)
        })?;
        if data.language.is_empty() {
            return Err(Error::new(
                ErrorKind::LanguageData,
                format!("language file {origin}: empty `language`"),
            )
            .with_path(origin));
        }
        Ok(data)
    }

    /// The embedded language files, parsed.
    pub fn embedded() -> Vec<LanguageData> {
        EMBEDDED
            .iter()
            .map(|(code, json)| {
                LanguageData::from_json(json, code).expect("embedded language data is valid")
            })
            .collect()
    }

    /// Every `*.json` file of `dir`, parsed, sorted by file name.
    pub fn from_dir(dir: &Path) -> Result<Vec<LanguageData>> {
        json_files(dir)?
            .iter()
            .map(|p| {
                let json = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                LanguageData::from_json(&json, &p.to_string_lossy()).map_err(|e| e.with_path(p))
            })
            .collect()
    }
}

/// A language file compiled into matchers (built once per [`Relator`](super::Relator)).
#[derive(Debug, Clone)]
pub(crate) struct Lang {
    pub data: LanguageData,
    pub function_words: HashSet<String>,
    pub titles: Phrases,
    /// Plural title word (normalised) → singular.
    pub title_plurals: BTreeMap<String, String>,
    pub counterparts: Phrases,
    pub portfolio_prefixes: Phrases,
    pub rank_prefixes: Phrases,
    pub title_suffixes: Vec<String>,
    pub modifiers: Phrases,
    pub honorifics: Phrases,
    pub predicative: Phrases,
    pub agent_prepositions: Phrases,
    pub of_prepositions: Phrases,
    pub determiners: Phrases,
    pub meeting: Phrases,
    pub weak_meeting: Phrases,
    pub reciprocal_meeting: Phrases,
    pub call_cues: Phrases,
    pub planned_cues: Phrases,
    pub separate_cues: Phrases,
    pub presence_cues: Phrases,
    pub attendance_cues: Phrases,
    pub accompaniment_cues: Phrases,
    pub contact_cues: Phrases,
    pub discussion: Phrases,
    pub deferred_discussion: Phrases,
    pub topic_intros: Phrases,
    pub passive_discussion: Phrases,
    pub passive_aux: Phrases,
    pub topic_prepositions: Phrases,
    pub topic_reject: Phrases,
    pub additive: Phrases,
    pub conjunctions: Phrases,
    pub interrogatives: Phrases,
    pub clause_stops: Phrases,
    pub relative_stops: Phrases,
    pub group_refs: Phrases,
    pub plural_pronouns: Phrases,
    pub skip_adverbs: Vec<Vec<String>>,
    pub weekdays: Phrases,
    pub today_words: Phrases,
    pub months: BTreeMap<String, u32>,
    pub place_prepositions: Phrases,
    pub abbreviations: HashSet<String>,
    /// Words that may join the items of a portfolio list: the function
    /// words, `of` prepositions, determiners and conjunctions, split into
    /// words (`de`, `la`, `l`, `et`).
    pub glue: HashSet<String>,
    /// The keys of `data.portfolio_words` (in its order), found all at once.
    pub portfolio_matcher: AhoCorasick,
    /// The values of `data.portfolio_words`, by pattern of `portfolio_matcher`.
    pub portfolio_names: Vec<String>,
}

impl Lang {
    pub fn compile(data: LanguageData) -> Lang {
        let p = |v: &Vec<String>| Phrases::new(v);
        let set = |v: &Vec<String>| v.iter().map(|w| normalize_phrase(w)).collect::<HashSet<_>>();
        Lang {
            function_words: set(&data.function_words),
            titles: p(&data.titles.iter().chain(data.title_plurals.keys()).cloned().collect()),
            title_plurals: data
                .title_plurals
                .iter()
                .map(|(k, v)| (normalize_phrase(k), v.to_lowercase()))
                .collect(),
            counterparts: p(&data.counterpart_titles),
            portfolio_prefixes: p(&data.portfolio_prefixes),
            rank_prefixes: p(&data.rank_prefixes),
            title_suffixes: data.title_suffixes.iter().map(|s| s.to_lowercase()).collect(),
            modifiers: p(&data.modifiers),
            honorifics: p(&data.honorifics),
            predicative: p(&data.predicative_markers),
            agent_prepositions: p(&data.agent_prepositions),
            of_prepositions: p(&data.of_prepositions),
            determiners: p(&data.determiners),
            meeting: p(&data.meeting_triggers),
            weak_meeting: p(&data.weak_meeting_triggers),
            reciprocal_meeting: p(&data.reciprocal_meeting_triggers),
            call_cues: p(&data.call_cues),
            planned_cues: p(&data.planned_cues),
            separate_cues: p(&data.separate_cues),
            presence_cues: p(&data.presence_cues),
            attendance_cues: p(&data.attendance_cues),
            accompaniment_cues: p(&data.accompaniment_cues),
            contact_cues: p(&data.contact_cues),
            discussion: p(&data.discussion_triggers),
            deferred_discussion: p(&data.deferred_discussion_triggers),
            topic_intros: p(&data.topic_intros),
            passive_discussion: p(&data.passive_discussion_triggers),
            passive_aux: p(&data.passive_auxiliaries),
            topic_prepositions: p(&data.topic_prepositions),
            topic_reject: p(&data.topic_reject_starts),
            additive: p(&data.additive_connectors),
            conjunctions: p(&data.conjunctions),
            interrogatives: p(&data.interrogatives),
            clause_stops: p(&data.clause_stops),
            relative_stops: p(&data.relative_stops),
            group_refs: p(&data.group_references),
            plural_pronouns: p(&data.plural_pronouns),
            skip_adverbs: data
                .skip_adverbs
                .iter()
                .map(|a| normalize_phrase(a).split(' ').map(str::to_string).collect())
                .collect(),
            weekdays: p(&data.weekdays),
            today_words: p(&data.today_words),
            months: data.months.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect(),
            place_prepositions: p(&data.place_prepositions),
            abbreviations: data.abbreviations.iter().map(|a| a.to_lowercase()).collect(),
            glue: data
                .function_words
                .iter()
                .chain(&data.of_prepositions)
                .chain(&data.determiners)
                .chain(&data.conjunctions)
                .flat_map(|p| {
                    p.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect(),
            portfolio_matcher: AhoCorasick::new(data.portfolio_words.keys())
                .expect("portfolio words are short literal strings"),
            portfolio_names: data.portfolio_words.values().cloned().collect(),
            data,
        }
    }

    /// `true` when the word looks like a nationality adjective: it equals one
    /// of `demonym_suffixes` or ends with one and has more than `min_stem`
    /// other characters.
    pub fn is_demonym_word(&self, w: &str, min_stem: usize) -> bool {
        let n = w.chars().count();
        self.data
            .demonym_suffixes
            .iter()
            .any(|s| w == s || (n > s.chars().count() + min_stem && w.ends_with(s.as_str())))
    }

    /// `true` when the (normalised) word is a compound title by suffix.
    pub fn is_suffix_title(&self, w: &str) -> bool {
        self.title_suffixes.iter().any(|s| w.ends_with(s.as_str()))
    }

    /// Function-word score of a token list, for language detection.
    pub fn score(&self, words: &[&str]) -> usize {
        words.iter().filter(|w| self.function_words.contains(**w)).count()
    }
}

/// The `*.json` files of `dir`, sorted by name.
pub(crate) fn json_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}
