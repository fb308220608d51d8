//! # rolegraph
//!
//! Reads news and press releases in many languages and says who is
//! mentioned, what role they hold in which agency, who met whom, and what
//! they discussed — as typed entities and a small knowledge graph.
//!
//! ## Stages
//!
//! Data flows one way; each stage borrows the previous stage's output:
//!
//! 1. **tokenize** — the model's Hugging Face `tokenizer.json`, with byte
//!    offsets into the original text; long texts are cut into overlapping
//!    windows.
//! 2. **encode** — a BERT-family token classifier (BERT, RoBERTa,
//!    XLM-RoBERTa, CamemBERT, DistilBERT checkpoints as saved by
//!    `save_pretrained`) run on [candle](https://github.com/huggingface/candle)
//!    behind the [`Backend`] interface (token ids in, logits out).
//! 3. **decode** — subword predictions aggregated to words
//!    ([`Aggregation`]), a constrained Viterbi over the label scheme
//!    ([`Decoding`]), and [`Entity`] spans that are exact slices of the input.
//! 4. **relate** — people, their roles and agencies, meetings and
//!    discussions ([`relate`]).
//! 5. **graph** — a knowledge graph with JSON, JSON-LD, N-Triples, GraphML
//!    and DOT exporters ([`graph`]).
//! 6. **report** — one document as a self-contained HTML page: the text with
//!    its entities and evidence highlighted, people, meetings, topics and
//!    the graph as SVG ([`report`]).
//!
//! ## Example
//!
//! [`extract`] uses the default model embedded in the crate; the first call
//! loads it (a fraction of a second), later calls reuse it.
//!
//! ```
//! let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
//! let found = rolegraph::extract(text)?;
//! for e in &found.entities {
//!     // Every entity is an exact slice of the input.
//!     assert_eq!(&text[e.bytes.range()], e.text);
//! }
//! assert!(found.entities.iter().any(|e| e.label == "PER" && e.text == "Ralph Goodale"));
//! # Ok::<(), rolegraph::Error>(())
//! ```
//!
//! Bring your own checkpoint with [`Extractor::builder`]:
//!
//! ```no_run
//! use rolegraph::{Aggregation, Extractor};
//! let ner = Extractor::builder()
//!     .model_dir("models/my-xlmr-ner")
//!     .aggregation(Aggregation::Average)
//!     .build()?;
//! let entities = ner.entities("Angela Merkel traf Emmanuel Macron in Berlin.")?;
//! # Ok::<(), rolegraph::Error>(())
//! ```
#![deny(missing_docs)]

mod decode;
mod default_model;
mod entity;
mod error;
mod extractor;
#[cfg(feature = "hub")]
mod hub;
mod model;
mod render;
mod span;
mod tokenize;

pub mod corpus;
pub mod eval;
pub mod graph;
pub mod relate;
pub mod report;
pub mod store;

use std::sync::LazyLock;

pub use candle_core::Device;
pub use decode::{Aggregation, Decoding, LabelScheme, Position, Scheme, Tag};
pub use default_model::DEFAULT_MODEL_NAME;
pub use entity::Entity;
pub use error::{Error, ErrorKind, Result};
pub use extractor::{
    Extraction, Extractor, ExtractorBuilder, WindowLogits, DEFAULT_MAX_INPUT_BYTES,
};
#[doc(hidden)]
pub use model::DenseLayer;
#[cfg(feature = "rust-bert")]
pub use model::RustBertBackend;
pub use model::{
    Activation, Architecture, Backend, BackendKind, Batch, CandleBackend, ModelConfig, Precision,
};
pub use span::{CharIndex, Span};

static DEFAULT: LazyLock<std::result::Result<Extractor, (ErrorKind, String)>> =
    LazyLock::new(|| Extractor::builder().build().map_err(|e| (e.kind(), e.to_string())));

/// The process-wide extractor on the embedded default model, loaded on first
/// use and shared by every thread.
pub fn default_extractor() -> Result<&'static Extractor> {
    DEFAULT
        .as_ref()
        .map_err(|(kind, msg)| Error::new(*kind, format!("loading the default model: {msg}")))
}

/// Runs the whole pipeline on `text` with the embedded default model.
///
/// The first call loads the model (once per process, thread-safe); empty or
/// whitespace-only text gives an empty result.
pub fn extract(text: &str) -> Result<Extraction> {
    default_extractor()?.extract(text)
}
