//! The decode stage: per-token label probabilities → words → constrained tag
//! sequence → entity spans in the caller's text.

mod scheme;

use ndarray::{Array2, ArrayView1, ArrayViewMut1};
use serde::{Deserialize, Serialize};

pub use scheme::{LabelScheme, Position, Scheme, Tag};

use crate::entity::Entity;
use crate::span::{CharIndex, Span};

/// How subword predictions become one prediction per word (the semantics of
/// `aggregation_strategy` in transformers' `TokenClassificationPipeline`).
/// Words are the tokenizer's pre-tokenizer words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// The word takes the first subword's label distribution.
    #[default]
    First,
    /// The word takes the mean of its subwords' distributions.
    Average,
    /// The word takes the distribution of its most confident subword.
    Max,
}

/// How word distributions become a tag sequence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decoding {
    /// Most likely sequence that obeys the label scheme (no `I-X` after `O`).
    #[default]
    Viterbi,
    /// Independent argmax per word, grouped leniently.
    Argmax,
}

/// Label probabilities for every token of one document, merged from
/// overlapping windows: each token keeps the prediction of the window in
/// which it had the most context on both sides.
pub(crate) struct TokenProbs {
    probs: Array2<f32>,
    /// 0 = no prediction yet, else 1 + the context of the kept prediction.
    context: Vec<usize>,
}

impl TokenProbs {
    pub(crate) fn new(tokens: usize, labels: usize) -> Self {
        TokenProbs { probs: Array2::zeros((tokens, labels)), context: vec![0; tokens] }
    }

    /// Offers logits for `token`, seen with `context` tokens on its poorer side.
    pub(crate) fn offer(&mut self, token: usize, context: usize, logits: ArrayView1<f32>) {
        let context = context.saturating_add(1);
        if context <= self.context[token] {
            return;
        }
        self.context[token] = context;
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut row = self.probs.row_mut(token);
        let mut sum = 0.0;
        for (p, &l) in row.iter_mut().zip(logits.iter()) {
            *p = (l - max).exp();
            sum += *p;
        }
        if sum.is_finite() && sum > 0.0 {
            row.mapv_inplace(|p| p / sum);
        } else {
            // Non-finite logits: fall back to a uniform distribution.
            let n = row.len() as f32;
            row.fill(1.0 / n);
        }
    }

    pub(crate) fn into_array(self) -> Array2<f32> {
        self.probs
    }
}

/// Decoder settings.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DecodeOptions {
    pub aggregation: Aggregation,
    pub decoding: Decoding,
}

/// Turns token probabilities into entities.
///
/// `offsets[t]` is token `t`'s byte range in `text` and `words[t]` its word id.
/// An entity's score is the mean, over its words, of the probability of the
/// tag decoded for that word.
pub(crate) fn entities(
    text: &str,
    offsets: &[(usize, usize)],
    words: &[Option<u32>],
    probs: &Array2<f32>,
    scheme: &LabelScheme,
    options: DecodeOptions,
    index: &CharIndex,
) -> Vec<Entity> {
    let groups = group_words(words);
    if groups.is_empty() {
        return Vec::new();
    }
    // One row per word: a long document's words in two flat matrices.
    let mut dists = Array2::zeros((groups.len(), probs.ncols()));
    for (g, row) in groups.iter().zip(dists.rows_mut()) {
        word_distribution(probs, g.clone(), options.aggregation, row);
    }
    let path: Vec<usize> = match options.decoding {
        Decoding::Viterbi => scheme.viterbi_matrix(dists.mapv(|p| p.max(1e-12).ln()).view()),
        Decoding::Argmax => dists.rows().into_iter().map(scheme::argmax_row).collect(),
    };
    let mut out: Vec<Entity> = Vec::new();
    for (ws, we, ty) in scheme.spans(&path) {
        // Not before the end of the previous entity, which may have taken the
        // period of an initialism this one starts with.
        let start = offsets[groups[ws].start].0.max(out.last().map_or(0, |p| p.bytes.end));
        let end = offsets[groups[we - 1].end - 1].1;
        let Some(bytes) = trimmed(text, start, end) else { continue };
        let Some(bytes) = without_stray_punctuation(text, bytes) else { continue };
        let bytes = with_initialism_dot(text, bytes);
        let score = (ws..we).map(|w| dists[[w, path[w]]]).sum::<f32>() / (we - ws) as f32;
        let label = &scheme.entity_types()[ty];
        // `[U.S.]LOC [Embassy]ORG`: a place right before an organisation names it.
        if let Some(prev) = out.last_mut().filter(|p: &&mut Entity| {
            p.label == "LOC" && label == "ORG" && &text[p.bytes.end..bytes.start] == " "
        }) {
            let joined = Span::new(prev.bytes.start, bytes.end);
            *prev = Entity::new(text, index, joined, label.clone(), prev.score.min(score));
            continue;
        }
        out.push(Entity::new(text, index, bytes, label.clone(), score));
    }
    out
}

