//! File names of an archive's per-document pages.

use sha2::{Digest, Sha256};

/// Names Windows refuses for a file, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The file name (with `.html`) of document `id`'s page in an archive's
/// `docs/` folder, safe on every file system and in a URL without escaping.
///
/// An id of at most 80 lower-case ASCII letters, digits, `-`, `_` and `.`,
/// not starting with `.` and not a reserved device name, is kept as it is
/// (`seed-000` → `seed-000.html`). Any other id (upper case, spaces, `/`,
/// `..`, non-ASCII, empty, long) becomes a readable prefix, `~`, and 16 hex
/// digits of its SHA-256: `../x` → `_x~…​.html`. Kept names hold no `~`, so
/// two ids never share a page, also where file names ignore case.
///
/// ```
/// use rolegraph::report::page_file_name;
/// assert_eq!(page_file_name("seed-000"), "seed-000.html");
/// let odd = page_file_name("../etc/passwd");
/// assert!(odd.starts_with("_etc_passwd~") && !odd.contains('/'));
/// assert_ne!(page_file_name("A"), page_file_name("a"));
/// ```
pub fn page_file_name(id: &str) -> String {
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_');
    let keep = !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('.')
        && id.chars().all(|c| plain(c) || c == '.')
        && !RESERVED.contains(&id.split('.').next().unwrap_or(""));
    if keep {
        return format!("{id}.html");
    }
    let mut prefix = String::new();
    for c in id.chars().map(|c| c.to_ascii_lowercase()) {
        if prefix.len() >= 40 {
            break;
        }
        let c = if plain(c) { c } else { '_' };
        if !(c == '_' && prefix.ends_with('_')) {
            prefix.push(c);
        }
    }
    let hash: String =
        Sha256::digest(id.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}~{hash}.html")
}

#[cfg(test)]
mod tests {
    use super::page_file_name;

    #[test]
    fn names_are_safe_and_distinct() {
        let ids = [
            "seed-000",
            "a.b",
            "../x",
            "..",
            ".",
            "",
            "a/b",
            "a\\b",
            "A",
            "a",
            "con",
            "CON.txt",
            "x y",
            "é",
            "a~b",
            "\u{0}",
            "corpus.jsonl:9",
            &"z".repeat(200),
        ];
        let mut seen = std::collections::HashSet::new();
        for id in ids {
            let name = page_file_name(id);
            assert!(name.ends_with(".html") && !name.starts_with('.'), "{id:?}: {name}");
            let stem = &name[..name.len() - 5];
            assert!(
                stem.chars().all(|c| c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || matches!(c, '-' | '_' | '.' | '~')),
                "{id:?}: {name}"
            );
            assert!(name.len() <= 90, "{name}");
            assert!(seen.insert(name.to_ascii_lowercase()), "{id:?} shares {name}");
        }
        assert_eq!(page_file_name("a.b"), "a.b.html");
    }
}
