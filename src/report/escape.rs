//! HTML escaping: everything from the document or the extraction goes
//! through [`text`] (element content and attribute values alike).

/// Escapes `s` for HTML element content or a double- or single-quoted
/// attribute value: `& < > " '` become references, and characters HTML
/// forbids in a document (C0 and C1 controls other than tab, line feed and
/// carriage return, DEL, noncharacters) become U+FFFD, one for one, so the
/// text keeps its length in code points.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_text(&mut out, s);
    out
}

/// [`text`], appended to `out`.
pub(crate) fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn forbidden(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7f..=0x9f).contains(&u) || (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe
}

/// A token usable in a class name or an id: ASCII letters, digits, `-` and
/// `_` kept, anything else `_`; never empty.
pub(crate) fn token(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    if t.is_empty() {
        "_".into()
    } else {
        t
    }
}

/// At most `max` characters of `s` on one line, `…` when cut.
pub(crate) fn short(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let mut t: String = one.chars().take(max.saturating_sub(1)).collect();
    t.truncate(t.trim_end().len());
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            text("</script><a href='x'>\"&\u{0}\u{7}\u{85}\u{FFFF}\té"),
            "&lt;/script&gt;&lt;a href=&#39;x&#39;&gt;&quot;&amp;\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\té"
        );
        assert_eq!(token("B-PER x"), "B-PER_x");
        assert_eq!(token(""), "_");
        assert_eq!(short("a  b\nc", 10), "a b c");
        assert_eq!(short("abcdef ghij", 8), "abcdef…");
    }
}
