//! Already-extracted records: the lines of `rolegraph extract --format jsonl`.

use std::io::{BufRead, Read};
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::entity::Entity;
use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extraction;
use crate::graph::Graph;
use crate::relate::Relations;

/// The fields of an output record that the store reads.
#[derive(Deserialize)]
struct Extracted {
    #[serde(default)]
    entities: Vec<Entity>,
    relations: Option<Relations>,
    error: Option<ErrorRecord>,
}

#[derive(Deserialize)]
struct ErrorRecord {
    kind: Option<String>,
    message: Option<String>,
}

/// The keys that tell an output record from an input record.
#[derive(Deserialize)]
struct Keys {
    entities: Option<IgnoredAny>,
    relations: Option<IgnoredAny>,
    error: Option<IgnoredAny>,
    source: Option<IgnoredAny>,
    text: Option<IgnoredAny>,
}

impl Keys {
    fn extracted(&self) -> bool {
        self.entities.is_some()
            || self.relations.is_some()
            || (self.error.is_some() && self.source.is_some() && self.text.is_none())
    }
}

/// Reads one output record of `rolegraph extract --format jsonl` (`{"id",
/// "source", "line", "entities", "relations", "graph"}`): its entities and
/// relations (the graph is not read; the store builds its own). An error
/// record of that run (`{…, "error": {"kind", "message"}}`) is returned as an
/// [`ErrorKind::Input`] error that quotes it.
pub fn parse_extracted(line: &str) -> Result<Extraction> {
    let record: Extracted = serde_json::from_str(line).map_err(|e| {
        Error::new(ErrorKind::Input, format!("not an extracted record: {e}")).with_source(e)
    })?;
    if let Some(err) = record.error {
        return Err(Error::new(
            ErrorKind::Input,
            format!(
                "the extraction of this record failed ({}: {})",
                err.kind.as_deref().unwrap_or("?"),
                err.message.as_deref().unwrap_or("")
            ),
        ));
    }
    let Some(relations) = record.relations else {
        return Err(Error::new(ErrorKind::Input, "extracted record without `relations`"));
    };
    Ok(Extraction { entities: record.entities, relations, graph: Graph::new() })
}

/// Whether a JSON-lines file holds already-extracted records: the first of
/// its first 20 lines that is a JSON object has `entities` or `relations`
/// (or is an error record: `source` and `error` without `text`). Lines
/// longer than 64 MiB are not looked at.
pub fn is_extracted_file(path: &Path) -> Result<bool> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    for _ in 0..20 {
        line.clear();
        let limit = 64 << 20;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') && n as u64 == limit {
            // Skip the rest of an over-long line.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let m = (&mut reader)
                    .take(limit)
                    .read_until(b'\n', &mut rest)
                    .map_err(|e| Error::io(path, e))?;
                if m == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
            continue;
        }
        if let Ok(keys) = serde_json::from_slice::<Keys>(&line) {
            return Ok(keys.extracted());
        }
    }
    Ok(false)
}
