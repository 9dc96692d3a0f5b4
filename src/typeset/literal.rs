//! Values and a record's text as typst string literals the bundled fonts can show: a grapheme
//! cluster no font can show whole is written as its codes, and a template's value is cut short.

use std::borrow::Cow;
use std::fmt::Write as _;

use typst::text::is_default_ignorable;
use unicode_segmentation::UnicodeSegmentation as _;

use super::{fonts, string};

/// The longest value a template sets, in characters (grapheme clusters): a longer title or name
/// is cut short, ending in `…`. A heading's text becomes a PDF bookmark and a document's title
/// its metadata, and neither may be longer than a PDF string (32,767 bytes) in a PDF/A file.
pub const MAX_VALUE: usize = 1_000;

/// A value from the portfolio (a title, a name) as a typst string literal, quotes included, as the
/// templates' `typst` filter writes it: cut short after [`MAX_VALUE`] characters, and shown as
/// [`shown`] shows a record's text.
pub fn literal(text: &str) -> String {
    match text.grapheme_indices(true).nth(MAX_VALUE) {
        Some((end, _)) => shown(&format!("{}…", &text[..end])),
        None => shown(text),
    }
}

/// `text` as a typst string literal, quotes included. A grapheme cluster the bundled fonts cannot
/// show whole (an emoji, a control character, a script without a font, a letter with a mark no
/// font has) is written as its codes, `[U+1F642]`, after its first character if that can be
/// shown: a PDF/A pack may not hold text it cannot display.
pub fn shown(text: &str) -> String {
    string::quoted(&displayable(text), |_| true)
}

/// `text` as a typst string literal, quotes included, every character kept: for what is never
/// set on the page, such as a link's address.
pub fn address(text: &str) -> String {
    string::quoted(text, |_| true)
}

/// `text` with every grapheme cluster the bundled fonts cannot show whole written as codes (see
/// [`shown`]); line breaks and tabs are kept, for the literal to escape.
fn displayable(text: &str) -> Cow<'_, str> {
    let kept =
        |cluster: &str| matches!(cluster, "\n" | "\r" | "\r\n" | "\t") || fonts::can_display_cluster(cluster);
    if text.graphemes(true).all(kept) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for cluster in text.graphemes(true) {
        if kept(cluster) {
            out.push_str(cluster);
        } else {
            codes(cluster, &mut out);
        }
    }
    Cow::Owned(out)
}

/// `cluster`, which cannot be shown whole, as its first character, if that can be shown on its
/// own, and the codes of the rest; invisible characters that only join or select (a zero-width
/// joiner, a variation selector) are left out after the first.
fn codes(cluster: &str, out: &mut String) {
    for (index, c) in cluster.chars().enumerate() {
        if index == 0 && fonts::can_display_cluster(c.encode_utf8(&mut [0; 4])) {
            out.push(c);
        } else if index == 0 || !is_default_ignorable(c) {
            let _ = write!(out, "[U+{:04X}]", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_no_font_has_are_written_as_their_code() {
        assert_eq!(literal("Né 🙂 \u{7}"), "\"Né [U+1F642] [U+0007]\"");
        for c in ['\u{200b}', 'é', 'ש', 'Ж', '—', '€', '£', '→'] {
            assert!(fonts::can_display(c), "{c:?}");
        }
    }

    #[test]
    fn clusters_the_fonts_cannot_show_whole_are_their_letter_and_codes() {
        let cases = [
            ("1\u{fe0f}\u{20e3}", "1[U+20E3]"),
            ("a\u{20d7}", "a[U+20D7]"),
            ("q\u{323} é e\u{301}", "q\u{323} é e\u{301}"),
            ("\u{20e3} alone", "[U+20E3] alone"),
            ("bell \u{7}\u{20e3}", "bell [U+0007][U+20E3]"),
            ("👨\u{200d}👩", "[U+1F468][U+1F469]"),
            ("one\r\ntwo\tthree\n", "one\r\ntwo\tthree\n"),
        ];
        for (text, shown) in cases {
            assert_eq!(displayable(text), shown, "{text:?}");
        }
    }

    #[test]
    fn values_are_cut_short_after_a_thousand_characters() {
        assert_eq!(literal(&"é".repeat(MAX_VALUE)), format!("\"{}\"", "é".repeat(MAX_VALUE)));
        assert_eq!(literal(&"é".repeat(MAX_VALUE + 1)), format!("\"{}…\"", "é".repeat(MAX_VALUE)));
    }

    #[test]
    fn literals_escape_everything() {
        assert_eq!(literal("a \"b\" \\ #c\n$x$"), r#""a \"b\" \\ #c\n$x$""#);
        assert_eq!(literal("\u{7}"), r#""[U+0007]""#);
    }
}
