//! Typed entity spans: the output of the NER stage.

use serde::{Deserialize, Serialize};

use crate::span::{CharIndex, Span};

/// One named entity found in the caller's text.
///
/// `text` is always `&input[bytes.start..bytes.end]`, never subword tokens glued
/// together; `chars` is the same span in Unicode code points (what Python, JSON
/// and NIF consumers index by).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Entity type without the scheme prefix (`PER`, `ORG`, `LOC`, `MISC`, …).
    pub label: String,
    /// The entity as written in the input.
    pub text: String,
    /// Mean probability of the entity's label over its tokens (0–1).
    pub score: f32,
    /// Byte range into the input.
    pub bytes: Span,
    /// Code-point range into the input.
    pub chars: Span,
    /// A normalised value where the text makes it explicit: for `DATE`, ISO
    /// 8601 (`2019-06-10`, `2019-06`, `2019`, or an interval
    /// `2023-09-13/2023-09-14`); `None` otherwise (a date without a year, or
    /// any other type). Absent from JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Entity {
    /// The entity `text[bytes]`, with its code-point span from `index` (built
    /// on the same `text`).
    pub(crate) fn new(
        text: &str,
        index: &CharIndex,
        bytes: Span,
        label: String,
        score: f32,
    ) -> Self {
        Entity {
            label,
            text: text[bytes.range()].to_string(),
            score,
            bytes,
            chars: index.char_span(bytes),
            value: None,
        }
    }
}
