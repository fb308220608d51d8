//! `rolegraph` command line: extract entities and relations, evaluate models.

use std::io::Read;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rolegraph::Extractor;

mod archive;
mod args;
mod corpus;
mod progress;
mod store;

use args::CorpusArgs;

#[derive(Parser)]
#[command(
    name = "rolegraph",
    version,
    about = "Who is mentioned, in what role, who met whom, what they discussed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Human-readable tables.
    Table,
    /// The full extraction (entities, relations, graph) as JSON.
    Json,
    /// The knowledge graph as JSON-LD (schema.org + W3C ORG).
    Jsonld,
    /// The knowledge graph as N-Triples.
    Ntriples,
    /// The knowledge graph as GraphML.
    Graphml,
    /// The knowledge graph as Graphviz DOT.
    Dot,
    /// One JSON record per input document, one per line (corpus mode).
    Jsonl,
    /// One document as a self-contained HTML page: the text with entities
    /// and evidence highlighted, people and roles, meetings, topics and the
    /// graph as SVG (not in corpus mode).
    Html,
}

/// `--precision`: arithmetic of the encoder's dense layers.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PrecisionArg {
    /// int8 where the CPU has AVX-512 VNNI or AVX2, else f32.
    Auto,
    /// f32 throughout.
    Fp32,
    /// int8 weights and activations in the dense layers.
    Int8,
}

