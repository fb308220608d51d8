//! Dates (internal): one grammar for the DATE entities of the repair stage,
//! their ISO values, and the dates the relations stage reads (a meeting's
//! date, the dateline).
//!
//! Dates are deterministic: a day, a month name and a year in one of a few
//! orders, a weekday, a year. The tagger finds most of them but cuts them at
//! the edges (`März 2024` for `12. März 2024`, `Friday` and `June 9, 2023`
//! apart), so every expression the grammar below finds becomes one DATE
//! entity and replaces the entities it covers or overlaps; the tagger's
//! DATE entities elsewhere stay (dropping those without a digit, month or
//! weekday was a wash on the tuning part: F1 0.957 vs 0.956). The grammar, over tokens, with the
//! language file's `months`, `weekdays` (without `today_words` and
//! `relative_days`: deictic expressions are not dates) and `date_range_words`:
//!
//! * `[weekday [,]] day [range day] [.] [de|del] month [.] [[,] [de|del] year]`:
//!   `jeudi 7 novembre 2019`, `13 au 14 septembre 2023`, `14 de noviembre de 2024`;
//! * `[weekday [,]] month [.] day [, year]`: `Friday, June 9, 2023`, `Feb 19`;
//! * `month [de] year`: `agosto de 2026`, `January 2025`;
//! * `year [range year]`: `2025`, `2015 to 2018` (1900–2100, not inside a
//!   number like `47/2025`);
//! * numeric dates: `2019-06`, `2019-06-10`, `11.11.2025`, `10/06/2019`;
//! * a weekday or a month name alone (`lundi`, `en janvier`; a month that is
//!   also a common word, `month_homographs` such as English `may`, only
//!   capitalised).

use std::collections::HashSet;

use super::lang::Lang;
use super::text::{tokenize, NormText, Tok, TokKind};
use crate::entity::Entity;
use crate::span::{CharIndex, Span};

/// A date over tokens `[start, end)` of the relations stage's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateFound {
    pub start: usize,
    pub end: usize,
    /// ISO 8601 form when the year is written (see [`DateSpan::value`]).
    pub iso: Option<String>,
    /// As [`DateSpan::precision`].
    pub precision: u8,
}

/// A date expression: its byte span and, where the text makes it explicit,
/// its ISO 8601 value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateSpan {
    pub start: usize,
    pub end: usize,
    /// `2019-06-10`, `2019-06`, `2019`, or an interval (`2023-09-13/2023-09-14`,
    /// `2015/2018`); `None` without a year (`3 marzo`, `lundi`) or when the
    /// order of a numeric date is ambiguous (`06/10/2019` in English).
    pub value: Option<String>,
    /// 3 = a day is written, 2 = a month, 1 = a year or a weekday only.
    pub precision: u8,
}

