//! Tagging schemes: labels parsed once into typed tags, and the transitions
//! each scheme allows.

use ndarray::{Array2, ArrayView1, ArrayView2};
use std::fmt;

use crate::error::{Error, ErrorKind, Result};

/// How labels encode entity boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Inside/outside only (`I-PER`, `O`): adjacent same-type entities merge.
    Io,
    /// IOB1: `I-X` may start an entity; `B-X` only separates adjacent same-type entities.
    Iob1,
    /// IOB2 / BIO: every entity starts with `B-X`.
    Iob2,
    /// BIOES (also read from BILOU: `L-` = `E-`, `U-` = `S-`).
    Bioes,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scheme::Io => "IO",
            Scheme::Iob1 => "IOB1",
            Scheme::Iob2 => "IOB2",
            Scheme::Bioes => "BIOES",
        })
    }
}

/// The boundary part of a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    /// Outside any entity.
    Outside,
    /// First token of an entity.
    Begin,
    /// Inside an entity.
    Inside,
    /// Last token of a multi-token entity (BIOES `E-`, BILOU `L-`).
    End,
    /// A one-token entity (BIOES `S-`, BILOU `U-`).
    Single,
}

/// One label of the model, parsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    /// Boundary part.
    pub position: Position,
    /// Index into [`LabelScheme::entity_types`]; meaningless for `Outside`.
    pub entity: usize,
}

/// A model's labels, parsed and checked once at load time.
#[derive(Clone, Debug)]
pub struct LabelScheme {
    scheme: Scheme,
    tags: Vec<Tag>,
    types: Vec<String>,
    /// `allowed[prev * n + next]`; row `n` (one past the last tag) is the start state.
    allowed: Vec<bool>,
    /// Tags a sequence may end on.
    final_ok: Vec<bool>,
}

impl LabelScheme {
    /// Parses `labels` (as in `id2label`, by class index). The scheme is
    /// inferred (S-/E-/U-/L- → BIOES, B- → IOB2, only I- → IO) unless `scheme`
    /// forces one (for IOB1 checkpoints, which cannot be told from IOB2 by
    /// their labels).
    pub fn parse(labels: &[String], scheme: Option<Scheme>) -> Result<Self> {
        let mut types: Vec<String> = Vec::new();
        let mut tags = Vec::with_capacity(labels.len());
        for label in labels {
            let (position, name) = split_label(label).ok_or_else(|| {
                Error::new(
                    ErrorKind::Labels,
                    format!(
                        "label {label:?} is not a tag of a known scheme \
                         (expected O or B-/I-/E-/S-/L-/U- followed by a type)"
                    ),
                )
            })?;
            let entity = match name {
                None => 0,
                Some(name) => match types.iter().position(|t| t == name) {
                    Some(i) => i,
                    None => {
                        types.push(name.to_string());
                        types.len() - 1
                    }
                },
            };
            tags.push(Tag { position, entity });
        }
        if !tags.iter().any(|t| t.position == Position::Outside) {
            return Err(Error::new(ErrorKind::Labels, "labels have no outside tag `O`"));
        }
        let has = |p: Position| tags.iter().any(|t| t.position == p);
        let inferred = if has(Position::End) || has(Position::Single) {
            Scheme::Bioes
        } else if has(Position::Begin) {
            Scheme::Iob2
        } else {
            Scheme::Io
        };
        let scheme = scheme.unwrap_or(inferred);
        if scheme == Scheme::Io && has(Position::Begin)
            || scheme != Scheme::Bioes && (has(Position::End) || has(Position::Single))
        {
            return Err(Error::new(
                ErrorKind::Labels,
                format!("labels {labels:?} do not fit the {scheme} scheme"),
            ));
        }
        let mut this =
            LabelScheme { scheme, tags, types, allowed: Vec::new(), final_ok: Vec::new() };
        this.build_transitions();
        Ok(this)
    }

    fn build_transitions(&mut self) {
        let n = self.tags.len();
        let mut allowed = vec![false; (n + 1) * n];
        for prev in 0..=n {
            for next in 0..n {
                allowed[prev * n + next] =
                    self.transition_ok(self.tags.get(prev), &self.tags[next]);
            }
        }
        self.final_ok = self
            .tags
            .iter()
            .map(|t| {
                self.scheme != Scheme::Bioes
                    || matches!(t.position, Position::Outside | Position::End | Position::Single)
            })
            .collect();
        self.allowed = allowed;
    }

