//! The tokenize stage: `tokenizer.json` with byte offsets into the original
//! text, and the overlapping windows a long document is cut into.

use std::borrow::Cow;
use std::path::Path;

use tokenizers::{Encoding, Tokenizer};

use crate::error::{Error, ErrorKind, Result};
use crate::model::ModelConfig;

/// A Hugging Face tokenizer checked against the model it feeds.
pub(crate) struct TextTokenizer {
    inner: Tokenizer,
    /// Special tokens the post-processor adds around one sequence.
    added: usize,
    pad_id: u32,
}

/// A document's tokens, without special tokens: what the later stages read
/// (token strings and masks are not kept).
#[derive(Clone, Debug, Default)]
pub(crate) struct DocTokens {
    pub ids: Vec<u32>,
    pub type_ids: Vec<u32>,
    /// Byte range of each token in the document.
    pub offsets: Vec<(usize, usize)>,
    /// The pre-tokenizer word each token belongs to, numbered through the document.
    pub words: Vec<Option<u32>>,
}

impl DocTokens {
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// One window of a document, ready for the model.
#[derive(Clone, Debug)]
pub(crate) struct Window {
    /// Index of the document (in a batch call) the window belongs to.
    pub doc: usize,
    pub ids: Vec<u32>,
    pub type_ids: Vec<u32>,
    /// For each window position, the document token it holds (`None` for specials).
    pub tokens: Vec<Option<usize>>,
    /// First and one-past-last document token covered.
    pub first: usize,
    pub end: usize,
    /// The sentence-like segment the window lies in (`first..end` within it):
    /// at a segment edge no context is missing.
    pub segment: std::ops::Range<usize>,
}

impl TextTokenizer {
    /// Parses `tokenizer.json` bytes and checks them against `config`.
    pub(crate) fn from_bytes(bytes: &[u8], config: &ModelConfig, path: &Path) -> Result<Self> {
        let bad = |msg: String| {
            Error::new(ErrorKind::Tokenizer, format!("{}: {msg}", path.display())).with_path(path)
        };
        let mut inner =
            Tokenizer::from_bytes(bytes).map_err(|e| bad(format!("invalid tokenizer: {e}")))?;
        inner.with_truncation(None).map_err(|e| bad(format!("cannot disable truncation: {e}")))?;
        inner.with_padding(None);
        let vocab = inner.get_vocab_size(true);
        if vocab > config.vocab_size {
            return Err(bad(format!(
                "tokenizer has {vocab} tokens but the model's vocabulary has {} rows: \
                 the tokenizer belongs to another model",
                config.vocab_size
            )));
        }
        let added = inner.get_post_processor().map_or(0, |p| {
            use tokenizers::PostProcessor;
            p.added_tokens(false)
        });
        if added >= config.max_tokens() {
            return Err(bad(format!(
                "{added} special tokens leave no room in a {}-token window",
                config.max_tokens()
            )));
        }
        let pad_id = ["[PAD]", "<pad>"]
            .iter()
            .find_map(|t| inner.token_to_id(t))
            .unwrap_or(config.pad_token_id);
        Ok(TextTokenizer { inner, added, pad_id })
    }

    /// Reads `tokenizer.json` from disk.
    pub(crate) fn from_file(path: &Path, config: &ModelConfig) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(&bytes, config, path)
    }

    pub(crate) fn pad_id(&self) -> u32 {
        self.pad_id
    }

    /// Special tokens added to each window.
    pub(crate) fn added_tokens(&self) -> usize {
        self.added
    }

    /// Encodes a whole document without special tokens; offsets are bytes
    /// into `text`.
    pub(crate) fn encode(&self, text: &str) -> Result<DocTokens> {
        self.encode_in_pieces(text, ENCODE_PIECE_BYTES)
    }

