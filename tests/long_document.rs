//! Long documents: windows and batches must not lose or duplicate entities.
//!
//! A context-free stand-in backend labels a word PER exactly when its first
//! subword id is divisible by 3, so the right answer can be computed from the
//! tokenizer alone, and every window/stride/batch configuration must give it.
//! The words carry no edge punctuation, which the decoder trims or extends by
//! rules of its own (unit-tested in `decode`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ndarray::Array3;
use rolegraph::{Backend, Batch, Extractor, Span};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/bert")
}

/// O = 0, B-PER = 1 in the bert fixture's labels.
struct ContextFree {
    calls: Mutex<Vec<usize>>,
}

impl Backend for ContextFree {
    fn logits(&self, batch: &Batch) -> rolegraph::Result<Array3<f32>> {
        let (b, s) = batch.ids.dim();
        self.calls.lock().unwrap().push(b);
        let mut out = Array3::zeros((b, s, 9));
        for ((i, j), &id) in batch.ids.indexed_iter() {
            out[[i, j, if id % 3 == 0 { 1 } else { 0 }]] = 6.0;
        }
        Ok(out)
    }
}

fn long_text() -> String {
    let words = [
        "Ana",
        "Souza",
        "visitou",
        "São",
        "Paulo",
        "e",
        "Köln",
        "mit",
        "Straße",
        "Москва",
        "東京",
        "meeting",
        "🤝",
        "ministre",
        "Goodale",
        "à",
        "Washington",
        "DC",
        "le",
        "10",
        "juin",
        "2019",
    ];
    let mut text = String::new();
    for i in 0..1600 {
        text.push_str(words[(i * 7 + i / 5) % words.len()]);
        text.push(if i % 13 == 12 { '\n' } else { ' ' });
    }
    text
}

fn expected(text: &str) -> Vec<Span> {
    let tok = tokenizers::Tokenizer::from_file(fixture().join("tokenizer.json")).unwrap();
    let enc = tok.encode(text, false).unwrap();
    let (ids, words, offsets) = (enc.get_ids(), enc.get_word_ids(), enc.get_offsets());
    let mut out = Vec::new();
    for t in 0..ids.len() {
        let first = t == 0 || words[t] != words[t - 1];
        if first && ids[t] % 3 == 0 {
            let end = (t..ids.len()).take_while(|&u| words[u] == words[t]).last().unwrap();
            out.push(Span::new(offsets[t].0, offsets[end].1));
        }
    }
    out
}

fn run(window: usize, overlap: usize, batch: usize) -> (Vec<Span>, Vec<usize>) {
    run_on(&long_text(), window, overlap, batch)
}

fn run_on(text: &str, window: usize, overlap: usize, batch: usize) -> (Vec<Span>, Vec<usize>) {
    let backend = Arc::new(ContextFree { calls: Mutex::new(Vec::new()) });
    let ner = Extractor::builder()
        .model_dir(fixture())
        .backend(backend.clone())
        .window_tokens(window)
        .overlap_tokens(overlap)
        .batch_size(batch)
        .build()
        .unwrap();
    let ents = ner.entities(text).unwrap();
    for e in &ents {
        assert_eq!(&text[e.bytes.range()], e.text);
    }
    let calls = backend.calls.lock().unwrap().clone();
    (ents.iter().map(|e| e.bytes).collect(), calls)
}

#[test]
fn windows_and_batches_neither_lose_nor_duplicate_entities() {
    let text = long_text();
    let want = expected(&text);
    assert!(want.len() > 300, "the text has many entities ({})", want.len());
    let (got, calls) = run(40, 10, 16);
    let windows: usize = calls.iter().sum();
    assert!(windows > 100, "{windows} windows");
    assert!(calls.len() > 3, "{} batches", calls.len());
    assert_eq!(got, want);
    for (w, o, b) in [(40, 0, 1), (20, 5, 7), (33, 15, 64), (12, 4, 100)] {
        assert_eq!(run(w, o, b).0, want, "window {w}, overlap {o}, batch {b}");
    }
}

#[test]
fn documents_over_the_encoding_piece_size_lose_nothing() {
    // Over 64 KiB: the document is encoded in pieces cut at whitespace.
    let one = long_text();
    let text = [one.as_str(); 10].join("\n\n  ");
    assert!(text.len() > 90_000, "{} bytes", text.len());
    let want = expected(&text);
    let (got, _) = run_on(&text, 40, 10, 64);
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
}

#[test]
fn short_texts_in_one_window() {
    let mut found = 0;
    for text in ["Ana Souza visitou São Paulo.", "Köln", "Москва 東京 🤝 Goodale à Washington D.C."]
    {
        let want = expected(text);
        found += want.len();
        assert_eq!(run_on(text, 40, 10, 16).0, want, "{text}");
    }
    assert!(found > 2, "the texts hold entities under the stand-in backend");
}

#[test]
fn real_model_is_stable_across_batch_sizes() {
    // With the real (random) fixture weights, batching and padding must not
    // change any prediction.
    let text = long_text();
    let build = |batch, parallel| {
        Extractor::builder()
            .model_dir(fixture())
            .batch_size(batch)
            .parallel_batches(parallel)
            .build()
            .unwrap()
    };
    let a = build(1, 1).entities(&text).unwrap();
    assert!(!a.is_empty());
    for (batch, parallel) in [(32, 1), (3, 2), (5, 4)] {
        let b = build(batch, parallel).entities(&text).unwrap();
        assert_eq!(a.len(), b.len(), "batch {batch}, parallel {parallel}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((x.bytes, &x.label), (y.bytes, &y.label));
            assert!((x.score - y.score).abs() < 1e-4);
        }
    }
}
