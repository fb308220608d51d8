//! Throughput of the encoder and of the whole pipeline on the embedded
//! default model (built outside the timed loops).
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rolegraph::Extractor;

const SEED: &str = include_str!("../examples/seed-000.txt");

/// Mixed-language sentences written for the benchmark.
const MIXED: &[&str] = &[
    "La ministre des Affaires étrangères, Mélanie Joly, a reçu son homologue allemande à Ottawa.",
    "Foreign Secretary Boris Johnson met with the Indian Minister of External Affairs in London on Monday.",
    "El canciller de Uruguay se reunió con la vicepresidenta de Colombia en Montevideo.",
    "Bundeskanzlerin Angela Merkel traf den französischen Präsidenten Emmanuel Macron in Berlin.",
    "Il ministro degli Esteri Luigi Di Maio ha incontrato alla Farnesina l'omologo croato.",
    "O ministro dos Negócios Estrangeiros reuniu-se com o secretário-geral da ONU em Lisboa.",
    "Le Premier ministre Justin Trudeau s'est entretenu avec le président de la Commission européenne.",
    "Secretary of State Antony J. Blinken held talks with NATO Secretary General Jens Stoltenberg.",
];

fn model() -> Extractor {
    match Extractor::builder().build() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("no embedded model ({e}); benchmarking the tiny bert fixture");
            Extractor::builder()
                .model_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/bert"))
                .build()
                .expect("fixture model")
        }
    }
}

fn words(texts: &[&str]) -> u64 {
    texts.iter().map(|t| t.split_whitespace().count() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let ner = model();
    let tokens: u64 = ner.window_logits(SEED).unwrap().iter().map(|w| w.ids.len() as u64).sum();

    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(tokens));
    g.bench_function("seed_tokens", |b| b.iter(|| ner.window_logits(SEED).unwrap()));
    g.finish();

    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Elements(words(&[SEED])));
    g.bench_function("seed_words", |b| b.iter(|| ner.entities(SEED).unwrap()));
    let batch: Vec<&str> = MIXED.iter().copied().cycle().take(300).collect();
    g.throughput(Throughput::Elements(words(&batch)));
    g.bench_with_input(
        BenchmarkId::new("mixed_sentences_words", batch.len()),
        &batch,
        |b, batch| b.iter(|| ner.entities_batch(batch).unwrap()),
    );
    g.finish();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("seed_bytes", |b| b.iter(|| ner.extract(SEED).unwrap()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