/// Token index ranges of consecutive tokens sharing a word id.
fn group_words(words: &[Option<u32>]) -> Vec<std::ops::Range<usize>> {
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (t, w) in words.iter().enumerate() {
        match (groups.last_mut(), w) {
            (Some(g), Some(w)) if words[g.start] == Some(*w) => g.end = t + 1,
            _ => groups.push(t..t + 1),
        }
    }
    groups
}

/// Writes the distribution of the word made of `tokens` into `out`.
fn word_distribution(
    probs: &Array2<f32>,
    tokens: std::ops::Range<usize>,
    how: Aggregation,
    mut out: ArrayViewMut1<f32>,
) {
    let row = |t: usize| probs.row(t);
    match how {
        Aggregation::First => out.assign(&row(tokens.start)),
        Aggregation::Average => {
            let n = tokens.len() as f32;
            for t in tokens {
                for (a, p) in out.iter_mut().zip(row(t)) {
                    *a += p / n;
                }
            }
        }
        Aggregation::Max => {
            let peak = |t: usize| row(t).iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let best =
                tokens.clone().fold(tokens.start, |b, t| if peak(t) > peak(b) { t } else { b });
            out.assign(&row(best));
        }
    }
}

/// `start..end` widened to char boundaries and trimmed of whitespace.
fn trimmed(text: &str, mut start: usize, mut end: usize) -> Option<Span> {
    end = end.min(text.len());
    start = start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let span = Span::new(start + lead, end - trail);
    (!span.is_empty() && lead + trail < slice.len()).then_some(span)
}

/// Quotes and brackets that open (first) and close (second) a span.
const PAIRS: [(char, char); 8] = [
    ('«', '»'),
    ('“', '”'),
    ('„', '“'),
    ('‹', '›'),
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('"', '"'),
];

/// `span` without a quote or bracket at either end whose partner is not in
/// the span (`Union européenne»`, `(ONU`), nor a comma, semicolon or colon
/// at either end: the tagger labels the pre-tokenizer's punctuation pieces
/// one by one and sometimes lets one into the entity. `None` if nothing is
/// left.
fn without_stray_punctuation(text: &str, span: Span) -> Option<Span> {
    let (mut start, mut end) = (span.start, span.end);
    loop {
        let s = &text[start..end];
        let (Some(first), Some(last)) = (s.chars().next(), s.chars().next_back()) else {
            return None;
        };
        let stray = |c: char, at_start: bool| {
            ",;:".contains(c)
                || PAIRS.iter().any(|&(open, close)| {
                    let count = |x: char| s.chars().filter(|&y| y == x).count();
                    if open == close {
                        c == open && count(c) % 2 == 1
                    } else if at_start {
                        c == open && count(close) < count(open)
                    } else {
                        c == close && count(open) < count(close)
                    }
                })
        };
        let rest = if stray(first, true) {
            trimmed(text, start + first.len_utf8(), end)?
        } else if stray(last, false) {
            trimmed(text, start, end - last.len_utf8())?
        } else {
            return Some(Span::new(start, end));
        };
        (start, end) = (rest.start, rest.end);
    }
}