/// Days in `month` of `year` (Gregorian).
fn month_days(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` when the day exists.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=month_days(y, m)).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The value of a numeric date token (see [`numeric`]). Day-first unless the
/// language writes month-first (English), where a slash date is read only
/// when one of its numbers cannot be a month.
fn numeric_value(s: &str, month_first: bool) -> Option<String> {
    let pieces: Vec<&str> = s.split(['-', '.', '/']).collect();
    let parts: Vec<u32> = pieces.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let lens: Vec<usize> = pieces.iter().map(|p| p.len()).collect();
    match (parts.as_slice(), lens.as_slice()) {
        (&[y, m], [4, 2]) => (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}")),
        (&[y, m, d], [4, 2, 2]) => ymd(y, m, d),
        (&[a, b, y], [_, _, 4]) => {
            if s.contains('/') && month_first {
                match (a > 12, b > 12) {
                    (true, false) => ymd(y, b, a),
                    (false, true) => ymd(y, a, b),
                    _ => None,
                }
            } else {
                ymd(y, b, a)
            }
        }
        _ => None,
    }
}

struct Grammar<'a> {
    lang: &'a Lang,
    toks: &'a [Tok],
    nt: &'a NormText,
}

fn digits(t: &Tok) -> Option<u32> {
    let s = t.norm.as_str();
    (t.kind == TokKind::Word
        && !s.is_empty()
        && s.len() <= 4
        && s.bytes().all(|b| b.is_ascii_digit()))
    .then(|| s.parse().ok())
    .flatten()
}

/// The number of a day token: `7`, `1er`, `1st`, `2nd`, `3rd`, `4th`, `1º`.
fn day_number(t: &Tok) -> Option<u32> {
    let s = t.norm.as_str();
    let n = s.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º' || c == '°');
    let suffix = &s[n.len()..];
    let shaped = t.is_word()
        && !n.is_empty()
        && n.len() <= 2
        && n.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "" | "er" | "re" | "st" | "nd" | "rd" | "th" | "º" | "°");
    n.parse().ok().filter(|d| shaped && (1..=31).contains(d))
}

fn day(t: &Tok) -> bool {
    day_number(t).is_some()
}

fn year(t: &Tok) -> bool {
    digits(t).is_some_and(|y| (1900..=2100).contains(&y)) && t.norm.len() == 4
}

/// `2019-06`, `2019-06-10`, `11.11.2025`, `10/06/2019`, `10.06.19` as one token.
fn numeric(t: &Tok) -> bool {
    let s = t.norm.as_str();
    let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
    let all_digits = parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    all_digits
        && match lens.as_slice() {
            [4, 2] => s.contains('-'),
            [4, 2, 2] => true,
            [1 | 2, 1 | 2, 4] | [2, 2, 2] => !s.contains('-'),
            _ => false,
        }
}

impl Grammar<'_> {
    fn word(&self, k: usize) -> Option<&Tok> {
        self.toks.get(k).filter(|t| t.kind != TokKind::Newline)
    }

    fn is(&self, k: usize, f: impl Fn(&Tok) -> bool) -> bool {
        self.word(k).is_some_and(f)
    }

    fn norm_in(&self, k: usize, words: &[&str]) -> bool {
        self.is(k, |t| words.contains(&t.norm.as_str()))
    }

    /// The end of the month name at `k` (its abbreviation dot included).
    fn month(&self, k: usize) -> Option<usize> {
        let t = self.word(k)?;
        if !t.is_word() || !self.lang.months.contains_key(&t.norm) {
            return None;
        }
        let dot = self.is(k + 1, |d| d.is_punct(".") && d.start == t.end);
        Some(if dot && self.abbreviated(&t.norm) { k + 2 } else { k + 1 })
    }

    fn weekday(&self, k: usize) -> Option<usize> {
        let h = self.lang.weekdays.at(self.nt, k)?;
        let relative = self.lang.today_words.at(self.nt, k).is_some()
            || self.lang.data.relative_days.contains(&self.toks[k].norm);
        (!relative).then_some(h.end)
    }

    fn of_word(&self, k: usize) -> bool {
        self.norm_in(k, &["de", "del", "di"])
    }

    fn range_word(&self, k: usize) -> bool {
        self.is(k, |t| t.is_punct("-") || t.is_punct("–") || t.is_punct("/"))
            || self.is(k, |t| self.lang.data.date_range_words.contains(&t.norm))
    }

    /// `[[,] [de] year]` after `k`: the end past the year, or `k`.
    fn year_after(&self, k: usize) -> usize {
        let mut j = k;
        if self.is(j, |t| t.is_punct(",")) {
            j += 1;
        }
        if self.of_word(j) {
            j += 1;
        }
        if self.is(j, year) {
            j + 1
        } else {
            k
        }
    }

    /// `day [range day] [.] [de] month`: the month's end, from `k`.
    fn day_month(&self, k: usize) -> Option<usize> {
        if !self.is(k, day) {
            return None;
        }
        let mut j = k + 1;
        if self.is(j, |t| t.is_punct(".")) {
            j += 1;
        }
        if self.range_word(j) && self.is(j + 1, day) {
            j += 2;
            if self.is(j, |t| t.is_punct(".")) {
                j += 1;
            }
        }
        if self.of_word(j) {
            j += 1;
        }
        self.month(j)
    }

    /// The date expression starting at token `k`: its end token.
    fn at(&self, k: usize) -> Option<usize> {
        let t = self.word(k)?;
        if numeric(t) {
            return Some(k + 1);
        }
        let mut j = k;
        let weekday = self.weekday(k);
        if let Some(e) = weekday {
            j = e;
            if self.is(j, |t| t.is_punct(",")) {
                j += 1;
            }
        }
        if let Some(e) = self.day_month(j) {
            return Some(self.year_after(e));
        }
        if let Some(e) = self.month(j) {
            if self.is(e, day) {
                let mut end = e + 1;
                if self.range_word(end) && self.is(end + 1, day) {
                    end += 2;
                }
                return Some(self.year_after(end));
            }
            let y = self.year_after(e);
            if y > e && !self.is(e, |t| t.is_punct(",")) {
                return Some(y);
            }
            if weekday.is_none() {
                return self.lone_month(j).then_some(e);
            }
        }
        if let Some(e) = weekday {
            return Some(e);
        }
        if self.is(k, year) && !self.inside_number(k) {
            if self.range_word(k + 1) && self.is(k + 2, year) {
                return Some(k + 3);
            }
            return Some(k + 1);
        }
        None
    }

    /// The value and precision of the expression over tokens `[k, e)` (see
    /// [`DateSpan`]).
    fn value(&self, k: usize, e: usize) -> (Option<String>, u8) {
        let toks = &self.toks[k..e];
        if let [t] = toks {
            if numeric(t) {
                let v = numeric_value(&t.norm, self.lang.data.language == "en");
                let precision = if t.norm.len() == 7 { 2 } else { 3 };
                return (v, precision);
            }
        }
        let month = toks
            .iter()
            .filter(|t| t.is_word())
            .find_map(|t| self.lang.months.get(&t.norm).copied());
        let days: Vec<u32> = toks.iter().filter_map(day_number).collect();
        let years: Vec<u32> = toks.iter().filter(|t| year(t)).filter_map(digits).collect();
        let Some(m) = month else {
            let v = match years.as_slice() {
                [y] => Some(format!("{y:04}")),
                [a, b] if a < b => Some(format!("{a:04}/{b:04}")),
                _ => None,
            };
            return (v, 1);
        };
        let precision = if days.is_empty() { 2 } else { 3 };
        let v = years.first().and_then(|&y| match days.as_slice() {
            [] => Some(format!("{y:04}-{m:02}")),
            [d] => ymd(y, m, *d),
            [a, b] if a < b => Some(format!("{}/{}", ymd(y, m, *a)?, ymd(y, m, *b)?)),
            _ => None,
        });
        (v, precision)
    }

    /// A month name with a longer form for the same month (`nov`, `janv`).
    fn abbreviated(&self, w: &str) -> bool {
        let m = self.lang.months[w];
        let n = w.chars().count();
        self.lang.months.iter().any(|(o, &x)| x == m && o.chars().count() > n && o.starts_with(w))
    }

    /// A month name alone: its full form (no abbreviation), capitalised if
    /// it is also a common word.
    fn lone_month(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let homograph = self.lang.data.month_homographs.contains(&t.norm);
        !self.abbreviated(&t.norm) && (!homograph || t.cap)
    }

    /// A year glued to other digits or slashes (`47/2025`, `2025-26`).
    fn inside_number(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let glued = |o: &Tok| o.start == t.end || o.end == t.start;
        let numberish = |o: &Tok| o.is_punct("/") || o.is_punct(".") || digits(o).is_some();
        (k > 0 && glued(&self.toks[k - 1]) && numberish(&self.toks[k - 1]))
            || self.toks.get(k + 1).is_some_and(|o| glued(o) && numberish(o))
    }
}

/// Every date expression over `toks` (matched in `nt`), in order: token
/// range, value and precision.
fn find_in(lang: &Lang, toks: &[Tok], nt: &NormText) -> Vec<DateFound> {
    let g = Grammar { lang, toks, nt };
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match g.at(k) {
            Some(e) if e > k => {
                let (iso, precision) = g.value(k, e);
                out.push(DateFound { start: k, end: e, iso, precision });
                k = e;
            }
            _ => k += 1,
        }
    }
    out
}

/// Every date expression of `text`, in order.
pub(crate) fn find(lang: &Lang, text: &str) -> Vec<DateSpan> {
    let toks = tokenize(text, &HashSet::new());
    let nt = NormText::new(&toks, &vec![false; toks.len()]);
    find_in(lang, &toks, &nt)
        .into_iter()
        .map(|d| DateSpan {
            start: toks[d.start].start,
            end: toks[d.end - 1].end,
            value: d.iso,
            precision: d.precision,
        })
        .collect()
}

/// The dates over the relations stage's tokens that name a month (with a
/// day or a year: what a meeting's date can be).
pub(crate) fn dates_over(lang: &Lang, toks: &[Tok], nt: &NormText) -> Vec<DateFound> {
    let mut dates = find_in(lang, toks, nt);
    dates.retain(|d| d.precision == 3 || (d.precision == 2 && d.iso.is_some()));
    dates
}

/// The entities with the grammar's dates; see the module docs. A date that
/// is only a month or weekday word inside a person's name is left alone.
pub(crate) fn with_dates(lang: &Lang, text: &str, mut ents: Vec<Entity>) -> Vec<Entity> {
    let dates = find(lang, text);
    if dates.is_empty() {
        return ents;
    }
    let idx = CharIndex::new(text);
    for d in dates {
        let overlaps = |e: &Entity| e.bytes.start < d.end && d.start < e.bytes.end;
        let blocked = ents.iter().any(|e| {
            overlaps(e)
                && e.label != "DATE"
                && !(e.bytes.start >= d.start && e.bytes.end <= d.end && e.label != "PER")
        });
        if blocked {
            continue;
        }
        let score = ents.iter().filter(|e| overlaps(e)).map(|e| e.score).fold(0.5, f32::max);
        ents.retain(|e| !overlaps(e));
        let mut date = Entity::new(text, &idx, Span::new(d.start, d.end), "DATE".into(), score);
        date.value = d.value;
        ents.push(date);
    }
    ents.sort_by_key(|e| (e.bytes.start, e.bytes.end));
    ents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relate::lang::LanguageData;

    fn dates(lang: &str, text: &str) -> Vec<String> {
        let data = LanguageData::embedded().into_iter().find(|d| d.language == lang).unwrap();
        let l = Lang::compile(data);
        find(&l, text).into_iter().map(|d| text[d.start..d.end].to_string()).collect()
    }

    #[test]
    fn the_grammar_reads_dates_whole() {
        assert_eq!(dates("fr", "le jeudi 7 novembre 2019 à Paris"), ["jeudi 7 novembre 2019"]);
        assert_eq!(dates("fr", "du 13 au 14 septembre 2023"), ["13 au 14 septembre 2023"]);
        assert_eq!(dates("en", "Date: Friday, June 9, 2023"), ["Friday, June 9, 2023"]);
        assert_eq!(dates("en", "HAMBANTOTA, Feb 19 (Reuters)"), ["Feb 19"]);
        assert_eq!(dates("de", "Magdeburg, 12. März 2024"), ["12. März 2024"]);
        assert_eq!(dates("de", "am 13. und 14. November 2025"), ["13. und 14. November 2025"]);
        assert_eq!(
            dates("es", "Jueves, 14 de noviembre de 2024"),
            ["Jueves, 14 de noviembre de 2024"]
        );
        assert_eq!(dates("pt", "6 e 7 de fevereiro de 2025"), ["6 e 7 de fevereiro de 2025"]);
        assert_eq!(dates("en", "from 2015 to 2018: FCO"), ["2015 to 2018"]);
        assert_eq!(dates("de", "Bern, 11.11.2025 –"), ["11.11.2025"]);
        assert_eq!(dates("fr", " date 2019-06 WASHINGTON"), ["2019-06"]);
    }

    #[test]
    fn deictic_words_homographs_and_numbers_are_no_dates() {
        assert!(dates("fr", "aujourd'hui et hier").is_empty());
        assert!(dates("en", "you may go in march").is_empty());
        assert!(dates("de", "Pressemitteilung 47/2025").is_empty());
        assert_eq!(dates("en", "in May and in June"), ["May", "June"]);
    }

    fn values(lang: &str, text: &str) -> Vec<Option<String>> {
        let data = LanguageData::embedded().into_iter().find(|d| d.language == lang).unwrap();
        find(&Lang::compile(data), text).into_iter().map(|d| d.value).collect()
    }

    fn some(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| Some(s.to_string())).collect()
    }

    #[test]
    fn explicit_dates_get_their_iso_value() {
        assert_eq!(values("fr", "le jeudi 7 novembre 2019 à Paris"), some(&["2019-11-07"]));
        assert_eq!(values("fr", "du 13 au 14 septembre 2023"), some(&["2023-09-13/2023-09-14"]));
        assert_eq!(
            values("en", "Friday, June 9, 2023 and May 13, 2024"),
            some(&["2023-06-09", "2024-05-13"])
        );
        assert_eq!(
            values("de", "Bern, 11.11.2025 – am 16. Januar 2023"),
            some(&["2025-11-11", "2023-01-16"])
        );
        assert_eq!(
            values("es", "el 10 de junio de 2019, agosto de 2026"),
            some(&["2019-06-10", "2026-08"])
        );
        assert_eq!(values("pt", "5 de abril de 2018"), some(&["2018-04-05"]));
        assert_eq!(values("fr", " date 2019-06 WASHINGTON"), some(&["2019-06"]));
        assert_eq!(values("en", "from 2015 to 2018"), some(&["2015/2018"]));
    }

    #[test]
    fn numeric_dates_read_day_first_unless_month_first_and_clear() {
        assert_eq!(numeric_value("10.06.2019", false).as_deref(), Some("2019-06-10"));
        assert_eq!(numeric_value("10/06/2019", false).as_deref(), Some("2019-06-10"));
        assert_eq!(numeric_value("25/12/2024", true).as_deref(), Some("2024-12-25"));
        assert_eq!(numeric_value("12/25/2024", true).as_deref(), Some("2024-12-25"));
        assert_eq!(numeric_value("06/10/2019", true), None, "month or day first?");
        assert_eq!(numeric_value("2019-06-10", true).as_deref(), Some("2019-06-10"));
        assert_eq!(numeric_value("2019-13", false), None);
    }

    #[test]
    fn dates_without_a_year_or_ambiguous_have_no_value() {
        assert_eq!(values("it", "il 3 marzo"), [None]);
        assert_eq!(values("fr", "lundi"), [None]);
        assert_eq!(values("en", "on 31.02.2024"), [None], "no such day");
    }
}
