//! `rolegraph ingest` and `rolegraph export`: the persistent knowledge graph.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rolegraph::corpus::{read_sources, Output, Runner, Source};
use rolegraph::graph::Format as G;
use rolegraph::store::{
    is_extracted_file, parse_extracted, text_hash, Document, IngestStats, Store,
};
use rolegraph::{Error, Extractor, DEFAULT_MAX_INPUT_BYTES};

use crate::corpus;

/// Command-line options of `rolegraph ingest`.
pub struct IngestOptions {
    pub extracted: bool,
    pub jsonl: bool,
    pub jobs: Option<usize>,
    pub threads_per_job: Option<usize>,
    pub max_input_bytes: Option<usize>,
    pub model: Option<PathBuf>,
}

/// Running totals of an ingest run.
#[derive(Default)]
struct Totals {
    documents: u64,
    unchanged: u64,
    replaced: u64,
    failed: u64,
    words: u64,
}

impl Totals {
    fn add(&mut self, s: IngestStats) {
        self.documents += 1;
        self.unchanged += u64::from(s.unchanged);
        self.replaced += u64::from(s.replaced);
    }
}

pub fn ingest(store_path: &Path, inputs: &[PathBuf], o: IngestOptions) -> Result<ExitCode, String> {
    let sources = corpus::sources(inputs, o.jsonl || o.extracted)?;
    let extracted = o.extracted || {
        let jsonl: Vec<&PathBuf> = sources
            .iter()
            .filter_map(|s| match s {
                Source::Jsonl(p) if p != Path::new("-") => Some(p),
                _ => None,
            })
            .collect();
        let mut found = Vec::new();
        for p in &jsonl {
            found.push(is_extracted_file(p).map_err(|e| e.to_string())?);
        }
        match (found.iter().any(|&x| x), found.iter().all(|&x| x)) {
            (true, true) if jsonl.len() == sources.len() => true,
            (true, _) => {
                return Err(
                    "some inputs are extracted records (`rolegraph extract --format jsonl` \
                            output) and some are documents: ingest them in separate runs"
                        .into(),
                )
            }
            _ => false,
        }
    };
    let mut store = Store::open(store_path).map_err(|e| e.to_string())?;
    // A second connection, for the reading thread: it looks up each
    // document's stored hash while this one writes (WAL: readers never wait).
    let stored =
        if extracted { None } else { Some(Store::open(store_path).map_err(|e| e.to_string())?) };
    let total: Option<u64> = sources.iter().map(Source::size_bytes).sum();
    let progress = corpus::progress_bar(total);
    let started = Instant::now();
    let mut totals = Totals::default();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sink =
        |out: Output, hash: Option<String>, totals: &mut Totals| -> rolegraph::Result<()> {
            totals.words += out.words;
            match &out.result {
                Ok(found) => {
                    let id = out.id.clone().unwrap_or_else(|| out.origin.to_string());
                    let doc = Document {
                        id: &id,
                        text: None,
                        date: out.date.as_deref(),
                        hash: hash.as_deref(),
                    };
                    totals.add(store.ingest_document(doc, found)?);
                }
                Err(e) => {
                    totals.failed += 1;
                    let msg = format!("rolegraph: {}: {e}", out.origin);
                    match &progress {
                        Some(bar) => bar.suspend(|| eprintln!("{msg}")),
                        None => eprintln!("{msg}"),
                    }
                    let line = out.to_json_line()?;
                    let _ =
                        stdout.write_all(line.as_bytes()).and_then(|()| stdout.write_all(b"\n"));
                }
            }
            if let Some(bar) = &progress {
                bar.inc(out.bytes);
                let rate = (totals.documents + totals.failed) as f64
                    / started.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!(
                    "{} documents ({} failed), {:.1} documents/s",
                    totals.documents, totals.failed, rate
                ));
            }
            Ok(())
        };
    let max = o.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES);
    let run = if extracted {
        let mut result = Ok(());
        for input in read_sources(sources, max).whole_lines() {
            let words = 0;
            let result_of = input.text.and_then(|line| parse_extracted(&line));
            let out = Output {
                origin: input.origin,
                id: input.id,
                date: input.date,
                lang: input.lang,
                words,
                bytes: input.bytes,
                result: result_of,
            };
            if let Err(e) = sink(out, None, &mut totals) {
                result = Err(e);
                break;
            }
        }
        result
    } else {
        let ner = ner(o.model.as_deref(), o.max_input_bytes).map_err(|e| e.to_string())?;
        let mut runner = Runner::builder();
        if let Some(jobs) = o.jobs {
            runner.jobs(jobs);
        }
        if let Some(threads) = o.threads_per_job {
            runner.threads_per_job(threads);
        }
        let runner = runner.build().map_err(|e| e.to_string())?;
        // Documents whose text (and date) hash is stored are skipped before
        // extraction; the others' hashes wait for their output, by origin.
        let pending: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let skipped = Arc::new(AtomicU64::new(0));
        let (pending_in, skipped_in) = (Arc::clone(&pending), Arc::clone(&skipped));
        let inputs = read_sources(sources, ner.max_input_bytes()).filter(move |input| {
            let Ok(text) = &input.text else { return true };
            let id = input.id.clone().unwrap_or_else(|| input.origin.to_string());
            let hash = text_hash(text, input.date.as_deref());
            // A failed look-up only means the document is extracted again:
            // the write checks the hash too.
            let known = stored.as_ref().and_then(|s| s.content_hash(&id).ok().flatten());
            if known.as_deref() == Some(hash.as_str()) {
                skipped_in.fetch_add(1, Ordering::Relaxed);
                return false;
            }
            if let Ok(mut p) = pending_in.lock() {
                p.insert(input.origin.to_string(), hash);
            }
            true
        });
        let result = runner
            .run(&ner, inputs, |out| {
                let hash = pending.lock().ok().and_then(|mut p| p.remove(&out.origin.to_string()));
                sink(out, hash, &mut totals)
            })
            .map(|_| ());
        let skipped = skipped.load(Ordering::Relaxed);
        totals.documents += skipped;
        totals.unchanged += skipped;
        result
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let _ = stdout.flush();
    run.map_err(|e: Error| e.to_string())?;
    let counts = store.counts().map_err(|e| e.to_string())?;
    let counts: Vec<String> = counts.iter().map(|(t, n)| format!("{t} {n}")).collect();
    eprintln!(
        "rolegraph: {} documents stored in {:.1} s ({} unchanged, {} replaced), {} failed; store: {}",
        totals.documents,
        started.elapsed().as_secs_f64(),
        totals.unchanged,
        totals.replaced,
        totals.failed,
        counts.join(", ")
    );
    if totals.failed > 0 {
        eprintln!(
            "rolegraph: {} of {} inputs failed",
            totals.failed,
            totals.documents + totals.failed
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn ner(model: Option<&Path>, max_bytes: Option<usize>) -> rolegraph::Result<Extractor> {
    crate::extractor_with(model, max_bytes, None)
}

/// `rolegraph export STORE --format F [--out PATH]`.
pub fn export(store_path: &Path, format: &str, out: Option<&Path>) -> Result<ExitCode, String> {
    if !store_path.exists() {
        return Err(format!("no store at {}", store_path.display()));
    }
    let store = Store::open(store_path).map_err(|e| e.to_string())?;
    if format.eq_ignore_ascii_case("neo4j") {
        let Some(dir) = out else {
            return Err(
                "--format neo4j writes nodes.csv and relationships.csv: give --out DIR".into()
            );
        };
        store.to_neo4j_csv(dir).map_err(|e| e.to_string())?;
        return Ok(ExitCode::SUCCESS);
    }
    let format: G = format.parse().map_err(|e: Error| e.to_string())?;
    let text = store.to_graph().map_err(|e| e.to_string())?.export(format);
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => crate::emit(text)?,
    }
    Ok(ExitCode::SUCCESS)
}