/// `span` with the period that closes an initialism (`U.S.`, `D.C.`,
/// `U.K.`) when the span stops just before it. A tagger reading the
/// pre-tokenizer's separate `.` pieces often leaves the last one out (`U.S
/// Embassy`), while corpora and users count it as part of the name.
fn with_initialism_dot(text: &str, span: Span) -> Span {
    let last_word = text[span.range()].rsplit(char::is_whitespace).next().unwrap_or_default();
    let initialism = last_word.contains('.')
        && last_word.split('.').all(|p| (1..=2).contains(&p.chars().count()))
        && last_word.split('.').all(|p| p.chars().all(char::is_alphabetic));
    if initialism && text[span.end..].starts_with('.') {
        Span::new(span.start, span.end + 1)
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn iob2() -> LabelScheme {
        let labels: Vec<String> =
            ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"].iter().map(|s| s.to_string()).collect();
        LabelScheme::parse(&labels, None).unwrap()
    }

    #[test]
    fn words_and_spans_come_from_the_original_text() {
        // "Ana  Souza visitou São Paulo" with subwords "Sou" "##za".
        let text = "Ana  Souza visitou São Paulo";
        let offsets = [(0, 3), (5, 8), (8, 10), (11, 18), (19, 23), (24, 29)];
        let words = [Some(0), Some(1), Some(1), Some(2), Some(3), Some(4)];
        let probs = array![
            [0.1, 0.8, 0.05, 0.03, 0.02],
            [0.1, 0.1, 0.7, 0.05, 0.05],
            [0.9, 0.02, 0.02, 0.03, 0.03], // second subword says O: ignored by `first`
            [0.96, 0.01, 0.01, 0.01, 0.01],
            [0.1, 0.0, 0.0, 0.8, 0.1],
            [0.1, 0.0, 0.0, 0.1, 0.8],
        ];
        let index = CharIndex::new(text);
        let ents =
            entities(text, &offsets, &words, &probs, &iob2(), DecodeOptions::default(), &index);
        let got: Vec<(&str, &str)> =
            ents.iter().map(|e| (e.label.as_str(), e.text.as_str())).collect();
        assert_eq!(got, [("PER", "Ana  Souza"), ("LOC", "São Paulo")]);
        let loc = &ents[1];
        assert_eq!(&text[loc.bytes.range()], "São Paulo");
        assert_eq!(loc.chars, Span::new(19, 28));
        assert!((ents[0].score - 0.75).abs() < 1e-6);
    }

    /// One-hot rows for `labels` (indices into O, B-LOC, I-LOC, B-ORG, I-ORG).
    fn one_hot(labels: &[usize]) -> Array2<f32> {
        let mut p = Array2::zeros((labels.len(), 5));
        for (t, &l) in labels.iter().enumerate() {
            p[[t, l]] = 1.0;
        }
        p
    }

    #[test]
    fn a_place_right_before_an_organisation_names_it() {
        let labels: Vec<String> =
            ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG"].iter().map(|s| s.to_string()).collect();
        let scheme = LabelScheme::parse(&labels, None).unwrap();
        // "the U.S. Embassy in Ottawa": one word per piece, as a BERT pre-tokenizer splits it.
        let text = "the U.S. Embassy in Ottawa";
        let offsets = [(0, 3), (4, 5), (5, 6), (6, 7), (7, 8), (9, 16), (17, 19), (20, 26)];
        let words: Vec<Option<u32>> = (0..8).map(Some).collect();
        let index = CharIndex::new(text);
        let run = |tags: &[usize]| {
            let ents = entities(
                text,
                &offsets,
                &words,
                &one_hot(tags),
                &scheme,
                DecodeOptions::default(),
                &index,
            );
            ents.into_iter().map(|e| (e.label, e.text)).collect::<Vec<_>>()
        };
        let want =
            [("ORG".to_string(), "U.S. Embassy".to_string()), ("LOC".into(), "Ottawa".into())];
        // The last period left out of the place, or taken by the organisation.
        assert_eq!(run(&[0, 1, 2, 2, 0, 3, 0, 1]), want);
        assert_eq!(run(&[0, 1, 2, 2, 3, 4, 0, 1]), want);
        // Not across a word: "Embassy in Ottawa" stays two entities.
        assert_eq!(run(&[0, 0, 0, 0, 0, 3, 0, 1]).len(), 2);
    }

    #[test]
    fn average_and_max_aggregate_subwords() {
        let text = "Souza";
        let offsets = [(0, 3), (3, 5)];
        let words = [Some(0), Some(0)];
        let probs = array![[0.6, 0.4, 0.0, 0.0, 0.0], [0.0, 0.95, 0.05, 0.0, 0.0]];
        let idx = CharIndex::new(text);
        let run = |aggregation| {
            let opts = DecodeOptions { aggregation, decoding: Decoding::Viterbi };
            entities(text, &offsets, &words, &probs, &iob2(), opts, &idx).len()
        };
        assert_eq!(run(Aggregation::First), 0);
        assert_eq!(run(Aggregation::Average), 1);
        assert_eq!(run(Aggregation::Max), 1);
    }

    #[test]
    fn token_probs_accept_unbounded_context() {
        // A one-window document has no window edge on either side.
        let mut tp = TokenProbs::new(1, 2);
        tp.offer(0, usize::MAX, array![0.0, 5.0].view());
        assert!(tp.into_array()[[0, 1]] > 0.9);
    }

    #[test]
    fn token_probs_prefer_more_context() {
        let mut tp = TokenProbs::new(1, 2);
        tp.offer(0, 1, array![0.0, 5.0].view());
        tp.offer(0, 0, array![5.0, 0.0].view());
        assert!(tp.probs[[0, 1]] > 0.9);
        tp.offer(0, 3, array![5.0, 0.0].view());
        assert!(tp.probs[[0, 0]] > 0.9);
        tp.offer(0, 4, array![f32::NAN, 0.0].view());
        assert!(tp.into_array().iter().all(|p| p.is_finite()));
    }

    #[test]
    fn stray_quotes_brackets_and_commas_are_not_part_of_an_entity() {
        fn without(text: &str) -> Option<&str> {
            without_stray_punctuation(text, Span::new(0, text.len())).map(|s| &text[s.range()])
        }
        assert_eq!(without("Union européenne»"), Some("Union européenne"));
        assert_eq!(without("« Tobol »"), Some("« Tobol »"));
        assert_eq!(without("« Tobol"), Some("Tobol"));
        assert_eq!(without("(ONU"), Some("ONU"));
        assert_eq!(
            without("Organisation des Nations unies (ONU)"),
            Some("Organisation des Nations unies (ONU)")
        );
        assert_eq!(without("Paris,"), Some("Paris"));
        assert_eq!(without("\"Guardian"), Some("Guardian"));
        assert_eq!(without("\"Mr. Big\""), Some("\"Mr. Big\""));
        assert_eq!(without("“Kleine Zeitung”»"), Some("“Kleine Zeitung”"));
        assert_eq!(without("»"), None);
        assert_eq!(without(", ;"), None);
        assert_eq!(without("O'Brien"), Some("O'Brien"));
    }

    #[test]
    fn initialisms_keep_their_closing_period() {
        fn with(text: &str, a: usize, b: usize) -> &str {
            &text[with_initialism_dot(text, Span::new(a, b)).range()]
        }
        assert_eq!(with("the U.S. Embassy", 4, 7), "U.S.");
        assert_eq!(with("in Washington D.C.", 3, 17), "Washington D.C.");
        assert_eq!(with("à l'ONU.", 5, 8), "ONU");
        assert_eq!(with("Mr. Smith.", 4, 9), "Smith");
        assert_eq!(with("Kelly.", 0, 5), "Kelly");
        assert_eq!(with("U.S", 0, 3), "U.S");
        assert_eq!(with("e.g.", 0, 3), "e.g.");
        assert_eq!(with("Ö.V. Wien", 0, 4), "Ö.V.");
    }

    #[test]
    fn trimming_handles_whitespace_only_and_multibyte() {
        assert_eq!(trimmed("  \t ", 0, 4), None);
        assert_eq!(trimmed(" é ", 0, 4), Some(Span::new(1, 3)));
        assert_eq!(trimmed("é", 1, 2), Some(Span::new(0, 2)));
    }
}
