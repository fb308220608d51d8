//! Offsets into the caller's original text.

use serde::{Deserialize, Serialize};

/// A half-open range `start..end` into a text. The unit (bytes or Unicode code
/// points) is named by the field that holds the span.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First position (inclusive).
    pub start: usize,
    /// One past the last position (exclusive).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of units covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// `true` when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// `true` when the two spans share at least one position.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// `true` when `other` lies inside `self`.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// `std::ops::Range` form, for slicing `str`.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Maps byte offsets of one text to Unicode code-point offsets.
///
/// Built once per document; lookups are `O(log n)` in the number of
/// multi-byte characters and exact for every char boundary.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offsets of every non-ASCII char, with the code-point index each starts at.
    wide: Vec<(usize, usize, usize)>, // (byte_start, char_index, byte_len)
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let wide = text
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| !c.is_ascii())
            .map(|(ci, (b, c))| (b, ci, c.len_utf8()))
            .collect();
        CharIndex { wide }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Count the extra bytes of wide chars that start before `byte`.
        let n = self.wide.partition_point(|&(b, _, _)| b < byte);
        match n {
            0 => byte,
            _ => {
                let (b, ci, len) = self.wide[n - 1];
                ci + 1 + (byte - (b + len).min(byte))
            }
        }
    }

    /// Converts a byte span to a code-point span.
    pub fn char_span(&self, bytes: Span) -> Span {
        Span::new(self.char_offset(bytes.start), self.char_offset(bytes.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_char_indices() {
        let text = "Sécurité 東京 ß e\u{301} 😀 end";
        let idx = CharIndex::new(text);
        for (ci, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(b), ci, "byte {b}");
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain ascii");
        assert_eq!(idx.char_span(Span::new(2, 7)), Span::new(2, 7));
    }
}
