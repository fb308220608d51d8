//! The corpus options shared by `extract` and `ingest`, and what they build:
//! the extractor and the parallel runner.

use std::path::PathBuf;

use clap::Args;
use rolegraph::corpus::Runner;
use rolegraph::Extractor;

use crate::PrecisionArg;

/// How a corpus is read and extracted.
#[derive(Args, Clone, Debug, Default)]
pub struct CorpusArgs {
    /// Read every input file (and standard input) as JSON lines
    /// (`{"id": …, "text": …, "date"?: …, "lang"?: …}` per line), whatever its name.
    #[arg(long)]
    pub jsonl: bool,
    /// Corpus mode: documents extracted at once (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Corpus mode: threads each document may use (default: the cores
    /// divided among the jobs). `--jobs N --threads-per-job 1` runs N
    /// single-threaded workers.
    #[arg(long)]
    pub threads_per_job: Option<usize>,
    /// Largest text accepted, in bytes (default 64 MiB); longer ones are refused, never cut.
    #[arg(long)]
    pub max_input_bytes: Option<usize>,
    /// Hugging Face model directory (default: the embedded model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Arithmetic of the encoder's dense layers (default `auto`: int8
    /// where the CPU has AVX-512 VNNI or AVX2).
    #[arg(long, value_enum)]
    pub precision: Option<PrecisionArg>,
}

impl CorpusArgs {
    /// The extractor: `--model` (else the embedded model), `--max-input-bytes`,
    /// `--precision`.
    pub fn extractor(&self) -> Result<Extractor, String> {
        crate::extractor_with(self.model.as_deref(), self.max_input_bytes, self.precision)
            .map_err(|e| e.to_string())
    }

    /// The corpus runner: `--jobs`, `--threads-per-job`.
    pub fn runner(&self) -> Result<Runner, String> {
        let mut runner = Runner::builder();
        if let Some(jobs) = self.jobs {
            runner.jobs(jobs);
        }
        if let Some(threads) = self.threads_per_job {
            runner.threads_per_job(threads);
        }
        runner.build().map_err(|e| e.to_string())
    }
}