impl From<PrecisionArg> for rolegraph::Precision {
    fn from(p: PrecisionArg) -> Self {
        match p {
            PrecisionArg::Auto => rolegraph::Precision::Auto,
            PrecisionArg::Fp32 => rolegraph::Precision::Fp32,
            PrecisionArg::Int8 => rolegraph::Precision::Int8,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities (and relations) from a text file or standard input,
    /// or from a corpus: several files, directories of `.txt` files, JSON lines.
    ///
    /// One text file (or `-`, or nothing: standard input) is one document.
    /// Several inputs, a directory, a `.jsonl` file, `--jsonl` or `--format
    /// jsonl` mean corpus mode: every document is extracted (in parallel) and
    /// the output is one JSON record per input document or line, in input
    /// order (`--format jsonl`, the default), or the merged knowledge graph
    /// (`json`, `jsonld`, `ntriples`, `graphml`, `dot`). In corpus mode
    /// standard input is read as JSON lines, and the exit status is 1 if any
    /// input failed (each failure is an error record and a message on
    /// standard error; the run goes on).
    Extract {
        /// Input files or directories; `-` or nothing reads standard input.
        inputs: Vec<PathBuf>,
        /// Output format (default: `table` for one document, `jsonl` in corpus mode).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// One document: its id in the graph's provenance (default: the file
        /// name without extension, `stdin` for standard input). Corpus mode
        /// takes each record's id instead.
        #[arg(long)]
        id: Option<String>,
    },
    /// Extract a corpus (the inputs of `extract` in corpus mode) or read
    /// already-extracted records, and merge them into a knowledge-graph
    /// store (an SQLite file, created when missing; see docs/store.md).
    ///
    /// A document whose id and content are already stored is skipped; one
    /// whose content changed has its facts replaced. Inputs that fail are
    /// written to standard output as the error records of `extract` (and to
    /// standard error); the exit status is then 1, and the rest is stored.
    Ingest {
        /// The store file.
        store: PathBuf,
        /// Input files or directories; `-` or nothing reads standard input.
        inputs: Vec<PathBuf>,
        /// The inputs are the output of `rolegraph extract --format jsonl`
        /// (detected without this flag when their records have `entities`
        /// or `relations`): nothing is extracted again.
        #[arg(long)]
        extracted: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Write the whole store as one knowledge graph.
    Export {
        /// The store file.
        store: PathBuf,
        /// `jsonld`, `ntriples`, `graphml`, `dot`, `json`, or `neo4j`
        /// (`nodes.csv` and `relationships.csv` for `neo4j-admin database import`).
        #[arg(long, value_parser = ["jsonld", "ntriples", "graphml", "dot", "json", "neo4j"])]
        format: String,
        /// Output file (standard output when absent); a directory for `neo4j`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the store as an HTML archive: an index and one page per document.
    ///
    /// DIR/index.html lists the people (posts, agencies, documents,
    /// meetings), the agencies (who holds posts there), the meetings (who,
    /// when, where, which document) and the documents, linking to each
    /// other and to DIR/docs/<name>.html, one page per document (its text
    /// with entities and evidence highlighted, people, meetings, topics,
    /// graph). Every page is self-contained: inline style and script,
    /// nothing fetched. A document id that is not a plain lower-case name
    /// gets a file name with a hash (`../x` → `_x~<hash>.html`).
    Report {
        /// The store file.
        store: PathBuf,
        /// The archive's directory (created when missing; pages of the same
        /// names are overwritten).
        #[arg(long)]
        out: PathBuf,
    },
    /// Entity-level precision/recall/F1 of the NER stage on CoNLL files.
    EvalNer {
        /// CoNLL files (`index<TAB>token<TAB>tag` or `token tag`).
        #[arg(long = "data", required = true, num_args = 1..)]
        data: Vec<PathBuf>,
        /// Hugging Face model directory (default: the embedded model).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Arithmetic of the encoder's dense layers (default `auto`).
        #[arg(long, value_enum)]
        precision: Option<PrecisionArg>,
        /// Only these entity types (comma-separated).
        #[arg(long, value_delimiter = ',')]
        types: Option<Vec<String>>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Scores people, roles, meetings and topics against gold relation files.
    EvalRelations {
        /// Directory of gold `*.json` files.
        #[arg(long)]
        data: PathBuf,
        /// Hugging Face model directory (default: the embedded model).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Use the gold entities instead of the NER model (scores the relations stage alone).
        #[arg(long)]
        gold_entities: bool,
        /// List each document's missed and spurious pairs, titles and agencies.
        #[arg(long)]
        errors: bool,
        /// Score only one part of the written corpus (`tune` or `measure`; see
        /// `relate::eval::corpus_part`).
        #[arg(long, value_parser = ["tune", "measure"])]
        split: Option<String>,
        /// Score only the documents whose ids this file lists (one per line;
        /// with `--split`, both must hold).
        #[arg(long)]
        ids: Option<PathBuf>,
        /// Met-with pair classifier to use instead of the embedded one (a JSON
        /// file written by `tools/relations/train_pairs.py`).
        #[arg(long)]
        pair_model: Option<PathBuf>,
        /// Write the met-with pair features of every document (JSON lines,
        /// with the gold label) to this file instead of scoring.
        #[arg(long)]
        dump_pairs: Option<PathBuf>,
        /// Write the candidate countries of every role that names none
        /// (JSON lines, with the gold label) to this file instead of scoring.
        #[arg(long, conflicts_with = "dump_pairs")]
        dump_countries: Option<PathBuf>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Writes to stdout; a closed pipe (`rolegraph … | head`) ends the program
/// quietly instead of panicking like `print!`.
fn emit(s: String) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(format!("writing output: {e}")),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rolegraph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn extractor(model: Option<&Path>) -> rolegraph::Result<Extractor> {
    extractor_with(model, None, None)
}

fn extractor_with(
    model: Option<&Path>,
    max_bytes: Option<usize>,
    precision: Option<PrecisionArg>,
) -> rolegraph::Result<Extractor> {
    let mut b = Extractor::builder();
    if let Some(p) = precision {
        b.precision(p.into());
    }
    if let Some(dir) = model {
        b.model_dir(dir);
    }
    if let Some(n) = max_bytes {
        b.max_input_bytes(n);
    }
    b.build()
}

fn read_input(file: Option<&Path>) -> Result<String, String> {
    let mut bytes = Vec::new();
    let name = match file {
        None => "standard input".to_string(),
        Some(p) if p == Path::new("-") => "standard input".to_string(),
        Some(p) => p.display().to_string(),
    };
    match file {
        Some(p) if p != Path::new("-") => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read {name}: {e}"))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {name}: {e}"))?;
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The id of a single document: `--id`, else the file name without its
/// extension, else `stdin`.
fn document_id(id: Option<String>, file: Option<&Path>) -> String {
    id.or_else(|| {
        file.filter(|p| *p != Path::new("-"))
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
    })
    .unwrap_or_else(|| "stdin".to_string())
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Extract { inputs, format, corpus: args, id } => {
            let corpus_mode = inputs.len() > 1
                || args.jsonl
                || matches!(format, Some(Format::Jsonl))
                || inputs.iter().any(|p| p.is_dir() || corpus::is_jsonl(p));
            if corpus_mode {
                if matches!(format, Some(Format::Html)) {
                    return Err("--format html renders one document (one text file or standard \
                                input); in corpus mode use jsonl, or json, jsonld, ntriples, \
                                graphml, dot for the merged graph"
                        .into());
                }
                if id.is_some() {
                    return Err("--id names one document; in corpus mode every record has its \
                                own id (the JSON `id`, or the file name)"
                        .into());
                }
                let ner = args.extractor()?;
                return corpus::run(&ner, &inputs, format.unwrap_or(Format::Jsonl), &args);
            }
            let text = read_input(inputs.first().map(PathBuf::as_path))?;
            let ner = args.extractor()?;
            let mut found = ner.extract(&text).map_err(|e| e.to_string())?;
            let document = document_id(id, inputs.first().map(PathBuf::as_path));
            found.graph.assign_document(&document);
            use rolegraph::graph::Format as G;
            match format.unwrap_or(Format::Table) {
                // `--format jsonl` is corpus mode, handled above.
                Format::Jsonl => return Err("--format jsonl is corpus mode".into()),
                Format::Table => {
                    emit(format!("{}\n{}", found.entity_table(), found.relation_tables()))?
                }
                Format::Json => {
                    emit(serde_json::to_string_pretty(&found).map_err(|e| e.to_string())? + "\n")?
                }
                Format::Jsonld => emit(found.graph.export(G::JsonLd))?,
                Format::Ntriples => emit(found.graph.export(G::NTriples))?,
                Format::Graphml => emit(found.graph.export(G::GraphMl))?,
                Format::Dot => emit(found.graph.export(G::Dot))?,
                Format::Html => emit(
                    rolegraph::report::Report::new(&text, &found).document(&document).to_html(),
                )?,
            }
        }
        Command::Ingest { store, inputs, extracted, corpus } => {
            return store::ingest(&store, &inputs, extracted, &corpus);
        }
        Command::Report { store, out } => return archive::report(&store, &out),
        Command::Export { store, format, out } => {
            return store::export(&store, &format, out.as_deref());
        }
        Command::EvalNer { data, model, precision, types, json } => {
            let ner =
                extractor_with(model.as_deref(), None, precision).map_err(|e| e.to_string())?;
            let mut sentences = Vec::new();
            for f in &data {
                sentences.extend(rolegraph::eval::read_conll(f).map_err(|e| e.to_string())?);
            }
            let report = rolegraph::eval::evaluate(&ner, &sentences, types.as_deref())
                .map_err(|e| e.to_string())?;
            if json {
                emit(serde_json::to_string(&report).map_err(|e| e.to_string())? + "\n")?;
            } else {
                emit(format!("{report}\n"))?;
            }
        }
        Command::EvalRelations {
            data,
            model,
            gold_entities,
            errors,
            split,
            ids,
            pair_model,
            dump_pairs,
            dump_countries,
            json,
        } => {
            use rolegraph::relate::eval::{corpus_part, evaluate_dir_where, GoldDoc};
            let mut builder = rolegraph::relate::Relator::builder();
            if let Some(path) = &pair_model {
                builder.pair_model_file(path);
            }
            let relator = builder.build().map_err(|e| e.to_string())?;
            let listed: Option<std::collections::HashSet<String>> = match &ids {
                None => None,
                Some(path) => Some(
                    std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from)
                        .collect(),
                ),
            };
            let keep = |d: &GoldDoc| {
                split.as_deref().is_none_or(|s| corpus_part(&d.id) == s)
                    && listed.as_ref().is_none_or(|l| l.contains(&d.id))
            };
            let ner = if gold_entities {
                None
            } else {
                Some(extractor(model.as_deref()).map_err(|e| e.to_string())?)
            };
            let entities = |doc: &GoldDoc| match &ner {
                None => Ok(doc.entities()),
                Some(ner) => ner.entities(&doc.text),
            };
            if let Some(out) = dump_pairs {
                return dump_pair_features(&relator, &data, keep, entities, &out)
                    .map(|()| ExitCode::SUCCESS);
            }
            if let Some(out) = dump_countries {
                return dump_country_features(&relator, &data, keep, entities, &out)
                    .map(|()| ExitCode::SUCCESS);
            }
            let report =
                evaluate_dir_where(&relator, &data, keep, entities).map_err(|e| e.to_string())?;
            if json {
                emit(serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n")?;
            } else if errors {
                emit(format!("{report:#}\n"))?;
            } else {
                emit(format!("{report}\n"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `eval-relations --dump-pairs`: the pair classifier's training rows.
fn dump_pair_features(
    relator: &rolegraph::relate::Relator,
    dir: &Path,
    keep: impl Fn(&rolegraph::relate::eval::GoldDoc) -> bool,
    entities: impl Fn(&rolegraph::relate::eval::GoldDoc) -> rolegraph::Result<Vec<rolegraph::Entity>>,
    out: &Path,
) -> Result<(), String> {
    dump_rows(out, "pairs", rolegraph::relate::Relator::pair_feature_names(), |w| {
        rolegraph::relate::eval::write_pair_rows(relator, dir, keep, entities, w)
    })
}

/// `eval-relations --dump-countries`: the country model's training rows.
fn dump_country_features(
    relator: &rolegraph::relate::Relator,
    dir: &Path,
    keep: impl Fn(&rolegraph::relate::eval::GoldDoc) -> bool,
    entities: impl Fn(&rolegraph::relate::eval::GoldDoc) -> rolegraph::Result<Vec<rolegraph::Entity>>,
    out: &Path,
) -> Result<(), String> {
    dump_rows(
        out,
        "candidate countries",
        rolegraph::relate::Relator::country_feature_names(),
        |w| rolegraph::relate::eval::write_country_rows(relator, dir, keep, entities, w),
    )
}

/// Writes training rows to `out` with `write`, then says how many (`what`)
/// and over which features.
fn dump_rows(
    out: &Path,
    what: &str,
    names: &[&str],
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> rolegraph::Result<usize>,
) -> Result<(), String> {
    let file =
        std::fs::File::create(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut w = std::io::BufWriter::new(file);
    let rows = write(&mut w).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| format!("writing {}: {e}", out.display()))?;
    eprintln!(
        "{rows} {what} written to {} ({} features: {})",
        out.display(),
        names.len(),
        names.join(",")
    );
    Ok(())
}