    fn transition_ok(&self, prev: Option<&Tag>, next: &Tag) -> bool {
        use Position::*;
        let continues = |p: &Tag| p.entity == next.entity;
        match self.scheme {
            Scheme::Io | Scheme::Iob1 => true,
            Scheme::Iob2 => match next.position {
                Inside => {
                    prev.is_some_and(|p| matches!(p.position, Begin | Inside) && continues(p))
                }
                _ => true,
            },
            Scheme::Bioes => {
                let open = prev.is_some_and(|p| matches!(p.position, Begin | Inside));
                match next.position {
                    Inside | End => open && prev.is_some_and(continues),
                    Outside | Begin | Single => !open,
                }
            }
        }
    }

    /// The scheme in use.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Entity types, in order of first appearance in the labels.
    pub fn entity_types(&self) -> &[String] {
        &self.types
    }

    /// The parsed tag of each class index.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// `true` if there are no labels (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// Most likely tag sequence under the scheme's constraints (no `I-X` after
    /// `O` or `B-Y` in IOB2, well-formed BIOES) for per-step log-probabilities
    /// `scores[step][label]`.
    pub fn viterbi(&self, scores: &[Vec<f32>]) -> Vec<usize> {
        let n = self.tags.len();
        let mut matrix = Array2::from_elem((scores.len(), n), f32::NEG_INFINITY);
        for (mut row, s) in matrix.rows_mut().into_iter().zip(scores) {
            row.iter_mut().zip(s).for_each(|(m, &x)| *m = x);
        }
        self.viterbi_matrix(matrix.view())
    }

    /// [`viterbi`](Self::viterbi) on a `steps × labels` matrix (one
    /// allocation for a whole document instead of one per step).
    pub fn viterbi_matrix(&self, scores: ArrayView2<f32>) -> Vec<usize> {
        let n = self.tags.len();
        let steps = scores.nrows();
        if steps == 0 || scores.ncols() != n {
            return scores.rows().into_iter().map(argmax_row).collect();
        }
        let mut best = vec![f32::NEG_INFINITY; n];
        let mut back = vec![0u32; steps * n];
        for j in 0..n {
            if self.allowed[n * n + j] {
                best[j] = scores[[0, j]];
            }
        }
        let mut next = vec![f32::NEG_INFINITY; n];
        for t in 1..steps {
            for j in 0..n {
                let mut arg = 0;
                let mut val = f32::NEG_INFINITY;
                for (i, &b) in best.iter().enumerate() {
                    if self.allowed[i * n + j] && b > val {
                        val = b;
                        arg = i;
                    }
                }
                next[j] = val + scores[[t, j]];
                back[t * n + j] = arg as u32;
            }
            std::mem::swap(&mut best, &mut next);
        }
        let mut last = 0;
        let mut val = f32::NEG_INFINITY;
        for (j, (&b, &ok)) in best.iter().zip(&self.final_ok).enumerate() {
            if ok && b > val {
                val = b;
                last = j;
            }
        }
        if val == f32::NEG_INFINITY {
            // Every path was ruled out (NaN scores): fall back to argmax.
            return scores.rows().into_iter().map(argmax_row).collect();
        }
        let mut path = vec![0; steps];
        path[steps - 1] = last;
        for t in (1..steps).rev() {
            path[t - 1] = back[t * n + path[t]] as usize;
        }
        path
    }

    /// Groups a tag sequence into entities: `(first_step, last_step_exclusive, type)`.
    /// Ill-formed sequences (from argmax decoding) are read leniently, as
    /// seqeval does: a stray `I-X` or `E-X` opens an entity.
    pub fn spans(&self, path: &[usize]) -> Vec<(usize, usize, usize)> {
        use Position::*;
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None; // (start, type)
        for (t, &label) in path.iter().enumerate() {
            let tag = &self.tags[label];
            let same = open.is_some_and(|(_, ty)| ty == tag.entity);
            let starts_new = match (self.scheme, tag.position) {
                (_, Outside) => {
                    if let Some((s, ty)) = open.take() {
                        out.push((s, t, ty));
                    }
                    continue;
                }
                (Scheme::Io, _) => !same,
                (Scheme::Iob1, Begin) => true,
                (Scheme::Iob1, _) => !same,
                (_, Begin | Single) => true,
                (_, Inside | End) => !same,
            };
            if starts_new {
                if let Some((s, ty)) = open.take() {
                    out.push((s, t, ty));
                }
                open = Some((t, tag.entity));
            }
            if self.scheme == Scheme::Bioes && matches!(tag.position, End | Single) {
                if let Some((s, ty)) = open.take() {
                    out.push((s, t + 1, ty));
                }
            }
        }
        if let Some((s, ty)) = open {
            out.push((s, path.len(), ty));
        }
        out
    }
}