    /// [`encode`](Self::encode), `text` cut into pieces of about
    /// `piece_bytes` just before a whitespace run. The tokenizers library
    /// keeps several alignment entries per byte while it encodes, so one call
    /// on a 10 MB document would hold gigabytes; pieces keep that transient
    /// memory small. Pre-tokenizers split words at whitespace (BERT,
    /// Metaspace, byte-level), and a piece starts with the whole whitespace
    /// run that a word is read with, so the result is the encoding of the
    /// whole text: same ids, byte offsets into `text`, word ids numbered
    /// through the document.
    pub(crate) fn encode_in_pieces(&self, text: &str, piece_bytes: usize) -> Result<DocTokens> {
        let mut doc = DocTokens::default();
        let mut words_before = 0;
        for piece in whitespace_pieces(text, piece_bytes) {
            let start = piece.start;
            let enc = self.inner.encode(&text[piece], false).map_err(|e| {
                Error::new(ErrorKind::Tokenizer, format!("tokenization failed: {e}"))
            })?;
            doc.ids.extend_from_slice(enc.get_ids());
            doc.type_ids.extend_from_slice(enc.get_type_ids());
            doc.offsets.extend(enc.get_offsets().iter().map(|&(a, b)| (a + start, b + start)));
            doc.words.extend(enc.get_word_ids().iter().map(|w| w.map(|w| w + words_before)));
            words_before = doc.words.iter().rev().flatten().next().map_or(words_before, |w| w + 1);
        }
        doc.ids.shrink_to_fit();
        doc.type_ids.shrink_to_fit();
        doc.offsets.shrink_to_fit();
        doc.words.shrink_to_fit();
        Ok(doc)
    }

    /// Cuts `enc` into windows of at most `max_tokens` tokens (specials
    /// included), consecutive windows sharing `overlap` tokens; with
    /// `by_sentence`, windows do not cross [`segments`] boundaries.
    pub(crate) fn windows(
        &self,
        doc: usize,
        text: &str,
        enc: &DocTokens,
        max_tokens: usize,
        overlap: usize,
        by_sentence: bool,
    ) -> Result<Vec<Window>> {
        let content = max_tokens.saturating_sub(self.added).max(1);
        let overlap = overlap.min(content / 2);
        let step = content - overlap;
        let mut out = Vec::new();
        let parts = if by_sentence {
            segments(text, &enc.offsets)
        } else {
            std::iter::once(0..enc.len()).collect()
        };
        for segment in parts {
            let mut first = segment.start;
            while first < segment.end {
                let end = (first + content).min(segment.end);
                let mut w = self.window(doc, enc, first, end)?;
                w.segment = segment.clone();
                out.push(w);
                if end == segment.end {
                    break;
                }
                first += step;
            }
        }
        Ok(out)
    }

