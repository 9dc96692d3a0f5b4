//! Small helpers the detectors share: where characters and numbers start and end, and the
//! patterns for spaces and word starts.

use regex::Regex;

/// Compile a constant pattern.
pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern in privacy.rs is a valid regular expression")
}

/// The character at byte `at`, if any.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

/// Whether a letter or digit touches byte `at` from the right.
pub(super) fn alnum_at(text: &str, at: usize) -> bool {
    char_at(text, at).is_some_and(char::is_alphanumeric)
}

/// Whether the text at `at` continues a number: a separator such as `.` or `/` and then a digit.
pub(super) fn number_continues(text: &str, at: usize, separators: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let (Some(separator), Some(digit)) = (bytes.get(at), bytes.get(at + 1)) else { return false };
    separators.contains(separator) && digit.is_ascii_digit()
}

/// Whether the text before `at` ends a number: a digit and then a separator such as `.` or `,`.
pub(super) fn number_precedes(text: &str, at: usize, separators: &[u8]) -> bool {
    let bytes = text.as_bytes();
    at >= 2 && separators.contains(&bytes[at - 1]) && bytes[at - 2].is_ascii_digit()
}

/// The largest char boundary of `text` at or below `at`.
pub(super) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `at`.
pub(super) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `word` is one of the space-separated (lowercase ASCII) words of `list`, ignoring case.
pub(super) fn listed(list: &str, word: &str) -> bool {
    // The lists are ASCII words between single spaces: compared as bytes, length first.
    let word = word.as_bytes();
    !word.is_empty()
        && list
            .as_bytes()
            .split(|b| *b == b' ')
            .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
}

/// Horizontal space inside a detail: a space or a no-break space (never a line break).
pub(super) const SP: &str = "[ \u{A0}]";

/// A pattern's prefix that starts a candidate at a word boundary (consumed, outside group 1).
pub(super) const START: &str = r"(?:^|[^\p{L}\p{N}])";

// ---------------------------------------------------------------------------------------------
// NHS numbers

/// The words of `text`.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty())
}
