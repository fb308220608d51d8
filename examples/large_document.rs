//! Processes one large document (default 10 MB, built by repeating the seed
//! press release) and reports time and peak memory growth.
//!
//! ```sh
//! cargo run --release --example large_document -- [MEGABYTES]
//! ```

use std::time::Instant;

const SEED: &str = include_str!("seed-000.txt");

/// Peak resident set size of this process so far, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mb: f64 = std::env::args().nth(1).map(|s| s.parse()).transpose()?.unwrap_or(10.0);
    let ner = rolegraph::default_extractor()?;
    ner.extract("warm-up")?;
    let mut text = String::with_capacity((mb * 1e6) as usize + SEED.len());
    while (text.len() as f64) < mb * 1e6 {
        text.push_str(SEED);
        text.push_str("\n\n");
    }
    let before = peak_rss_mib().unwrap_or(0.0);
    let t0 = Instant::now();
    let found = ner.extract(&text)?;
    let dt = t0.elapsed().as_secs_f64();
    let after = peak_rss_mib().unwrap_or(0.0);
    println!(
        "{:.1} MB, {} words: {:.1} s ({:.0} words/s), {} entities, {} people, {} meetings; \
         peak RSS {before:.0} MiB before, {after:.0} MiB after (+{:.0} MiB)",
        text.len() as f64 / 1e6,
        text.split_whitespace().count(),
        dt,
        text.split_whitespace().count() as f64 / dt,
        found.entities.len(),
        found.relations.people.len(),
        found.relations.meetings.len(),
        after - before
    );
    Ok(())
}
