//! Person identity across documents: a name normalised to a key.
//!
//! The rule (also in `docs/store.md`):
//!
//! 1. The name is cut into tokens at every character that is not a letter or
//!    digit, so hyphens and apostrophes of every kind (`-`, `‐`, `–`, `'`,
//!    `’`, `ʼ`) and spaces all separate tokens (`Jean-Yves` = `Jean Yves`,
//!    `O’Brien` = `O'Brien`).
//! 2. Each token is lower-cased with its accents folded (`Élisabeth` →
//!    `elisabeth`), so all-caps surnames (`LE DRIAN`) read like any other.
//! 3. Leading honorifics are dropped (`M.`, `Mr`, `Mrs`, `Ms`, `Dr`, `Mme`,
//!    `Mlle`, `Prof`, `Herr`, `Frau`, `Sr`, `Sra`, `Dott`).
//! 4. The key is the remaining tokens **sorted** and joined by one space, so
//!    the order does not matter (`LE DRIAN Jean-Yves` = `Jean-Yves Le Drian`
//!    = `drian jean le yves`).
//! 5. A name of one token (`Goodale`) is never merged across documents: its
//!    key also holds the document id (`goodale @doc:seed-000`). `@` is never
//!    part of a key of several tokens.

use crate::relate::slug;

/// Honorifics dropped at the start of a name (lower case, without the dot).
const HONORIFICS: &[&str] =
    &["m", "mr", "mrs", "ms", "dr", "mme", "mlle", "prof", "herr", "frau", "sr", "sra", "dott"];

/// The normalised tokens of a name, honorifics dropped, in written order.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            let folded = slug(c.encode_utf8(&mut [0; 4]));
            if folded.is_empty() {
                current.extend(c.to_lowercase());
            } else {
                current.push_str(&folded);
            }
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    let lead = tokens.iter().take_while(|t| HONORIFICS.contains(&t.as_str())).count();
    // A name that is only honorifics keeps them (there is nothing else).
    if lead < tokens.len() {
        tokens.drain(..lead);
    }
    tokens
}

/// The person key of `name` as found in document `doc` (see the module docs).
pub fn person_key(name: &str, doc: &str) -> String {
    let mut tokens = name_tokens(name);
    match tokens.len() {
        0 => format!("{} @doc:{doc}", name.trim().to_lowercase()),
        1 => format!("{} @doc:{doc}", tokens[0]),
        _ => {
            tokens.sort();
            tokens.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::person_key;

    #[test]
    fn order_case_accents_honorifics() {
        let k = person_key("Jean-Yves Le Drian", "a");
        assert_eq!(k, "drian jean le yves");
        assert_eq!(person_key("M. LE DRIAN Jean-Yves", "b"), k);
        assert_eq!(person_key("Mme Élisabeth Borne", "a"), person_key("BORNE Elisabeth", "z"));
        assert_eq!(person_key("Dr. Conor O’Brien", "a"), person_key("Conor O'Brien", "b"));
        assert_eq!(person_key("Mr Kevin McAleenan", "a"), "kevin mcaleenan");
    }

    #[test]
    fn one_word_names_stay_in_their_document() {
        assert_eq!(person_key("Goodale", "d1"), "goodale @doc:d1");
        assert_ne!(person_key("Goodale", "d1"), person_key("Goodale", "d2"));
        assert_ne!(person_key("M. Goodale", "d1"), person_key("Ralph Goodale", "d1"));
        assert_eq!(person_key("Владимир Путин", "x"), "владимир путин");
    }
}
