//! Split a record into its YAML front-matter and its Markdown body.
//!
//! A pure function over bytes: no YAML is parsed here. The front-matter sits between two lines
//! that read `---` (trailing spaces and tabs allowed, `\n` or `\r\n` endings), and the first of
//! them must be line 1. A UTF-8 byte-order mark before it is dropped.

use std::ops::Range;

/// A record split in two. Ranges are byte offsets into `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The whole file as text, without a byte-order mark.
    pub text: &'a str,
    /// The YAML between the fences.
    pub yaml: Range<usize>,
    /// The 1-based line of the file on which the YAML starts (the line after the opening fence).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: Range<usize>,
    /// The 1-based line on which the body starts.
    pub body_line: usize,
}

impl Split<'_> {
    /// The YAML text.
    pub fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The bytes are not UTF-8; `line` and `column` (1-based) say where the first bad byte is.
    NotUtf8 {
        /// The line of the first bad byte.
        line: usize,
        /// The column, in characters, of the first bad byte.
        column: usize,
    },
    /// The file holds nothing but whitespace.
    Empty,
    /// Line 1 is not `---`. If a `---` line follows only blank lines, how many.
    Missing {
        /// Blank lines before a fence found lower down, or 0.
        blank_lines_before: usize,
    },
    /// There is an opening fence but no closing one.
    Unclosed,
}

const BOM: char = '\u{feff}';

/// Split `bytes` into front-matter and body.
pub fn split(bytes: &[u8]) -> Result<Split<'_>, SplitError> {
    let text = std::str::from_utf8(bytes).map_err(|error| not_utf8(bytes, error.valid_up_to()))?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut lines = Lines { text, offset: 0 };
    let first = lines.next().ok_or(SplitError::Empty)?;
    if !is_fence(first.content) {
        return Err(SplitError::Missing { blank_lines_before: blank_lines_before_fence(text) });
    }
    let yaml_start = first.end;
    for (index, line) in lines.enumerate() {
        if is_fence(line.content) {
            return Ok(Split {
                text,
                yaml: yaml_start..line.start,
                yaml_line: 2,
                body: line.end..text.len(),
                body_line: index + 3,
            });
        }
    }
    Err(SplitError::Unclosed)
}

/// The offset of the first character in `yaml` that YAML does not allow (a control character
/// other than tab and line endings, such as NUL).
pub fn first_control(yaml: &str) -> Option<usize> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{10000}'..)
            || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
    };
    yaml.char_indices().find(|(_, c)| !allowed(*c)).map(|(at, _)| at)
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> SplitError {
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let good = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    // Columns count in the text without its byte-order mark, as everywhere else.
    let good = good.strip_prefix(BOM).unwrap_or(good);
    let line_start = good.rfind('\n').map_or(0, |i| i + 1);
    SplitError::NotUtf8 {
        line: good.matches('\n').count() + 1,
        column: good[line_start..].chars().count() + 1,
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

fn blank_lines_before_fence(text: &str) -> usize {
    for (blank, line) in (Lines { text, offset: 0 }).enumerate() {
        if is_fence(line.content) {
            return blank;
        }
        if !line.content.trim().is_empty() {
            return 0;
        }
    }
    0
}

struct Line<'a> {
    /// The line without its `\n` (a `\r` may remain).
    content: &'a str,
    start: usize,
    /// Offset just past the `\n`, or the end of the text.
    end: usize,
}

struct Lines<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.offset >= self.text.len() {
            return None;
        }
        let start = self.offset;
        let rest = &self.text[start..];
        let (content, end) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.text.len()),
        };
        self.offset = end;
        Some(Line { content, start, end })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_first_character_yaml_refuses() {
        let cases = [
            ("title: A\n", None),
            ("title: a\tb\r\n", None),
            ("notes: caf\u{e9} \u{1f642}\n", None),
            ("a: 1\nb: x\0y\n", Some(9)),
            ("a: \u{7f}", Some(3)),
            ("a: \u{feff}", Some(3)),
            ("a: \u{9b}", Some(3)),
        ];
        for (text, expected) in cases {
            assert_eq!(first_control(text), expected, "{text:?}");
        }
    }

    use super::*;

    /// What a split should give: the YAML, its first line, the body and its first line.
    type Expected = Result<(&'static str, usize, &'static str, usize), SplitError>;

    #[test]
    fn splits_the_edge_cases() {
        let table: &[(&str, &[u8], Expected)] = &[
            ("plain", b"---\ntitle: A\n---\nBody\n", Ok(("title: A\n", 2, "Body\n", 4))),
            ("crlf", b"---\r\ntitle: A\r\n---\r\nBody\r\n", Ok(("title: A\r\n", 2, "Body\r\n", 4))),
            ("bom", b"\xEF\xBB\xBF---\ntitle: A\n---\n", Ok(("title: A\n", 2, "", 4))),
            ("trailing spaces on fences", b"--- \t\ntitle: A\n---  \nB", Ok(("title: A\n", 2, "B", 4))),
            ("empty front-matter", b"---\n---\nBody", Ok(("", 2, "Body", 3))),
            ("fence at end of file", b"---\ntitle: A\n---", Ok(("title: A\n", 2, "", 4))),
            (
                "--- inside the body",
                b"---\na: 1\n---\nText\n---\nMore\n",
                Ok(("a: 1\n", 2, "Text\n---\nMore\n", 4)),
            ),
            ("four dashes are not a fence", b"---\na: 1\n----\n", Err(SplitError::Unclosed)),
            ("no closing fence", b"---\ntitle: A\nBody\n", Err(SplitError::Unclosed)),
            ("only a fence", b"---", Err(SplitError::Unclosed)),
            ("no front-matter", b"# Title\n", Err(SplitError::Missing { blank_lines_before: 0 })),
            (
                "blank lines before the fence",
                b"\n  \n---\na: 1\n---\n",
                Err(SplitError::Missing { blank_lines_before: 2 }),
            ),
            ("empty file", b"", Err(SplitError::Empty)),
            ("whitespace only", b" \n\n", Err(SplitError::Empty)),
            ("not utf-8", b"---\ntitle: caf\xE9\n---\n", Err(SplitError::NotUtf8 { line: 2, column: 11 })),
            ("utf-16", b"\xFF\xFE-\x00-\x00", Err(SplitError::NotUtf8 { line: 1, column: 1 })),
        ];
        for (name, input, expected) in table {
            let got = split(input).map(|s| (&s.text[s.yaml], s.yaml_line, &s.text[s.body], s.body_line));
            assert_eq!(&got, expected, "case: {name}");
        }
    }
}
