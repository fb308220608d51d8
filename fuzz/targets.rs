#![allow(dead_code)] // each fuzz binary uses one of the bodies
//! Fuzz target bodies, shared by the libFuzzer binaries in `fuzz_targets/`
//! and by `tests/fuzz_regressions.rs`, which replays `fuzz/corpus/*` (seeds
//! and every crash input found) on each `cargo test`.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use ndarray::Array3;
use rolegraph::{Backend, Batch, CharIndex, Extractor, LabelScheme, Span};

fn fixture(name: &str) -> std::path::PathBuf {
    // Built from the fuzz crate or, for the regression test, from the main crate.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let here = root.join("tests/fixtures/models");
    let dir = if here.is_dir() { here } else { root.join("../tests/fixtures/models") };
    dir.join(name)
}

/// Checks the span invariants every entity must satisfy.
fn check(text: &str, ents: &[rolegraph::Entity]) {
    let mut last = 0;
    for e in ents {
        assert!(e.bytes.start >= last && e.bytes.start < e.bytes.end && e.bytes.end <= text.len());
        assert_eq!(&text[e.bytes.range()], e.text);
        assert_eq!(e.chars.start, text[..e.bytes.start].chars().count());
        assert!(e.score.is_finite());
        last = e.bytes.end;
    }
}

/// `extract` on arbitrary (lossily decoded) bytes, with two tokenizer kinds.
pub fn extract(data: &[u8]) {
    static MODELS: OnceLock<[Extractor; 2]> = OnceLock::new();
    let models = MODELS.get_or_init(|| {
        let build = |name, window| {
            Extractor::builder().model_dir(fixture(name)).window_tokens(window).build().unwrap()
        };
        [build("bert", 16), build("xlm-roberta", 24)]
    });
    let text = String::from_utf8_lossy(data);
    for m in models {
        let found = m.extract(&text).expect("extract never fails on valid UTF-8 under the limit");
        check(&text, &found.entities);
    }
}

/// A backend that replays logits taken from the fuzz input (NaN, ±inf included).
struct Replay(Vec<f32>);

impl Backend for Replay {
    fn logits(&self, batch: &Batch) -> rolegraph::Result<Array3<f32>> {
        let (b, s) = batch.ids.dim();
        let n = b * s * 9;
        let data: Vec<f32> =
            (0..n).map(|i| self.0.get(i % self.0.len().max(1)).copied().unwrap_or(0.0)).collect();
        Ok(Array3::from_shape_vec((b, s, 9), data).unwrap())
    }
}

/// The decoder on arbitrary logits: first byte picks the split between text
/// and logits; logits are raw little-endian f32s.
pub fn decode(data: &[u8]) {
    let Some((&cut, rest)) = data.split_first() else { return };
    let cut = (cut as usize * rest.len() / 255).min(rest.len());
    let (text, raw) = rest.split_at(cut);
    let text = String::from_utf8_lossy(text);
    let logits: Vec<f32> =
        raw.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let ner = Extractor::builder()
        .model_dir(fixture("bert"))
        .backend(Arc::new(Replay(logits.clone())))
        .window_tokens(12)
        .build()
        .unwrap();
    check(&text, &ner.entities(&text).unwrap());

    // Viterbi and grouping of every scheme on the same scores.
    for labels in [
        &["O", "B-PER", "I-PER", "B-LOC", "I-LOC"][..],
        &["O", "B-PER", "I-PER", "E-PER", "S-PER"],
        &["O", "I-PER", "I-ORG"],
    ] {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let scheme = LabelScheme::parse(&labels, None).unwrap();
        let n = labels.len();
        let scores: Vec<Vec<f32>> =
            logits.chunks(n).filter(|c| c.len() == n).map(|c| c.to_vec()).collect();
        let path = scheme.viterbi(&scores);
        assert_eq!(path.len(), scores.len());
        let mut last = 0;
        for (s, e, ty) in scheme.spans(&path) {
            assert!(s >= last && s < e && e <= path.len() && ty < scheme.entity_types().len());
            last = e;
        }
    }
}

