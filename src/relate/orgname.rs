//! English names of organisations written in another language (internal).
//!
//! A role's organisation that no lexicon names (`Federación Colombiana de
//! Fútbol`, `Universidad de Buenos Aires`) is reported as written unless it
//! reads as one institution word with adjectives and `de`-complements that
//! the language data (`org_heads`, `org_adjectives`, `org_nouns`) all know,
//! optionally ending in a listed city or a country: then it is put in
//! English order (`Colombian Football Federation`, `University of Buenos
//! Aires`, `Bank of Mozambique`). Anything unknown leaves the name as
//! written: a wrong translation is worse than none.

use super::agency::place_named;
use super::lang::Lang;
use super::text::starts_upper;

/// The English name of `name`, when every word of it is known (see the
/// module docs).
pub(super) fn english_name(lang: &Lang, name: &str) -> Option<String> {
    let data = &lang.data;
    if data.org_heads.is_empty() {
        return None;
    }
    // A closing acronym is not part of the name (`… de Futebol (FPF)`).
    let name = match name.trim().rsplit_once(" (") {
        Some((head, tail)) if tail.ends_with(')') => head,
        _ => name.trim(),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let key = |w: &str| w.to_lowercase();
    let mut i = 0;
    let mut front: Vec<&str> = Vec::new();
    while let Some(a) = words.get(i).and_then(|w| data.org_adjectives.get(&key(w))) {
        front.push(a);
        i += 1;
    }
    let head = data.org_heads.get(&key(words.get(i)?))?;
    i += 1;
    let mut nouns: Vec<&str> = Vec::new();
    let mut place: Option<String> = None;
    while i < words.len() {
        let w = key(words[i]);
        if let Some(a) = data.org_adjectives.get(&w) {
            front.push(a);
            i += 1;
            continue;
        }
        // `de`, `de la`, `du`, `do`, `della`: one or two words.
        let prep = (1..=2).rev().find(|&n| {
            i + n < words.len() && is_of(lang, &words[i..i + n].join(" ").to_lowercase())
        })?;
        i += prep;
        if let Some(n) = data.org_nouns.get(&key(words[i])) {
            nouns.push(n);
            i += 1;
            continue;
        }
        // The rest is a place: capitalised words (small joining words inside)
        // that name a listed city or a country.
        let rest = &words[i..];
        let proper = rest.first().is_some_and(|w| starts_upper(w))
            && rest.last().is_some_and(|w| starts_upper(w))
            && rest.iter().all(|w| starts_upper(w) || is_of(lang, &w.to_lowercase()));
        if !proper {
            return None;
        }
        place = Some(place_named(&rest.join(" "))?.to_string());
        break;
    }
    // A bare institution word (`Cámara`, `Policía`) is too vague to name.
    if front.is_empty() && nouns.is_empty() && place.is_none() {
        return None;
    }
    let mut out: Vec<&str> = front;
    out.extend(nouns);
    out.push(head);
    let mut name = out.join(" ");
    if let Some(p) = place {
        name.push_str(" of ");
        name.push_str(&p);
    }
    Some(name)
}

fn is_of(lang: &Lang, w: &str) -> bool {
    lang.data.of_prepositions.iter().any(|p| p.to_lowercase() == w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relate::lang::LanguageData;

    fn lang(code: &str) -> Lang {
        let data = LanguageData::embedded().into_iter().find(|d| d.language == code).unwrap();
        Lang::compile(data)
    }

    #[test]
    fn known_words_are_put_in_english_order() {
        let es = lang("es");
        assert_eq!(
            english_name(&es, "Federación Colombiana de Fútbol").as_deref(),
            Some("Colombian Football Federation")
        );
        assert_eq!(
            english_name(&es, "Universidad de Buenos Aires").as_deref(),
            Some("University of Buenos Aires")
        );
        let pt = lang("pt");
        assert_eq!(english_name(&pt, "Banco de Moçambique").as_deref(), Some("Bank of Mozambique"));
    }

    #[test]
    fn unknown_words_and_bare_heads_leave_the_name_as_written() {
        let es = lang("es");
        // A place that is neither a listed city nor a country.
        assert_eq!(english_name(&es, "Universidad de Zorbolandia"), None);
        // A word the data does not know.
        assert_eq!(english_name(&es, "Federación Quimérica de Fútbol"), None);
        // One institution word alone says too little.
        assert_eq!(english_name(&es, "Cámara"), None);
        // Languages without the data name nothing.
        assert_eq!(english_name(&lang("en"), "University of Oxford"), None);
    }

    #[test]
    fn a_closing_acronym_is_not_part_of_the_name() {
        let es = lang("es");
        assert_eq!(
            english_name(&es, "Federación Colombiana de Fútbol (FCF)").as_deref(),
            Some("Colombian Football Federation")
        );
    }
}
