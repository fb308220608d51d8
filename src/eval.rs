//! Entity-level evaluation of the NER stage on CoNLL-style files.
//!
//! Each sentence's tokens are joined with single spaces, the text goes
//! through the public pipeline, predicted character spans are mapped back to
//! the gold tokens they overlap, and entities are scored by exact match of
//! (first token, last token, type), micro-averaged, as seqeval does.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extractor;

/// One gold sentence.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Tokens as in the file.
    pub tokens: Vec<String>,
    /// Tags as in the file (IOB1 or IOB2).
    pub tags: Vec<String>,
}

impl Sentence {
    /// The text the pipeline sees: tokens joined by single spaces, with each
    /// token's byte range.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(self.tokens.len());
        for t in &self.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        (text, spans)
    }
}

/// Reads `index<TAB>token<TAB>tag` (CoNLL-U-like) or `token tag` lines, with
/// blank lines between sentences and `-DOCSTART-` lines skipped. A file with
/// no sentence breaks is split after `.`, `!` and `?` tokens.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut cur = Sentence { tokens: Vec::new(), tags: Vec::new() };
    let has_breaks = text.lines().any(|l| l.trim().is_empty());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence { tokens: Vec::new(), tags: Vec::new() },
                ));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") || line.starts_with('#') && !line.contains('\t') {
            continue;
        }
        let fields: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let (token, tag) = match fields.as_slice() {
            [_, token, tag, ..] if line.contains('\t') => (*token, *tag),
            [token, .., tag] => (*token, *tag),
            _ => {
                return Err(Error::new(
                    ErrorKind::Input,
                    format!(
                        "{}:{}: expected a token and a tag, got {line:?}",
                        path.display(),
                        n + 1
                    ),
                )
                .with_path(path))
            }
        };
        if token.starts_with("-DOCSTART-") {
            continue;
        }
        cur.tokens.push(token.to_string());
        cur.tags.push(tag.to_string());
        if !has_breaks && matches!(token, "." | "!" | "?") {
            out.push(std::mem::replace(
                &mut cur,
                Sentence { tokens: Vec::new(), tags: Vec::new() },
            ));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Entities `(first_token, end_token_exclusive, type)` of a tag sequence,
/// read leniently (an `I-X` after `O` or another type opens an entity), which
/// also reads IOB1 correctly.
pub fn gold_entities(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (pos, ty) = match tag.split_once(['-', '_']) {
            Some((p, t)) if tag != "O" => (p, t),
            _ => ("O", ""),
        };
        let continues =
            matches!(pos, "I" | "E" | "L") && open.as_ref().is_some_and(|(_, t)| t == ty);
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            if pos != "O" {
                open = Some((i, ty.to_string()));
            }
        }
        if matches!(pos, "E" | "L" | "S" | "U") {
            if let Some((s, t)) = open.take() {
                out.push((s, i + 1, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t));
    }
    out
}

/// Precision, recall and F1 of one entity type (or all), on a 0–1 scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Correct / predicted.
    pub precision: f64,
    /// Correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold entities.
    pub support: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Exactly matching entities.
    pub correct: usize,
}

impl Score {
    fn from_counts(correct: usize, predicted: usize, support: usize) -> Self {
        let p = if predicted == 0 { 0.0 } else { correct as f64 / predicted as f64 };
        let r = if support == 0 { 0.0 } else { correct as f64 / support as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Score { precision: p, recall: r, f1, support, predicted, correct }
    }
}

/// The result of [`evaluate`].
#[derive(Clone, Debug, Default, Serialize)]
pub struct NerReport {
    /// Micro-averaged precision.
    pub precision: f64,
    /// Micro-averaged recall.
    pub recall: f64,
    /// Micro-averaged F1.
    pub f1: f64,
    /// Scores per entity type.
    pub per_type: BTreeMap<String, Score>,
    /// Sentences evaluated.
    pub sentences: usize,
    /// Tokens evaluated.
    pub tokens: usize,
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9} {:>8}",
            "type", "precision", "recall", "f1", "support"
        )?;
        for (ty, s) in &self.per_type {
            writeln!(
                f,
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>8}",
                ty, s.precision, s.recall, s.f1, s.support
            )?;
        }
        let support: usize = self.per_type.values().map(|s| s.support).sum();
        write!(
            f,
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>8}\n({} sentences, {} tokens)",
            "micro", self.precision, self.recall, self.f1, support, self.sentences, self.tokens
        )
    }
}

