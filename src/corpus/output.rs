//! Output records.

use serde::Serialize;

use super::Origin;
use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extraction;

/// The result of one [`Input`](super::Input): its extraction, or why it has
/// none.
#[derive(Debug)]
pub struct Output {
    /// Where the input came from.
    pub origin: Origin,
    /// The input's id.
    pub id: Option<String>,
    /// The input's `date`, as written.
    pub date: Option<String>,
    /// The input's `lang`, as written.
    pub lang: Option<String>,
    /// Words (whitespace-separated) of the text; 0 without a text.
    pub words: u64,
    /// Bytes of the source the input took (see [`Input::bytes`](super::Input::bytes)).
    pub bytes: u64,
    /// Entities, relations and graph, or the input's or the pipeline's error.
    pub result: Result<Extraction>,
}

/// The JSON-lines shape of an [`Output`].
#[derive(Serialize)]
struct Record<'a> {
    id: Option<&'a str>,
    source: &'a str,
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extraction: Option<&'a Extraction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorRecord>,
}

#[derive(Serialize)]
struct ErrorRecord {
    kind: &'static str,
    message: String,
}

impl Output {
    /// The output record as one line of JSON (no line end):
    /// `{"id", "source", "line", "date"?, "lang"?, "entities", "relations",
    /// "graph"}` for a document (the fields of
    /// [`Extraction`], as in `rolegraph extract --format json`), or
    /// `{"id", "source", "line", "date"?, "lang"?, "error": {"kind",
    /// "message"}}` for an input that is not one or failed. `id` and `line`
    /// are `null` when unknown (a line that is not JSON; a whole text file).
    pub fn to_json_line(&self) -> Result<String> {
        let record = Record {
            id: self.id.as_deref(),
            source: &self.origin.source,
            line: self.origin.line,
            date: self.date.as_deref(),
            lang: self.lang.as_deref(),
            extraction: self.result.as_ref().ok(),
            error: self
                .result
                .as_ref()
                .err()
                .map(|e| ErrorRecord { kind: e.kind().as_str(), message: e.to_string() }),
        };
        serde_json::to_string(&record).map_err(|e| {
            Error::new(ErrorKind::Serialize, format!("record of {}: {e}", self.origin))
                .with_source(e)
        })
    }
}