/// Index of the largest value of a row (the first on ties).
pub(crate) fn argmax_row(v: ArrayView1<f32>) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

fn split_label(label: &str) -> Option<(Position, Option<&str>)> {
    if label == "O" {
        return Some((Position::Outside, None));
    }
    let mut chars = label.chars();
    let position = match chars.next()? {
        'B' => Position::Begin,
        'I' => Position::Inside,
        'E' | 'L' => Position::End,
        'S' | 'U' => Position::Single,
        _ => return None,
    };
    let rest = chars.as_str();
    let name = rest.strip_prefix('-').or_else(|| rest.strip_prefix('_'))?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some((position, Some(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(labels: &[&str]) -> LabelScheme {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        LabelScheme::parse(&labels, None).unwrap()
    }

    fn ln(p: &[f32]) -> Vec<f32> {
        p.iter().map(|x| x.ln()).collect()
    }

    #[test]
    fn infers_schemes() {
        assert_eq!(scheme(&["O", "B-PER", "I-PER"]).scheme(), Scheme::Iob2);
        assert_eq!(scheme(&["O", "I-PER", "I-LOC"]).scheme(), Scheme::Io);
        assert_eq!(scheme(&["O", "B-PER", "I-PER", "E-PER", "S-PER"]).scheme(), Scheme::Bioes);
        let bilou = scheme(&["O", "B-PER", "I-PER", "L-PER", "U-PER"]);
        assert_eq!(bilou.scheme(), Scheme::Bioes);
        assert_eq!(bilou.entity_types(), ["PER"]);
    }

    #[test]
    fn unknown_labels_are_errors() {
        for bad in [&["O", "LABEL_1"][..], &["O", "X-PER"], &["B-PER", "I-PER"], &["O", "B-"]] {
            let labels: Vec<String> = bad.iter().map(|s| s.to_string()).collect();
            let err = LabelScheme::parse(&labels, None).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Labels, "{bad:?}");
        }
    }

    #[test]
    fn viterbi_forbids_inside_after_outside() {
        let s = scheme(&["O", "B-PER", "I-PER"]);
        // argmax would say O, I-PER, I-PER: an ill-formed sequence.
        let scores = vec![ln(&[0.9, 0.05, 0.05]), ln(&[0.3, 0.3, 0.4]), ln(&[0.2, 0.2, 0.6])];
        let path = s.viterbi(&scores);
        assert_eq!(path, vec![0, 1, 2]);
        assert_eq!(s.spans(&path), vec![(1, 3, 0)]);
    }

    #[test]
    fn viterbi_forbids_type_switch_inside() {
        let s = scheme(&["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]);
        let scores = vec![ln(&[0.1, 0.1, 0.1, 0.6, 0.1]), ln(&[0.1, 0.1, 0.5, 0.1, 0.2])];
        let path = s.viterbi(&scores);
        assert!(path == vec![3, 4] || path == vec![1, 2], "{path:?}");
    }

    #[test]
    fn bioes_spans() {
        let s = scheme(&["O", "B-PER", "I-PER", "E-PER", "S-LOC"]);
        assert_eq!(s.spans(&[4, 0, 1, 2, 3, 4]), vec![(0, 1, 1), (2, 5, 0), (5, 6, 1)]);
        // Viterbi never ends inside an open entity.
        let scores = vec![ln(&[0.1, 0.8, 0.05, 0.03, 0.02])];
        assert_eq!(s.viterbi(&scores), vec![0]);
    }

    #[test]
    fn iob1_and_io_spans() {
        let io = scheme(&["O", "I-PER", "I-LOC"]);
        assert_eq!(io.spans(&[1, 1, 2, 0, 1]), vec![(0, 2, 0), (2, 3, 1), (4, 5, 0)]);
        let labels: Vec<String> = ["O", "B-PER", "I-PER"].iter().map(|s| s.to_string()).collect();
        let iob1 = LabelScheme::parse(&labels, Some(Scheme::Iob1)).unwrap();
        assert_eq!(iob1.spans(&[2, 2, 1, 2, 0]), vec![(0, 2, 0), (2, 4, 0)]);
    }

    #[test]
    fn lenient_grouping_of_stray_inside() {
        let s = scheme(&["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
        assert_eq!(s.spans(&[0, 2, 2, 4]), vec![(1, 3, 0), (3, 4, 1)]);
    }
}