    pub(crate) fn window(
        &self,
        doc: usize,
        enc: &DocTokens,
        first: usize,
        end: usize,
    ) -> Result<Window> {
        let r = first..end;
        let n = r.len();
        // The post-processor reads ids and type ids; token strings are not kept.
        let piece = Encoding::new(
            enc.ids[r.clone()].to_vec(),
            enc.type_ids[r.clone()].to_vec(),
            vec![String::new(); n],
            enc.words[r.clone()].to_vec(),
            enc.offsets[r].to_vec(),
            vec![0; n],
            vec![1; n],
            Vec::new(),
            Default::default(),
        );
        let done = self.inner.post_process(piece, None, true).map_err(|e| {
            Error::new(ErrorKind::Tokenizer, format!("post-processing failed: {e}"))
        })?;
        let mut next = first;
        // Template-added tokens have no sequence id; the window's own tokens
        // keep their order.
        let tokens = done
            .get_sequence_ids()
            .iter()
            .map(|seq| {
                seq.map(|_| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        Ok(Window {
            doc,
            ids: done.get_ids().to_vec(),
            type_ids: done.get_type_ids().to_vec(),
            tokens,
            first,
            end,
            segment: first..end,
        })
    }
}

/// Documents longer than this are encoded in pieces of about this size
/// (see [`TextTokenizer::encode_in_pieces`]).
const ENCODE_PIECE_BYTES: usize = 1 << 16;

/// Byte ranges covering `text`, each about `piece_bytes` long (longer only
/// where no whitespace allows a cut), each after the first starting where a
/// whitespace run starts.
fn whitespace_pieces(text: &str, piece_bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > piece_bytes {
        // The last run start within the budget, else the first after it.
        let run_start = |(i, c): (usize, char)| {
            (i > start && c.is_whitespace() && !text[..i].ends_with(char::is_whitespace))
                .then_some(i)
        };
        let mut limit = start + piece_bytes;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .char_indices()
            .rev()
            .map(|(i, c)| (start + i, c))
            .find_map(run_start)
            .or_else(|| {
                text[limit..].char_indices().map(|(i, c)| (limit + i, c)).find_map(run_start)
            });
        let Some(cut) = cut else { break };
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

/// The text as the model is shown it: the all-caps place of a news dateline
/// (`WASHINGTON D.C., le 10 juin 2019`, `PARIS (AFP) –`, `OTTAWA —`) in
/// title case (`Washington D.C., …`), because the model learnt places from
/// mixed-case text and all-caps words split into unfamiliar pieces. Every
/// changed character keeps its UTF-8 length, so offsets into the result are
/// offsets into `text`. Anything else, acronyms and all-caps headlines
/// included, is left as written.
pub(crate) fn model_view(text: &str) -> Cow<'_, str> {
    // Words: (start, end) byte ranges between whitespace.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let caps = |w: &str| {
        let w = w.strip_suffix(',').unwrap_or(w);
        w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    let mut out: Option<String> = None;
    let mut i = 0;
    while i < words.len() {
        let w = &text[words[i].0..words[i].1];
        if !caps(w) || (i > 0 && caps(&text[words[i - 1].0..words[i - 1].1])) {
            i += 1;
            continue;
        }
        // A maximal run of all-caps words, ending at a comma at the latest.
        let mut j = i;
        while j < words.len() && j - i < 5 && caps(&text[words[j].0..words[j].1]) {
            j += 1;
            if text[words[j - 1].0..words[j - 1].1].ends_with(',') {
                break;
            }
        }
        let last = &text[words[j - 1].0..words[j - 1].1];
        let next = words.get(j).map(|&(s, e)| &text[s..e]).unwrap_or("");
        let mut after = text[words[j - 1].1..].chars().take(30);
        let dateline = j - i <= 4
            && (0..j - i).any(|k| {
                let (s, e) = words[i + k];
                text[s..e].chars().filter(|c| c.is_alphabetic()).count() >= 3
            })
            && ((last.ends_with(',') && after.any(|c| c.is_ascii_digit()))
                || next.starts_with('(')
                || matches!(next, "-" | "–" | "—"));
        if dateline {
            let buf = out.get_or_insert_with(|| text.to_string());
            for &(s, e) in &words[i..j] {
                let w = &text[s..e];
                if w.chars().filter(|c| c.is_alphabetic()).count() < 3 || w.contains('.') {
                    continue;
                }
                let mut prev_letter = false;
                let mut cased = String::with_capacity(w.len());
                for c in w.chars() {
                    let lower: Vec<char> = c.to_lowercase().collect();
                    if prev_letter && lower.len() == 1 && lower[0].len_utf8() == c.len_utf8() {
                        cased.push(lower[0]);
                    } else {
                        cased.push(c);
                    }
                    prev_letter = c.is_alphabetic();
                }
                buf.replace_range(s..e, &cased);
            }
        }
        i = j.max(i + 1);
    }
    match out {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

/// Whether the token `word`, glued to the period `dot`, is an initial or a
/// short capitalised abbreviation (`D`, `Mr`, `Gen`, `Mme`) starting a word.
fn abbreviation_before(text: &str, word: (usize, usize), dot: (usize, usize)) -> bool {
    let Some(w) = text.get(word.0..word.1) else { return false };
    let starts_word = text.get(..word.0).is_some_and(|b| {
        b.chars().next_back().is_none_or(|c| c.is_whitespace() || "(\"'«“".contains(c))
    });
    let mut cs = w.chars();
    let first_upper = cs.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = cs.collect();
    word.1 == dot.0
        && starts_word
        && first_upper
        && rest.len() <= 2
        && rest.iter().all(|c| c.is_lowercase())
}

/// Token ranges of sentence-like segments: a segment ends at a line break or
/// after `.`, `!`, `?` (or `…`) followed by whitespace and an uppercase letter
/// or digit, except after an initial or a short abbreviation (`Ahmed D.
/// Hussen`, `Mr. Kelly`, `Gen. Smith`). The model sees one segment per
/// window, as in training (one sentence per sequence); a segment longer than
/// a window is still split into overlapping windows.
pub(crate) fn segments(text: &str, offsets: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for t in 1..offsets.len() {
        let gap = text.get(offsets[t - 1].1..offsets[t].0).unwrap_or("");
        let prev = text.get(offsets[t - 1].0..offsets[t - 1].1).unwrap_or("");
        let next = text.get(offsets[t].0..).and_then(|s| s.chars().next());
        let line_break = gap.contains('\n');
        let sentence_end = matches!(prev, "." | "!" | "?" | "…")
            && !gap.is_empty()
            && !(prev == "."
                && t >= 2
                && abbreviation_before(text, offsets[t - 2], offsets[t - 1]))
            && next.is_some_and(|c| c.is_uppercase() || c.is_numeric());
        if line_break || sentence_end {
            out.push(start..t);
            start = t;
        }
    }
    if start < offsets.len() {
        out.push(start..offsets.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word and punctuation offsets, as a BERT pre-tokenizer gives them.
    fn offsets(text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, c) in text.char_indices() {
            let e = i + c.len_utf8();
            if c.is_alphanumeric() {
                match out.last_mut() {
                    Some(last)
                        if last.1 == i
                            && text[last.0..last.1].chars().all(char::is_alphanumeric) =>
                    {
                        last.1 = e
                    }
                    _ => out.push((i, e)),
                }
            } else if !c.is_whitespace() {
                out.push((i, e));
            }
        }
        out
    }

    fn segment_texts(text: &str) -> Vec<&str> {
        let off = offsets(text);
        segments(text, &off).into_iter().map(|r| &text[off[r.start].0..off[r.end - 1].1]).collect()
    }

    #[test]
    fn datelines_are_shown_in_title_case() {
        let cases = [
            (
                "WASHINGTON D.C., le 10 juin 2019 /CNW/ - Le ministre",
                "Washington D.C., le 10 juin 2019 /CNW/ - Le ministre",
            ),
            (
                " date 2019-06 WASHINGTON D.C., le 10 juin",
                " date 2019-06 Washington D.C., le 10 juin",
            ),
            ("PARIS (AFP) – Le président", "Paris (AFP) – Le président"),
            ("SÃO PAULO, 3 de março", "São Paulo, 3 de março"),
            (
                "SAINT-JEAN-SUR-RICHELIEU, QC, May 2, 2024",
                "Saint-Jean-Sur-Richelieu, QC, May 2, 2024",
            ),
            ("OTTAWA — The minister", "Ottawa — The minister"),
        ];
        for (input, want) in cases {
            let got = model_view(input);
            assert_eq!(got, want);
            assert_eq!(got.len(), input.len());
        }
        // Acronyms, headlines and shouting stay as written.
        for text in [
            "NATO and the UN met.",
            "GOODALE MEETS MCALEENAN\nThe two ministers…",
            "He said: STOP, now.",
            "The ONU, the OTAN and the UE.",
            "por la ANATEL , los directivos de la compañía ya están pensando ñññññññññññññ",
            "ANATEL, ñññññññññññññññññññññññññññññññ",
            "ÉTATS",
            "",
        ] {
            assert!(matches!(model_view(text), Cow::Borrowed(_)), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn model_view_keeps_every_offset(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "PARIS", "SÃO", "ÉTÉ", "D.C.", "ñ", "ß", "İSTANBUL", ",", " ", "\n", "(AFP)",
                    "–", "10", "juin", "Ünal", "ǅ", "ﬃ", "\u{200d}", "الرياض", "東京",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let view = model_view(&text);
            proptest::prop_assert_eq!(view.len(), text.len());
            for (i, _) in text.char_indices() {
                proptest::prop_assert!(view.is_char_boundary(i));
            }
            proptest::prop_assert_eq!(view.to_lowercase(), text.to_lowercase());
        }
    }

    /// The shipped tokenizer and every fixture model's (BERT WordPiece,
    /// Metaspace/Unigram, byte-level BPE).
    fn all_tokenizers() -> Vec<(String, TextTokenizer)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("models/rolegraph-ner")];
        for name in ["bert", "camembert", "distilbert", "roberta", "xlm-roberta"] {
            dirs.push(root.join("tests/fixtures/models").join(name));
        }
        dirs.into_iter()
            .map(|dir| {
                let config = std::fs::read_to_string(dir.join("config.json")).unwrap();
                let config = ModelConfig::from_json(&config, &dir).unwrap();
                let tok = TextTokenizer::from_file(&dir.join("tokenizer.json"), &config).unwrap();
                (dir.display().to_string(), tok)
            })
            .collect()
    }

    #[test]
    fn whitespace_pieces_cover_the_text_and_cut_before_whitespace_runs() {
        let text = "aa bb\n\n  cc dddddddddd ee";
        let pieces = whitespace_pieces(text, 4);
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        let texts: Vec<&str> = pieces.into_iter().map(|p| &text[p]).collect();
        assert_eq!(texts, ["aa", " bb", "\n\n  cc", " dddddddddd", " ee"]);
        assert_eq!(whitespace_pieces("", 4), vec![0..0]);
        assert_eq!(whitespace_pieces("abcdefgh", 4), vec![0..8]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn encoding_in_pieces_is_encoding_the_whole_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ralph", "Goodale", " ", "  ", "\n", "\n\n", "\t", ",", ".", "l'été",
                    "McAleenan", "États-Unis", "東京", "\u{a0}", "\u{3000}", "ﬃ", "e\u{301}",
                    "anticonstitutionnellement", "(AFP)", "–", "2019",
                ]),
                0..60,
            ),
            piece in 1usize..40,
        ) {
            let text: String = parts.concat();
            for (name, tok) in all_tokenizers() {
                let whole = tok.inner.encode(text.as_str(), false).unwrap();
                let pieces = tok.encode_in_pieces(&text, piece).unwrap();
                proptest::prop_assert_eq!(whole.get_ids(), &pieces.ids[..], "{}", name);
                proptest::prop_assert_eq!(whole.get_offsets(), &pieces.offsets[..], "{}", name);
                proptest::prop_assert_eq!(whole.get_word_ids(), &pieces.words[..], "{}", name);
                proptest::prop_assert_eq!(whole.get_type_ids(), &pieces.type_ids[..], "{}", name);
            }
        }
    }

    #[test]
    fn sentences_end_at_periods_but_not_after_initials_or_abbreviations() {
        assert_eq!(
            segment_texts("He met Ahmed D. Hussen and Mr. Kelly. Then Gen. Smith left.\nNext line"),
            vec!["He met Ahmed D. Hussen and Mr. Kelly.", "Then Gen. Smith left.", "Next line"]
        );
        assert_eq!(
            segment_texts("It rained. 2019 was wet! Was it? Yes."),
            vec!["It rained.", "2019 was wet!", "Was it?", "Yes."]
        );
        // A lower-case word after a period does not start a sentence.
        assert_eq!(segment_texts("approx. three hours"), vec!["approx. three hours"]);
    }
}
