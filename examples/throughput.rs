//! Measures NER throughput, for benchmarks and the side-by-side comparison
//! in `tools/compare/` (which starts this program and reads its output).
//!
//! ```sh
//! cargo run --release --example throughput -- [--model DIR] [--lines FILE] [--seconds S] [--batch N] [--parallel P]
//! cargo run --release --features rust-bert --example throughput -- --backend rust-bert
//! ```
//!
//! Prints `first` as soon as the first document is processed (cold start),
//! then one JSON line with words/s and tokens/s over the measured runs.
//! `--lines FILE` processes each line as one document (default: the
//! sentences of the seed press release).

use std::time::Instant;

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut model, mut lines, mut seconds, mut batch) = (None, None, 5.0f64, 64usize);
    let mut backend = rolegraph::BackendKind::Candle;
    let mut parallel = None;
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--model" => model = Some(value()?),
            "--lines" => lines = Some(std::fs::read_to_string(value()?)?),
            "--seconds" => seconds = value()?.parse()?,
            "--batch" => batch = value()?.parse()?,
            "--parallel" => parallel = Some(value()?.parse()?),
            "--backend" => {
                backend = match value()?.as_str() {
                    "candle" => rolegraph::BackendKind::Candle,
                    #[cfg(feature = "rust-bert")]
                    "rust-bert" => rolegraph::BackendKind::RustBert,
                    other => return Err(format!("unknown or disabled backend {other}").into()),
                }
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let docs: Vec<&str> = match &lines {
        Some(text) => text.lines().filter(|l| !l.trim().is_empty()).collect(),
        None => SEED.split_inclusive(". ").filter(|s| !s.trim().is_empty()).collect(),
    };
    let mut builder = rolegraph::Extractor::builder();
    builder.backend_kind(backend);
    if let Some(p) = parallel {
        builder.parallel_batches(p);
    }
    if let Some(dir) = &model {
        builder.model_dir(dir);
    }
    let ner = builder.build()?;
    ner.entities(docs[0])?;
    println!("first");
    let words: usize = docs.iter().map(|s| s.split_whitespace().count()).sum();
    // Tokens and the network's floating-point operations of one pass over the
    // documents (windows as `window_logits` cuts them).
    let (mut tokens, mut flops) = (0usize, 0u64);
    for d in &docs {
        for w in ner.window_logits(d)? {
            tokens += w.ids.len();
            flops += ner.config().forward_flops(w.ids.len());
        }
    }
    let (mut runs, start) = (0usize, Instant::now());
    let mut entities = 0;
    while runs == 0 || start.elapsed().as_secs_f64() < seconds {
        for chunk in docs.chunks(batch) {
            entities += ner.entities_batch(chunk)?.iter().map(Vec::len).sum::<usize>();
        }
        runs += 1;
    }
    let dt = start.elapsed().as_secs_f64();
    println!(
        "{{\"words_per_s\": {:.1}, \"tokens_per_s\": {:.1}, \"gflop_per_s\": {:.1}, \"docs\": {}, \"words\": {words}, \"runs\": {runs}, \"entities_per_run\": {}}}",
        (runs * words) as f64 / dt,
        (runs * tokens) as f64 / dt,
        runs as f64 * flops as f64 / dt / 1e9,
        docs.len(),
        entities / runs
    );
    Ok(())
}
