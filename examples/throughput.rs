//! Measures end-to-end NER throughput (words/s) and encoder throughput
//! (tokens/s) on a model directory or the embedded model.
//!
//! ```sh
//! cargo run --release --example throughput -- [MODEL_DIR|-] [SECONDS] [BATCH]
//! ```

use std::time::{Duration, Instant};

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t0 = Instant::now();
    let mut builder = rolegraph::Extractor::builder();
    if let Some(dir) = args.first().filter(|a| a.as_str() != "-") {
        builder.model_dir(dir);
    }
    if let Some(b) = args.get(2).and_then(|s| s.parse().ok()) {
        builder.batch_size(b);
    }
    let ner = builder.build()?;
    eprintln!("loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
    let secs: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    // Sentences of the seed text, as a batch of short documents.
    let sentences: Vec<&str> =
        SEED.split_inclusive(". ").filter(|s| !s.trim().is_empty()).collect();
    let words: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
    let tokens: usize = ner.window_logits(SEED)?.iter().map(|w| w.ids.len()).sum();
    let (mut n, start) = (0usize, Instant::now());
    while start.elapsed() < Duration::from_secs_f64(secs) {
        ner.entities_batch(&sentences)?;
        n += 1;
    }
    let dt = start.elapsed().as_secs_f64();
    println!("entities_batch: {:.0} words/s ({n} runs of {words} words)", (n * words) as f64 / dt);
    let (mut n, start) = (0usize, Instant::now());
    while start.elapsed() < Duration::from_secs_f64(secs) {
        ner.window_logits(SEED)?;
        n += 1;
    }
    let dt = start.elapsed().as_secs_f64();
    println!("encoder (one window at a time): {:.0} tokens/s", (n * tokens) as f64 / dt);
    Ok(())
}
