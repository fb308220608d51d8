//! DATE entities from a date grammar (internal), run in the repair stage.
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

/// A date expression: byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateSpan {
    pub start: usize,
    pub end: usize,
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

/// A day number: `7`, `1er`, `1st`, `2nd`, `3rd`, `4th`, `1º`.
fn day(t: &Tok) -> bool {
    let s = t.norm.as_str();
    let n = s.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º' || c == '°');
    let suffix = &s[n.len()..];
    t.is_word()
        && !n.is_empty()
        && n.len() <= 2
        && n.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "" | "er" | "re" | "st" | "nd" | "rd" | "th" | "º" | "°")
        && n.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
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

/// Every date expression of `text`, in order.
pub(crate) fn find(lang: &Lang, text: &str) -> Vec<DateSpan> {
    let toks = tokenize(text, &HashSet::new());
    let nt = NormText::new(&toks, &vec![false; toks.len()]);
    let g = Grammar { lang, toks: &toks, nt: &nt };
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match g.at(k) {
            Some(e) if e > k => {
                out.push(DateSpan { start: toks[k].start, end: toks[e - 1].end });
                k = e;
            }
            _ => k += 1,
        }
    }
    out
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
        ents.push(Entity::new(text, &idx, Span::new(d.start, d.end), "DATE".into(), score));
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
}
