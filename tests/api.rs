//! Behaviour of the public API on the tiny fixture models: exact spans on any
//! input, batch = sequential, thread safety, serialisation.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use rolegraph::{Aggregation, Decoding, Entity, Extractor};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models").join(name)
}

fn model(name: &str) -> Extractor {
    Extractor::builder().model_dir(fixture(name)).build().unwrap()
}

/// Every entity is a non-empty, trimmed, char-boundary slice of the input,
/// code-point and byte offsets agree, and entities are sorted and disjoint.
fn check_spans(text: &str, ents: &[Entity]) {
    let mut last_end = 0;
    for e in ents {
        assert!(e.bytes.start < e.bytes.end && e.bytes.end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(e.bytes.start) && text.is_char_boundary(e.bytes.end));
        assert_eq!(&text[e.bytes.range()], e.text);
        assert_eq!(e.text.trim(), e.text);
        assert_eq!(e.chars.start, text[..e.bytes.start].chars().count());
        assert_eq!(e.chars.len(), e.text.chars().count());
        assert!(e.bytes.start >= last_end, "sorted and disjoint");
        assert!((0.0..=1.0).contains(&e.score));
        last_end = e.bytes.end;
    }
}

const HARD: &[&str] = &[
    "",
    "   \n\t  ",
    "Ralph Goodale\r\nKevin McAleenan\r\n",
    "a\tb\0c\u{0}d Goodale",
    "👨\u{200D}👩\u{200D}👧 family emoji ZWJ and Ana 😀 in São Paulo",
    "مرحبا محمد بن سلمان في الرياض",
    "שלום בנימין נתניהו",
    "東京で会議が開かれた。北京の代表も参加した。",
    "e\u{301}\u{301}\u{301} combining marks and \u{FEFF} BOM",
    "\u{202E}right-to-left override\u{202C} text",
];

#[test]
fn empty_and_whitespace_give_nothing() {
    let ner = model("bert");
    assert!(ner.extract("").unwrap().entities.is_empty());
    assert!(ner.extract(" \n\t \r\n").unwrap().entities.is_empty());
}

#[test]
fn hostile_text_gives_exact_spans_in_every_architecture() {
    for name in ["bert", "distilbert", "roberta", "xlm-roberta", "camembert"] {
        let ner = model(name);
        for text in HARD {
            check_spans(text, &ner.entities(text).unwrap());
        }
    }
}

#[test]
fn a_single_huge_word() {
    let ner = model("xlm-roberta");
    let word = "x".repeat(100_000);
    check_spans(&word, &ner.entities(&word).unwrap());
    let ner = model("bert"); // WordPiece: one [UNK] for over-long words
    check_spans(&word, &ner.entities(&word).unwrap());
}

#[test]
fn every_aggregation_and_decoding() {
    let text =
        "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington D.C. le 10 juin 2019.";
    for aggregation in [Aggregation::First, Aggregation::Average, Aggregation::Max] {
        for decoding in [Decoding::Viterbi, Decoding::Argmax] {
            let ner = Extractor::builder()
                .model_dir(fixture("bert"))
                .aggregation(aggregation)
                .decoding(decoding)
                .build()
                .unwrap();
            check_spans(text, &ner.entities(text).unwrap());
        }
    }
}

#[test]
fn batch_equals_one_by_one() {
    let ner = model("roberta");
    let texts: Vec<&str> =
        HARD.iter().copied().chain(["Kevin McAleenan", "Köln und Straße"]).collect();
    let batched = ner.entities_batch(&texts).unwrap();
    for (t, b) in texts.iter().zip(&batched) {
        let one = ner.entities(t).unwrap();
        assert_eq!(one.len(), b.len(), "{t:?}");
        for (x, y) in one.iter().zip(b) {
            assert_eq!((x.bytes, &x.label), (y.bytes, &y.label));
            assert!((x.score - y.score).abs() < 1e-4);
        }
    }
}

#[test]
fn eight_threads_share_one_extractor() {
    let ner = Arc::new(model("bert"));
    let texts: Vec<String> = (0..32)
        .map(|i| format!("{} Ralph Goodale {i} à Ottawa, Köln 東京", "mot ".repeat(i)))
        .collect();
    let sequential: Vec<Vec<Entity>> = texts.iter().map(|t| ner.entities(t).unwrap()).collect();
    let texts = Arc::new(texts);
    let handles: Vec<_> = (0..8)
        .map(|k| {
            let (ner, texts) = (ner.clone(), texts.clone());
            std::thread::spawn(move || {
                (0..texts.len())
                    .map(|i| (i, ner.entities(&texts[(i + k) % texts.len()]).unwrap()))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for (k, h) in handles.into_iter().enumerate() {
        for (i, got) in h.join().unwrap() {
            let want = &sequential[(i + k) % texts.len()];
            assert_eq!(got.len(), want.len());
            for (x, y) in got.iter().zip(want) {
                assert_eq!((x.bytes, &x.label), (y.bytes, &y.label));
            }
        }
    }
}

#[test]
fn extraction_serialises_with_named_units() {
    let ner = model("bert");
    let found = ner.extract("Ralph Goodale a rencontré Kevin McAleenan à Washington.").unwrap();
    let json = serde_json::to_value(&found).unwrap();
    let ents = json["entities"].as_array().unwrap();
    assert_eq!(ents.len(), found.entities.len());
    for e in ents {
        for key in ["label", "text", "score", "bytes", "chars"] {
            assert!(e.get(key).is_some(), "{key} in {e}");
        }
        assert!(e["chars"]["start"].is_u64());
    }
    let back: rolegraph::Extraction = serde_json::from_value(json).unwrap();
    assert_eq!(back, found);
}

fn texty() -> impl Strategy<Value = String> {
    // Words from several scripts, random separators including control chars.
    let word = prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[a-zéèàçß]{1,10}",
        "[А-Яа-я]{1,6}",
        "[一-龥]{1,4}",
        "[😀-🙏]{1,2}",
        "[0-9]{1,4}",
        "[.,;:!?'\"()-]",
    ];
    let sep = prop_oneof![
        Just(" "),
        Just("  "),
        Just("\t"),
        Just("\n"),
        Just("\r\n"),
        Just("\u{200D}"),
        Just("\u{0}"),
        Just("")
    ];
    prop::collection::vec((word, sep), 0..60)
        .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_slices(text in texty()) {
        static NER: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        let ner = NER.get_or_init(|| model("xlm-roberta"));
        check_spans(&text, &ner.entities(&text).unwrap());
    }

    #[test]
    fn window_stride_does_not_break_spans(text in texty(), overlap in 0usize..16) {
        let ner = Extractor::builder().model_dir(fixture("bert")).window_tokens(20).overlap_tokens(overlap).build().unwrap();
        check_spans(&text, &ner.entities(&text).unwrap());
    }
}
