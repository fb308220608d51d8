//! Throughput per stage and end to end on the embedded default model (built
//! outside the timed loops): `tokenize` (the model's `tokenizer.json`),
//! `encode` (the transformer on the seed's windows), `decode` (tokenize +
//! windows + aggregation + Viterbi + spans around a stand-in network that
//! costs nothing), `relate` (people, roles, meetings, topics from entities),
//! `export` (graph serialisations), then `entities` and `extract` end to end.
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ndarray::Array3;
use rolegraph::graph::Format;
use rolegraph::{Backend, Batch, Extractor};

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

/// A network that costs nothing: B-PER on every seventh token id, O elsewhere.
struct Free(usize);

impl Backend for Free {
    fn logits(&self, batch: &Batch) -> rolegraph::Result<Array3<f32>> {
        let (b, s) = batch.ids.dim();
        let mut out = Array3::zeros((b, s, self.0));
        for ((i, j), &id) in batch.ids.indexed_iter() {
            out[[i, j, usize::from(id % 7 == 0)]] = 5.0;
        }
        Ok(out)
    }
}

fn words(texts: &[&str]) -> u64 {
    texts.iter().map(|t| t.split_whitespace().count() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let ner = model();
    let windows = ner.window_logits(SEED).unwrap();
    let tokens: u64 = windows.iter().map(|w| w.ids.len() as u64).sum();
    // The same windows counted in the network's floating-point operations.
    let flops: u64 = windows.iter().map(|w| ner.config().forward_flops(w.ids.len())).sum();

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/models/rolegraph-ner");
    let tok = tokenizers::Tokenizer::from_file(format!("{dir}/tokenizer.json"));
    if let Ok(tok) = tok {
        g.bench_function("seed_bytes", |b| b.iter(|| tok.encode(SEED, true).unwrap()));
    }
    g.finish();

    let labels = ner.labels().len();
    let mut builder = Extractor::builder();
    builder.backend(Arc::new(Free(labels)));
    if let Ok(free) = builder.build() {
        let mut g = c.benchmark_group("decode");
        g.throughput(Throughput::Elements(words(&[SEED])));
        g.bench_function("seed_words", |b| b.iter(|| free.entities(SEED).unwrap()));
        g.finish();
    }

    let entities = ner.entities(SEED).unwrap();
    let mut g = c.benchmark_group("relate");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("seed_bytes", |b| b.iter(|| ner.relator().relate(SEED, &entities)));
    g.finish();

    let graph = ner.extract(SEED).unwrap().graph;
    let mut g = c.benchmark_group("export");
    for (name, f) in [
        ("json", Format::Json),
        ("jsonld", Format::JsonLd),
        ("ntriples", Format::NTriples),
        ("graphml", Format::GraphMl),
        ("dot", Format::Dot),
    ] {
        g.throughput(Throughput::Bytes(graph.export(f).len() as u64));
        g.bench_function(name, |b| b.iter(|| graph.export(f)));
    }
    g.finish();

    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(tokens));
    g.bench_function("seed_tokens", |b| b.iter(|| ner.window_logits(SEED).unwrap()));
    // Counted in floating-point operations: criterion's `Gelem/s` for this
    // one is the GFLOP/s achieved.
    g.throughput(Throughput::Elements(flops));
    g.bench_function("seed_flop", |b| b.iter(|| ner.window_logits(SEED).unwrap()));
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

    // Inputs that used to be slow (issue #15): each is 2,000 words on one
    // line, in words/s, next to ordinary sentences of the same length.
    let mut g = c.benchmark_group("slow_inputs");
    for (name, text) in slow_inputs(2_000) {
        g.throughput(Throughput::Elements(words(&[text.as_str()])));
        g.bench_with_input(BenchmarkId::new("extract_words", name), &text, |b, text| {
            b.iter(|| ner.extract(text).unwrap())
        });
    }
    g.finish();
}

/// A different two-word person name for every `k` (`Claire Ribaquin`).
fn distinct_name(k: usize) -> String {
    const FIRST: [&str; 8] =
        ["Jean", "Marie", "Pierre", "Claire", "Paul", "Sophie", "Marc", "Julie"];
    const SYL: [&str; 8] = ["ba", "ri", "lo", "mon", "tar", "quin", "sor", "gal"];
    let surname: String = (0..4).map(|i| SYL[(k / 8usize.pow(i)) % 8]).collect();
    let mut c = surname.chars();
    let surname = c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect());
    format!("{} {surname}", FIRST[(k / 4096) % 8])
}

/// `n`-word inputs: ordinary sentences, one word repeated, one name-like word
/// repeated (an entity each time), person names (a few repeated, or all
/// different: the pair and cluster stages stay linear in the people), titled
/// names with countries, numbers, punctuation.
fn slow_inputs(n: usize) -> Vec<(&'static str, String)> {
    let ordinary: Vec<&str> =
        MIXED.iter().flat_map(|s| s.split_whitespace()).cycle().take(n).collect();
    let names = ["Jean Dupont", "Marie Curie", "Ralph Goodale", "Kevin McAleenan"];
    let repeat = |w: &str| vec![w; n].join(" ");
    vec![
        ("ordinary", ordinary.join(" ")),
        ("one_word_repeated", repeat("le")),
        ("bonjour_repeated", repeat("Bonjour")),
        ("names", (0..n / 2).map(|k| names[k % names.len()]).collect::<Vec<_>>().join(", ")),
        ("distinct_names", (0..n / 2).map(distinct_name).collect::<Vec<_>>().join(", ")),
        // Meetings between people all different, one sentence each.
        (
            "distinct_meetings",
            (0..n / 6)
                .map(|k| {
                    format!("{} a rencontré {}.", distinct_name(2 * k), distinct_name(2 * k + 1))
                })
                .collect::<Vec<_>>()
                .join(" "),
        ),
        // A role with a country for every name, all in one sentence: what
        // the role-country features read per role stays bounded.
        (
            "titled_names",
            (0..n / 8)
                .map(|k| {
                    let country = ["du Canada", "de la France", "du Sénégal", "du Japon"][k % 4];
                    format!(
                        "le ministre des Affaires étrangères {country} {}",
                        names[k % names.len()]
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "numbers",
            (0..n).map(|k| (10_007 * k % 99_991).to_string()).collect::<Vec<_>>().join(" "),
        ),
        (
            "punctuation",
            [".", ",", ";", "!", "?", "-", "(", ")"]
                .iter()
                .cycle()
                .take(n)
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ]
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
