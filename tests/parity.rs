//! Exactness against the reference implementation: tiny random checkpoints
//! of every supported architecture, made by `tools/fixtures/make_fixtures.py`
//! with PyTorch + transformers, must give the same token ids and offsets and
//! logits within 1e-4 of what Python computed.

use std::path::{Path, PathBuf};

use rolegraph::{Extractor, Span};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    architecture: String,
    max_length: usize,
    inputs: Vec<Input>,
}

#[derive(Deserialize)]
struct Input {
    name: String,
    text: String,
    input_ids: Vec<u32>,
    offsets: Vec<(usize, usize)>,
    truncated: bool,
    logits: Vec<Vec<f32>>,
    window: Option<WindowRef>,
}

#[derive(Deserialize)]
struct WindowRef {
    input_ids: Vec<u32>,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models").join(name)
}

fn check(name: &str) {
    let dir = fixture(name);
    let reference: Reference =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reference.json")).unwrap())
            .unwrap();
    // f32: int8 is not meant to match transformers to 1e-4.
    let model =
        Extractor::builder().model_dir(&dir).precision(rolegraph::Precision::Fp32).build().unwrap();
    assert_eq!(model.config().architecture.class_name(), reference.architecture);
    assert_eq!(model.config().max_tokens(), reference.max_length);
    for input in &reference.inputs {
        let windows = model.window_logits(&input.text).unwrap();
        let first = &windows[0];
        let (want_ids, whole) = match (&input.window, input.truncated) {
            (Some(w), true) => (&w.input_ids, false),
            _ => (&input.input_ids, true),
        };
        assert_eq!(&first.ids, want_ids, "{name}/{}: token ids", input.name);
        if whole {
            assert_eq!(windows.len(), 1, "{name}/{}: fits one window", input.name);
            // Offsets: the reference gives code points, specials as (0, 0).
            let index = rolegraph::CharIndex::new(&input.text);
            for (pos, span) in first.bytes.iter().enumerate() {
                if let Some(span) = span {
                    let chars = index.char_span(*span);
                    assert_eq!(
                        (chars.start, chars.end),
                        input.offsets[pos],
                        "{name}/{}: offset of token {pos}",
                        input.name
                    );
                }
            }
        } else {
            // Every token of the long text appears in some window, in order.
            let covered: Vec<Span> =
                windows.iter().flat_map(|w| w.bytes.iter().flatten().copied()).collect();
            assert!(
                covered.len() >= input.input_ids.len() - 2,
                "{name}/{}: windows cover the text",
                input.name
            );
        }
        let mut worst = 0f32;
        for (p, row) in input.logits.iter().enumerate() {
            for (l, want) in row.iter().enumerate() {
                worst = worst.max((first.logits[[p, l]] - want).abs());
            }
        }
        assert_eq!(first.logits.nrows(), input.logits.len(), "{name}/{}: positions", input.name);
        assert!(worst < 1e-4, "{name}/{}: max |Δlogit| = {worst}", input.name);
    }
}

#[test]
fn bert_matches_transformers() {
    check("bert");
}

#[test]
fn distilbert_matches_transformers() {
    check("distilbert");
}

#[test]
fn roberta_matches_transformers() {
    check("roberta");
}

#[test]
fn xlm_roberta_matches_transformers() {
    check("xlm-roberta");
}

#[test]
fn camembert_matches_transformers() {
    check("camembert");
}
