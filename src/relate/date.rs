//! Date expressions: `10 juin 2019`, `May 13, 2024`, `16. Januar 2023`,
//! `10 de junio de 2019`, `2019-06-10` (internal).

use super::lang::Lang;
use super::text::{Tok, TokKind};

/// A date expression over tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateFound {
    pub start: usize,
    pub end: usize,
    /// ISO 8601 form when the year is written.
    pub iso: Option<String>,
    /// 3 = day, 2 = month, 1 = year only.
    pub precision: u8,
}

fn num(t: &Tok) -> Option<u32> {
    let s = t.norm.trim_end_matches("er").trim_end_matches("º").trim_end_matches("°");
    if t.kind == TokKind::Word
        && !s.is_empty()
        && s.len() <= 4
        && s.chars().all(|c| c.is_ascii_digit())
    {
        s.parse().ok()
    } else {
        None
    }
}

fn iso_token(s: &str) -> Option<(String, u8)> {
    let parts: Vec<&str> = s.split('-').collect();
    let ok = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if ok(y, 4) && ok(m, 2) && ok(d, 2) => Some((s.to_string(), 3)),
        [y, m] if ok(y, 4) && ok(m, 2) => Some((s.to_string(), 2)),
        _ => None,
    }
}

/// Every date expression of the token list.
pub(crate) fn find_dates(lang: &Lang, toks: &[Tok]) -> Vec<DateFound> {
    let mut out: Vec<DateFound> = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if let Some((iso, p)) = iso_token(&t.norm) {
            out.push(DateFound { start: i, end: i + 1, iso: Some(iso), precision: p });
            i += 1;
            continue;
        }
        let Some(&month) = lang.months.get(&t.norm).filter(|_| t.is_word()) else {
            i += 1;
            continue;
        };
        let mut start = i;
        let mut end = i + 1;
        let mut day: Option<u32> = None;
        let mut year: Option<u32> = None;
        // Skip an abbreviation dot: "nov." / "Jan."
        if end < n && toks[end].is_punct(".") && toks[end].start == t.end {
            end += 1;
        }
        // Day before: "10 juin", "16. Januar", "10 de junio", "1er mai".
        let mut j = i;
        if j >= 1 && ["de", "del"].contains(&toks[j - 1].norm.as_str()) {
            j -= 1;
        }
        if j >= 1 && toks[j - 1].is_punct(".") && j >= 2 {
            if let Some(d) = num(&toks[j - 2]).filter(|d| (1..=31).contains(d)) {
                day = Some(d);
                start = j - 2;
            }
        } else if j >= 1 {
            if let Some(d) = num(&toks[j - 1]).filter(|d| (1..=31).contains(d)) {
                day = Some(d);
                start = j - 1;
            }
        }
        // Day after: "May 13", "June 10,".
        if day.is_none() && end < n {
            if let Some(d) = num(&toks[end]).filter(|d| (1..=31).contains(d)) {
                day = Some(d);
                end += 1;
            }
        }
        // Year after: "2019", ", 2024", "de 2019".
        let mut k = end;
        if k < n && (toks[k].is_punct(",") || toks[k].norm == "de") {
            k += 1;
        }
        if k < n {
            if let Some(y) = num(&toks[k]).filter(|y| (1800..=2200).contains(y)) {
                year = Some(y);
                end = k + 1;
            }
        }
        if day.is_none() && year.is_none() {
            i += 1;
            continue;
        }
        let (iso, precision) = match (year, day) {
            (Some(y), Some(d)) => (Some(format!("{y:04}-{month:02}-{d:02}")), 3),
            (Some(y), None) => (Some(format!("{y:04}-{month:02}")), 2),
            (None, _) => (None, 3),
        };
        out.push(DateFound { start, end, iso, precision });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::relate::lang::LanguageData;
    use crate::relate::text::tokenize;

    fn iso(lang: &str, text: &str) -> Vec<Option<String>> {
        let data = LanguageData::embedded().into_iter().find(|d| d.language == lang).unwrap();
        let l = Lang::compile(data);
        find_dates(&l, &tokenize(text, &HashSet::new())).into_iter().map(|d| d.iso).collect()
    }

    #[test]
    fn explicit_dates_normalise() {
        assert_eq!(iso("fr", "le 10 juin 2019"), [Some("2019-06-10".into())]);
        assert_eq!(
            iso("en", "May 13, 2024 and June 2019"),
            [Some("2024-05-13".into()), Some("2019-06".into())]
        );
        assert_eq!(iso("es", "el 10 de junio de 2019"), [Some("2019-06-10".into())]);
        assert_eq!(iso("de", "am 16. Januar 2023"), [Some("2023-01-16".into())]);
        assert_eq!(iso("pt", "5 de abril de 2018"), [Some("2018-04-05".into())]);
        assert_eq!(iso("it", "il 3 marzo"), [None], "no year: no ISO form");
        assert_eq!(iso("en", "you may go"), Vec::<Option<String>>::new());
        assert_eq!(iso("en", " date 2019-06 "), [Some("2019-06".into())]);
    }
}
