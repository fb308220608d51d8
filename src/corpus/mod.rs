//! Corpus mode: many documents through one shared [`Extractor`], in
//! parallel, with bounded memory, results in input order.
//!
//! Three parts, as `rolegraph extract` uses them on directories, several
//! files or JSON lines:
//!
//! - **inputs** — [`Input`] records with their [`Origin`] (file, line):
//!   [`JsonlReader`] streams a JSON-lines source (one record per line, never
//!   more than one line in memory), [`text_file`] reads one `.txt` file,
//!   [`list_text_files`] lists a directory, [`read_sources`] chains files of
//!   both kinds. An input that cannot be a document (invalid JSON, no `text`,
//!   invalid UTF-8, over the size limit, a blank line) is still a record:
//!   its `text` is the [`Error`](crate::Error), so that it gets its own output.
//! - **the runner** — [`Runner`] extracts on [`jobs`](RunnerBuilder::jobs)
//!   threads, each in its own rayon pool sized so that the jobs together use
//!   every core once, and hands each [`Output`] to a sink in input order; a
//!   slot per input in flight bounds the queue and the reorder buffer.
//! - **outputs** — [`Output`], and [`Output::to_json_line`] for the
//!   JSON-lines record: `{"id", "source", "line", "date"?, "lang"?,
//!   "entities", "relations", "graph"}` or `{…, "error": {"kind",
//!   "message"}}`.
//!
//! ```
//! use rolegraph::corpus::{JsonlReader, Runner};
//!
//! let jsonl = concat!(
//!     r#"{"id": "a", "text": "Le ministre Ralph Goodale a rencontré Kevin McAleenan."}"#, "\n",
//!     "not json\n",
//!     r#"{"id": "c", "text": "Angela Merkel traf Emmanuel Macron in Berlin.", "lang": "de"}"#, "\n",
//! );
//! let extractor = rolegraph::default_extractor()?;
//! let runner = Runner::builder().jobs(2).build()?;
//! let mut lines = Vec::new();
//! let mut merged = rolegraph::graph::Graph::new();
//! let summary = runner.run(extractor, JsonlReader::new(jsonl.as_bytes(), "mem.jsonl"), |out| {
//!     lines.push(out.to_json_line()?);
//!     if let Ok(found) = out.result {
//!         merged.merge(found.graph);
//!     }
//!     Ok(())
//! })?;
//! assert_eq!((summary.outputs, summary.failed), (3, 1));
//! assert!(lines[0].starts_with(r#"{"id":"a","source":"mem.jsonl","line":1,"entities":"#));
//! assert!(lines[1].contains(r#""line":2,"error":{"kind":"input","message":"invalid JSON"#));
//! assert!(merged.node("person/angela-merkel").is_some());
//! # Ok::<(), rolegraph::Error>(())
//! ```
//!
//! [`Extractor`]: crate::Extractor

mod input;
mod output;
mod runner;

pub use input::{
    list_text_files, max_line_bytes, read_sources, text_file, DirListing, Input, Inputs,
    JsonlReader, Origin, Source,
};
pub use output::Output;
pub use runner::{Runner, RunnerBuilder, Summary};
