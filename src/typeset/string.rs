//! A text as a typst string literal (`"..."`), so that typst reads it as text and never as
//! markup or code. Used by the PDF pack's Markdown conversion and by the templates' `typst`
//! filter; it needs no part of typst itself.

use std::fmt::Write as _;

/// `text` as a typst string literal, quotes included. A character for which `shown` is false is
/// written as its code, `[U+1F642]`: the PDF pack asks this of characters no font of its can
/// display, since a PDF/A file may not hold text it cannot show.
pub fn quoted(text: &str, shown: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if !shown(c) => {
                let _ = write!(out, "[U+{:04X}]", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_escapes_and_codes() {
        let all = |_| true;
        assert_eq!(quoted("", all), "\"\"");
        assert_eq!(quoted("a \"b\" \\ #let $x$", all), "\"a \\\"b\\\" \\\\ #let $x$\"");
        assert_eq!(quoted("one\ntwo\r\tthree", all), "\"one\\ntwo\\r\\tthree\"");
        assert_eq!(quoted("smile 🙂", |c: char| c.is_ascii()), "\"smile [U+1F642]\"");
        assert_eq!(quoted("\u{1}", |c: char| !c.is_control()), "\"[U+0001]\"");
    }
}