/// Text with entities marked inline, `[P:Ralph Goodale]` (`P`, `O`, `L`, `M`
/// or `D` for PER, ORG, LOC, MISC, DATE), read into the plain text and its
/// entities. Brackets that do not open a well-formed mark stay as text, so
/// every input is a document.
pub fn marked(src: &str) -> (String, Vec<rolegraph::Entity>) {
    let mut text = String::with_capacity(src.len());
    let mut spans = Vec::new();
    let mut rest = src;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let tail = &rest[open + 1..];
        let label = match tail.as_bytes() {
            [b'P', b':', ..] => "PER",
            [b'O', b':', ..] => "ORG",
            [b'L', b':', ..] => "LOC",
            [b'M', b':', ..] => "MISC",
            [b'D', b':', ..] => "DATE",
            _ => "",
        };
        let close = if label.is_empty() { None } else { tail[2..].find(']') };
        match close {
            Some(end) if end > 0 && !tail[2..2 + end].contains('[') => {
                let start = text.len();
                text.push_str(&tail[2..2 + end]);
                spans.push((start, text.len(), label));
                rest = &tail[2 + end + 1..];
            }
            _ => {
                text.push('[');
                rest = tail;
            }
        }
    }
    text.push_str(rest);
    let idx = CharIndex::new(&text);
    let ents = spans
        .into_iter()
        .map(|(s, e, label)| {
            let bytes = Span::new(s, e);
            rolegraph::Entity {
                label: label.into(),
                text: text[s..e].to_string(),
                score: 0.9,
                bytes,
                chars: idx.char_span(bytes),
                value: None,
            }
        })
        .collect();
    (text, ents)
}

fn check_span(text: &str, s: &rolegraph::relate::TextSpan) {
    assert!(s.bytes.start <= s.bytes.end && s.bytes.end <= text.len(), "{s:?}");
    assert_eq!(&text[s.bytes.range()], s.text);
    assert_eq!(s.chars.start, text[..s.bytes.start].chars().count());
    assert_eq!(s.chars.end - s.chars.start, s.text.chars().count());
}

/// The relations stage alone on a marked-up document (see [`marked`]): the
/// entities are the fuzzer's, so every rule sees arbitrary spans of every
/// type. The first byte picks the language: the index of an embedded one, or
/// detection for any larger value.
pub fn relate(data: &[u8]) {
    use rolegraph::relate::Relator;
    static RELATOR: OnceLock<Relator> = OnceLock::new();
    let relator = RELATOR.get_or_init(Relator::default);
    let Some((&pick, rest)) = data.split_first() else { return };
    let src = String::from_utf8_lossy(rest);
    let (text, ents) = marked(&src);
    let langs = relator.languages();
    let lang = langs.get(pick as usize).copied();
    let rel = relator.relate_in(lang, &text, &ents);

    let n = rel.people.len();
    for p in &rel.people {
        assert!(!p.mentions.is_empty());
        p.mentions.iter().for_each(|m| check_span(&text, m));
        for r in &p.roles {
            r.title.iter().chain(&r.of).for_each(|s| check_span(&text, s));
            check_span(&text, &r.evidence);
            assert!((0.0..=1.0).contains(&r.confidence));
        }
    }
    for m in rel.meetings.iter().chain(&rel.other_contacts) {
        assert!(m.participants.iter().all(|&i| i < n));
        assert!(m.pairs.iter().all(|&[a, b]| a < b && b < n), "{:?}", m.pairs);
        check_span(&text, &m.trigger);
        check_span(&text, &m.evidence);
        m.place.iter().for_each(|s| check_span(&text, s));
        m.date.iter().for_each(|d| check_span(&text, &d.span));
        assert!((0.0..=1.0).contains(&m.confidence));
    }
    for d in &rel.discussions {
        assert!(d.participants.iter().all(|&i| i < n));
        assert!(d.meeting.is_none_or(|i| i < rel.meetings.len()));
        d.topics.iter().for_each(|t| check_span(&text, t));
        check_span(&text, &d.trigger);
    }
    serde_json::to_string(&rel).expect("relations serialise");
}
