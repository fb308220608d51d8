//! Prints the entity table of the seed press release (or of a file given as
//! the first argument) with the embedded default model.
//!
//! ```sh
//! cargo run --release --example entities [FILE]
//! ```

use std::time::Instant;

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => SEED.to_string(),
    };
    let t0 = Instant::now();
    let ner = rolegraph::default_extractor()?;
    let loaded = t0.elapsed();
    let t1 = Instant::now();
    let found = ner.extract(&text)?;
    let ran = t1.elapsed();
    print!("{}", found.entity_table());
    eprintln!(
        "\n{} entities; model loaded in {:.0} ms; {} words processed in {:.1} ms",
        found.entities.len(),
        loaded.as_secs_f64() * 1e3,
        text.split_whitespace().count(),
        ran.as_secs_f64() * 1e3
    );
    Ok(())
}
