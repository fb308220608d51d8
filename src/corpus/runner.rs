//! The ordered parallel runner.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

use super::input::over_limit;
use super::{Input, Output};
use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extractor;

/// Builds a [`Runner`]. Setters take `&mut self`; [`build`](Self::build) can
/// be called repeatedly.
#[derive(Clone, Debug, Default)]
pub struct RunnerBuilder {
    jobs: Option<usize>,
    threads_per_job: Option<usize>,
    max_in_flight: Option<usize>,
}

impl RunnerBuilder {
    /// A builder with every option unset (defaults apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// Documents extracted at once (default: one per available core).
    pub fn jobs(&mut self, jobs: usize) -> &mut Self {
        self.jobs = Some(jobs);
        self
    }

    /// Threads each document's model kernels may use (default: the cores
    /// divided among the jobs, at least one). Each job runs in its own rayon
    /// pool of this size, and a document runs at most this many parallel
    /// forward passes ([`ExtractorBuilder::parallel_batches`] still caps
    /// them), so `jobs × threads_per_job` threads compute at once: with the
    /// defaults, one per core, and no job hands work to a core busy with
    /// another.
    ///
    /// [`ExtractorBuilder::parallel_batches`]: crate::ExtractorBuilder::parallel_batches
    pub fn threads_per_job(&mut self, threads: usize) -> &mut Self {
        self.threads_per_job = Some(threads);
        self
    }

    /// Most inputs read but not yet handed to the sink (default: four per
    /// job). This bounds memory: the reader waits for a free slot before
    /// reading the next input, and a slot is freed when its output has been
    /// written, so neither the queue nor the reorder buffer outgrow it.
    pub fn max_in_flight(&mut self, inputs: usize) -> &mut Self {
        self.max_in_flight = Some(inputs);
        self
    }

    /// Checks the options and starts the jobs' thread pools.
    pub fn build(&self) -> Result<Runner> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = self.jobs.unwrap_or(cores);
        if jobs == 0 {
            return Err(Error::new(ErrorKind::Config, "jobs must be at least 1"));
        }
        let threads = self.threads_per_job.unwrap_or((cores / jobs).max(1));
        if threads == 0 {
            return Err(Error::new(ErrorKind::Config, "threads_per_job must be at least 1"));
        }
        let max_in_flight = self.max_in_flight.unwrap_or(4 * jobs);
        if max_in_flight == 0 {
            return Err(Error::new(ErrorKind::Config, "max_in_flight must be at least 1"));
        }
        let pools = (0..jobs)
            .map(|j| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(move |t| format!("rolegraph-job-{j}.{t}"))
                    .build()
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Config,
                            format!("cannot start job {j}'s threads: {e}"),
                        )
                        .with_source(e)
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Runner { pools, threads, max_in_flight })
    }
}

/// Counts of a finished [`Runner::run`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Outputs handed to the sink (one per input).
    pub outputs: u64,
    /// Outputs that are errors.
    pub failed: u64,
    /// Words of the texts.
    pub words: u64,
}

/// Runs many documents through one shared [`Extractor`] on parallel jobs and
/// hands their outputs to a sink in input order. See the [module
/// docs](super) for an example.
#[derive(Debug)]
pub struct Runner {
    pools: Vec<rayon::ThreadPool>,
    threads: usize,
    max_in_flight: usize,
}

impl Runner {
    /// A builder for the options.
    pub fn builder() -> RunnerBuilder {
        RunnerBuilder::new()
    }

    /// Documents extracted at once.
    pub fn jobs(&self) -> usize {
        self.pools.len()
    }

    /// Threads of each job.
    pub fn threads_per_job(&self) -> usize {
        self.threads
    }

    /// Extracts every input and calls `sink` once per input, in input order,
    /// on the calling thread. Inputs are pulled lazily (on another thread, so
    /// the iterator must be `Send`) and at most
    /// [`max_in_flight`](RunnerBuilder::max_in_flight) are held at once.
    ///
    /// An input that is an error, a text over the extractor's
    /// [`max_input_bytes`](Extractor::max_input_bytes), an extraction that
    /// fails, even one that panics, each give an error output and the run
    /// goes on. The graph of each output records the input's id as its
    /// document. The run stops early only when `sink` returns an error,
    /// which is returned.
    pub fn run<I, F>(&self, extractor: &Extractor, inputs: I, mut sink: F) -> Result<Summary>
    where
        I: IntoIterator<Item = Input>,
        I::IntoIter: Send,
        F: FnMut(Output) -> Result<()>,
    {
        let inputs = inputs.into_iter();
        // A slot per input in flight: taken by the reader, freed by the writer.
        let (slot_take, slot_free) = sync_channel::<()>(self.max_in_flight);
        let (work_tx, work_rx) = sync_channel::<(u64, Input)>(self.pools.len());
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = channel::<(u64, Output)>();
        let stop = AtomicBool::new(false);
        let mut summary = Summary::default();
        let mut result = Ok(());
        std::thread::scope(|scope| {
            let stop = &stop;
            scope.spawn(move || {
                let mut inputs = inputs;
                // A slot first, then the input: no input is held waiting for one.
                for seq in 0u64.. {
                    if stop.load(Ordering::Relaxed) || slot_take.send(()).is_err() {
                        break;
                    }
                    let Some(input) = inputs.next() else { break };
                    if work_tx.send((seq, input)).is_err() {
                        break;
                    }
                }
            });
            for pool in &self.pools {
                let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
                let passes = self.threads;
                scope.spawn(move || {
                    pool.install(|| loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok((seq, input)) = next else { break };
                        if done_tx.send((seq, process(extractor, input, passes))).is_err() {
                            break;
                        }
                    })
                });
            }
            drop((work_rx, done_tx));
            let mut pending = BTreeMap::new();
            let mut next = 0u64;
            'write: for (seq, output) in &done_rx {
                pending.insert(seq, output);
                while let Some(output) = pending.remove(&next) {
                    next += 1;
                    summary.outputs += 1;
                    summary.failed += u64::from(output.result.is_err());
                    summary.words += output.words;
                    if let Err(e) = sink(output) {
                        result = Err(e);
                        break 'write;
                    }
                    // Frees this output's slot (its token stays queued even after
                    // the reader has ended, so this never waits).
                    let _ = slot_free.recv();
                }
            }
            // On a sink error: the reader and the jobs see their channels
            // closed and stop.
            stop.store(true, Ordering::Relaxed);
            drop(slot_free);
            drop(done_rx);
        });
        result.map(|()| summary)
    }
}

/// Extracts one input.
fn process(extractor: &Extractor, input: Input, passes: usize) -> Output {
    let Input { origin, id, date, lang, text, bytes } = input;
    let words = text.as_ref().map_or(0, |t| t.split_whitespace().count() as u64);
    let result = text.and_then(|text| {
        let max = extractor.max_input_bytes();
        if text.len() > max {
            return Err(over_limit(text.len() as u64, max));
        }
        catch_unwind(AssertUnwindSafe(|| {
            extractor.extract_document(&text, lang.as_deref(), id.as_deref(), passes)
        }))
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::new(
                ErrorKind::Backend,
                format!("internal error while extracting (please report it): {what}"),
            ))
        })
    });
    Output { origin, id, date, lang, words, bytes, result }
}
