//! `rolegraph extract` in corpus mode: sources, progress, output records.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rolegraph::corpus::{list_text_files, read_sources, Source};
use rolegraph::graph::{Format as G, Graph};
use rolegraph::{Error, ErrorKind, Extractor};

use crate::args::CorpusArgs;
use crate::progress::Progress;
use crate::Format;

/// A `.jsonl` (or `.ndjson`) file name.
pub fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// What to do with each output.
enum Sink {
    Lines(std::io::BufWriter<std::io::StdoutLock<'static>>),
    Graph(Graph, G),
}

pub fn run(
    ner: &Extractor,
    inputs: &[PathBuf],
    format: Format,
    args: &CorpusArgs,
) -> Result<ExitCode, String> {
    let mut sink = match format {
        Format::Jsonl => Sink::Lines(std::io::BufWriter::new(std::io::stdout().lock())),
        Format::Json => Sink::Graph(Graph::new(), G::Json),
        Format::Jsonld => Sink::Graph(Graph::new(), G::JsonLd),
        Format::Ntriples => Sink::Graph(Graph::new(), G::NTriples),
        Format::Graphml => Sink::Graph(Graph::new(), G::GraphMl),
        Format::Dot => Sink::Graph(Graph::new(), G::Dot),
        // Refused before the corpus is read (main.rs); kept for exhaustiveness.
        Format::Html => return Err("--format html renders one document".into()),
        Format::Table => {
            return Err("--format table shows one document; in corpus mode use jsonl (one record \
                        per document) or json, jsonld, ntriples, graphml, dot (the merged graph)"
                .into())
        }
    };
    let runner = args.runner()?;
    let sources = sources(inputs, args.jsonl)?;
    let progress = Progress::new(sources.iter().map(Source::size_bytes).sum());
    let (mut documents, mut failed, mut words) = (0u64, 0u64, 0u64);
    let mut broken_pipe = false;
    let summary = runner.run(ner, read_sources(sources, ner.max_input_bytes()), |out| {
        documents += 1;
        words += out.words;
        if let Err(e) = &out.result {
            failed += 1;
            progress.say(&format!("{}: {e}", out.origin));
        }
        progress.advance(out.bytes, |secs| {
            let rate = words as f64 / secs;
            format!("{documents} documents ({failed} failed), {} words/s", rate.round() as u64)
        });
        match &mut sink {
            Sink::Lines(w) => {
                let line = out.to_json_line()?;
                let written = w.write_all(line.as_bytes()).and_then(|()| w.write_all(b"\n"));
                written.map_err(|e| {
                    broken_pipe = e.kind() == std::io::ErrorKind::BrokenPipe;
                    Error::new(ErrorKind::Io, format!("writing output: {e}")).with_source(e)
                })
            }
            Sink::Graph(graph, _) => {
                if let Ok(found) = out.result {
                    graph.merge(found.graph);
                }
                Ok(())
            }
        }
    });
    progress.finish();
    let summary = match summary {
        Ok(s) => s,
        Err(_) if broken_pipe => std::process::exit(0),
        Err(e) => return Err(e.to_string()),
    };
    match sink {
        Sink::Lines(mut w) => match w.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r.map_err(|e| format!("writing output: {e}"))?,
        },
        Sink::Graph(graph, format) => crate::emit(graph.export(format))?,
    }
    if summary.failed > 0 {
        eprintln!("rolegraph: {} of {} inputs failed", summary.failed, summary.outputs);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The sources of the inputs: `-` (or none) is standard input as JSON lines,
/// a directory its `.txt` files, a `.jsonl` file (or any file with `--jsonl`)
/// JSON lines, any other path one text document.
pub fn sources(inputs: &[PathBuf], jsonl: bool) -> Result<Vec<Source>, String> {
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() { &stdin[..] } else { inputs };
    let mut sources = Vec::new();
    for path in inputs {
        if path == Path::new("-") || jsonl || is_jsonl(path) && !path.is_dir() {
            sources.push(Source::Jsonl(path.clone()));
        } else if path.is_dir() {
            let listing = list_text_files(path).map_err(|e| e.to_string())?;
            if let Some(first) = listing.ignored.first() {
                eprintln!(
                    "rolegraph: {}: {} entries not ending in .txt not read (first: {})",
                    path.display(),
                    listing.ignored.len(),
                    first.display()
                );
            }
            sources.extend(listing.texts.into_iter().map(Source::Text));
        } else {
            sources.push(Source::Text(path.clone()));
        }
    }
    Ok(sources)
}