/// Scores `extractor` on `sentences`; `types`, when given, restricts the
/// evaluation to those entity types (gold and predicted alike).
pub fn evaluate(
    extractor: &Extractor,
    sentences: &[Sentence],
    types: Option<&[String]>,
) -> Result<NerReport> {
    let keep = |t: &str| types.is_none_or(|ts| ts.iter().any(|x| x == t));
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // correct, predicted, gold
    let mut tokens = 0;
    for chunk in sentences.chunks(256) {
        let texts: Vec<(String, Vec<(usize, usize)>)> = chunk.iter().map(Sentence::text).collect();
        let refs: Vec<&str> = texts.iter().map(|(t, _)| t.as_str()).collect();
        let predicted = extractor.entities_batch(&refs)?;
        for ((sentence, (_, spans)), ents) in chunk.iter().zip(&texts).zip(predicted) {
            tokens += sentence.tokens.len();
            let gold: Vec<_> =
                gold_entities(&sentence.tags).into_iter().filter(|g| keep(&g.2)).collect();
            let mut pred: Vec<(usize, usize, String)> = Vec::new();
            for e in ents.iter().filter(|e| keep(&e.label)) {
                let covered: Vec<usize> = spans
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, t))| *s < e.bytes.end && e.bytes.start < *t)
                    .map(|(i, _)| i)
                    .collect();
                if let (Some(&a), Some(&b)) = (covered.first(), covered.last()) {
                    let p = (a, b + 1, e.label.clone());
                    if !pred.contains(&p) {
                        pred.push(p);
                    }
                }
            }
            for g in &gold {
                counts.entry(g.2.clone()).or_default().2 += 1;
            }
            for p in &pred {
                let c = counts.entry(p.2.clone()).or_default();
                c.1 += 1;
                if gold.contains(p) {
                    c.0 += 1;
                }
            }
        }
    }
    let per_type: BTreeMap<String, Score> =
        counts.iter().map(|(t, &(c, p, g))| (t.clone(), Score::from_counts(c, p, g))).collect();
    let (c, p, g) = counts.values().fold((0, 0, 0), |a, &(c, p, g)| (a.0 + c, a.1 + p, a.2 + g));
    let micro = Score::from_counts(c, p, g);
    Ok(NerReport {
        precision: micro.precision,
        recall: micro.recall,
        f1: micro.f1,
        per_type,
        sentences: sentences.len(),
        tokens,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn gold_entities_read_iob2_and_iob1() {
        let iob2 = gold_entities(&tags("B-PER I-PER O B-LOC B-LOC I-ORG"));
        assert_eq!(
            iob2,
            vec![
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "LOC".into()),
                (5, 6, "ORG".into())
            ]
        );
        let iob1 = gold_entities(&tags("I-PER I-PER B-PER O I-LOC"));
        assert_eq!(iob1, vec![(0, 2, "PER".into()), (2, 3, "PER".into()), (4, 5, "LOC".into())]);
    }

    #[test]
    fn reads_both_formats() {
        let dir = std::env::temp_dir().join(format!("rolegraph-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.conllu");
        std::fs::write(&a, "-DOCSTART-\tO\n\n1\tAna\tB-PER\n2\tvive\tO\n\n1\tLima\tB-LOC\n")
            .unwrap();
        let s = read_conll(&a).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["Ana", "vive"]);
        assert_eq!(s[0].text().0, "Ana vive");
        let b = dir.join("b.bio");
        std::fs::write(&b, "Paris I-LOC\nest O\nbelle O\n. O\nIl O\npleut O\n").unwrap();
        let s = read_conll(&b).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].tags, ["O", "O"]);
        std::fs::write(&b, "lonely\n").unwrap();
        assert_eq!(read_conll(&b).unwrap_err().kind(), ErrorKind::Input);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn scores() {
        let s = Score::from_counts(3, 4, 6);
        assert!((s.precision - 0.75).abs() < 1e-12 && (s.recall - 0.5).abs() < 1e-12);
        assert!((s.f1 - 0.6).abs() < 1e-12);
        assert_eq!(Score::from_counts(0, 0, 0).f1, 0.0);
    }
}
