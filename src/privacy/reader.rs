//! A record's text as a reader sees it, for the anonymisation lint, with the way back from each
//! of its bytes to the file's.
//!
//! The pack joins a paragraph's lines, decodes HTML entities and shows a no-break space as a
//! space, so "NHS number 943 476" at the end of one line and "5919" at the start of the next
//! read as one number. [`ReaderText::of`] makes that text from a whole file:
//!
//! - in the Markdown body, each line break inside a paragraph (a soft or hard break) becomes one
//!   space, together with the spaces around it and the next line's indent and `>` markers, and
//!   the marks of emphasis (`*`, `_`, `**`, `~~`) are left out, as the pack shows none;
//! - a link's address is not prose, so it is left out: the destination of an inline link or
//!   image, a whole autolink (`<https://...>`), and every bare web address (`https://...`,
//!   `www....`); a `mailto:` or `tel:` address is kept, as it is one;
//! - no-break, narrow no-break, thin, hair and figure spaces become spaces; full-width digits and
//!   letters become ASCII; zero-width characters and soft hyphens are left out;
//! - HTML entities (`&nbsp;`, `&#160;`, `&#x31;`, `&pound;`...) are decoded by the Markdown
//!   engine itself, so exactly those it decodes are.
//!
//! The front-matter and code keep their lines (only the characters are normalised).
//! [`ReaderText::source_range`] maps a range of the reader's text back to the file: a finding
//! that spans a joined line break starts where its first character is in the file and ends where
//! its last one ends, so it may span two lines of the file; reports underline it from its start
//! to the end of that first line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};
use regex::Regex;

use crate::markdown::Reading;

/// The reader's text of a file.
#[derive(Debug)]
pub struct ReaderText<'a> {
    /// The text, borrowed when it is the file's own.
    text: Cow<'a, str>,
    /// The stretches that differ from the file, in order: each a range of the reader's text and
    /// the range of the file it stands for. Between them the two are the same bytes.
    edits: Vec<Edit>,
}

/// A stretch of the reader's text that stands for a different stretch of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    /// Where it is in the reader's text (empty when something was left out).
    reader: Range<usize>,
    /// What it stands for in the file.
    source: Range<usize>,
}

/// A change to make to the file: replace the bytes of `range` by `with`.
type Change = (Range<usize>, String);

impl<'a> ReaderText<'a> {
    /// The reader's text of `text`, a whole file whose Markdown body is `body` (a range of it).
    pub fn of(text: &'a str, body: Range<usize>) -> ReaderText<'a> {
        let arena = Arena::new();
        let markdown = text.get(body.clone()).map(|markdown| Reading::new(&arena, markdown));
        ReaderText::of_read(text, body.start, markdown.as_ref())
    }

    /// The reader's text of `text`, a whole file whose Markdown body starts at byte `offset` and
    /// is read (parsed, or parsed when needed) in `body`: the parse the outline uses too.
    pub fn of_read(text: &'a str, offset: usize, body: Option<&Reading<'_, '_>>) -> ReaderText<'a> {
        let mut changes = Vec::new();
        if let Some(body) = body {
            markdown_changes(body, offset, &mut changes);
        }
        address_changes(text, &mut changes);
        character_changes(text, &mut changes);
        ReaderText::apply(text, changes)
    }

    /// The reader's text of `text` read as Markdown from its start (a body alone, or a name).
    pub fn of_markdown(text: &'a str) -> ReaderText<'a> {
        ReaderText::of(text, 0..text.len())
    }

    /// The text to scan.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The range of the file that `range` of the reader's text stands for.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_start(range.start);
        start..self.source_end(range.end).max(start)
    }

    /// Where in the file the character at `at` of the reader's text starts.
    fn source_start(&self, at: usize) -> usize {
        let i = self.edits.partition_point(|e| e.reader.start <= at);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => at,
            Some(e) if at < e.reader.end => e.source.start,
            Some(e) => at - e.reader.end + e.source.end,
        }
    }

    /// Where in the file the character that ends at `at` of the reader's text ends.
    fn source_end(&self, at: usize) -> usize {
        let i = self.edits.partition_point(|e| e.reader.start < at);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => at,
            Some(e) if at <= e.reader.end => e.source.end,
            Some(e) => at - e.reader.end + e.source.end,
        }
    }

    /// Make the changes (any order, overlapping ones dropped) to `text`.
    fn apply(text: &'a str, mut changes: Vec<Change>) -> ReaderText<'a> {
        if changes.is_empty() {
            return ReaderText { text: Cow::Borrowed(text), edits: Vec::new() };
        }
        changes.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
        let mut out = String::with_capacity(text.len());
        let mut edits = Vec::with_capacity(changes.len());
        let mut copied = 0;
        for (range, with) in changes {
            if range.start < copied || text.get(range.clone()).is_none() {
                continue;
            }
            out.push_str(&text[copied..range.start]);
            let reader = out.len()..out.len() + with.len();
            out.push_str(&with);
            edits.push(Edit { reader, source: range.clone() });
            copied = range.end;
        }
        out.push_str(&text[copied..]);
        ReaderText { text: Cow::Owned(out), edits }
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown: joined lines and link destinations

/// The changes the Markdown of `read` (starting at byte `offset` of the file) makes.
fn markdown_changes(read: &Reading<'_, '_>, offset: usize, changes: &mut Vec<Change>) {
    let body = read.body();
    // Without a line break, a link or a mark of emphasis there is nothing to join and nothing
    // to leave out.
    let marks = |b: u8| matches!(b, b'\n' | b'<' | b']' | b'*' | b'_' | b'~');
    if !body.trim_end().bytes().any(marks) {
        return;
    }
    let lines: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    // The byte of a (1-based) line and (1-based, in bytes) column of the body.
    let at = |line: usize, column: usize| -> Option<usize> {
        let start = *lines.get(line.checked_sub(1)?)?;
        Some(start + column.saturating_sub(1)).filter(|&i| i <= body.len())
    };
    for node in read.root().descendants() {
        let data = node.data.borrow();
        let (start, end) = (data.sourcepos.start, data.sourcepos.end);
        let found = match &data.value {
            NodeValue::Paragraph => {
                let quoted = node.ancestors().any(|a| matches!(a.data.borrow().value, NodeValue::BlockQuote));
                let breaks = (start.line..end.line).filter_map(|line| lines.get(line).map(|&next| next - 1));
                breaks
                    .filter_map(|newline| joined_break(body, newline, quoted))
                    .map(|r| (r, " ".to_owned()))
                    .collect()
            }
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let (Some(from), Some(to)) = (at(start.line, start.column), at(end.line, end.column + 1))
                else {
                    continue;
                };
                let first_child_end = node.last_child().and_then(|c| {
                    let end = c.data.borrow().sourcepos.end;
                    at(end.line, end.column + 1)
                });
                let text = text_of(node);
                let found = destination(body, from..to, (first_child_end, &text, &link.url));
                found.into_iter().map(|r| (r, String::new())).collect()
            }
            NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough => {
                let first = node.first_child().map(|c| c.data.borrow().sourcepos.start);
                let last = node.last_child().map(|c| c.data.borrow().sourcepos.end);
                let (Some(first), Some(last)) = (first, last) else { continue };
                let inner = (at(first.line, first.column), at(last.line, last.column + 1));
                let outer = (at(start.line, start.column), at(end.line, end.column + 1));
                delimiters(body, outer, inner).into_iter().map(|r| (r, String::new())).collect()
            }
            _ => Vec::new(),
        };
        changes.extend(found.into_iter().map(|(r, with)| (r.start + offset..r.end + offset, with)));
    }
}

/// The delimiters of emphasis (`*`, `_`, `**`, `~~`) between `outer` and `inner`, the ranges of
/// the node and of its content: a reader sees only the content ("Mrs *A* Jones" as "Mrs A
/// Jones", and "2*3*4", which the pack shows with an italic 3, as "234"). Positions that are
/// not those of delimiters are left alone.
fn delimiters(
    body: &str,
    outer: (Option<usize>, Option<usize>),
    inner: (Option<usize>, Option<usize>),
) -> Vec<Range<usize>> {
    let (Some(start), Some(end), Some(first), Some(last)) = (outer.0, outer.1, inner.0, inner.1) else {
        return Vec::new();
    };
    let only_marks = |r: &Range<usize>| {
        body.get(r.clone())
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| matches!(b, b'*' | b'_' | b'~')))
    };
    [start..first, last..end].into_iter().filter(|r| r.start <= r.end && only_marks(r)).collect()
}

/// The bytes a line break at `newline` of a paragraph's text stands for: the spaces (and a
/// backslash of a hard break) before it, and the next line's indent and quote markers.
fn joined_break(body: &str, newline: usize, quoted: bool) -> Option<Range<usize>> {
    if body.as_bytes().get(newline) != Some(&b'\n') {
        return None;
    }
    let before = body[..newline].trim_end_matches([' ', '\t', '\r']);
    let before = before.strip_suffix('\\').unwrap_or(before);
    let after = &body[newline + 1..];
    let rest = if quoted {
        after.trim_start_matches([' ', '\t', '>'])
    } else {
        after.trim_start_matches([' ', '\t'])
    };
    Some(before.len()..body.len() - rest.len())
}

/// The part of a link or image at `range` of `body` that is its address: the destination of an
/// inline one (after the text that ends at `text_end`), or the whole of an autolink, or the whole
/// of a link whose text `text` ends its address (`[0123456789](.../commit/0123456789)`,
/// `[#1234](.../issues/1234)`). A `mailto:` or `tel:` address is one, so it is read once: as
/// the link's text when that repeats it, else as written. A link written any other way
/// (by reference) is kept.
fn destination(body: &str, range: Range<usize>, link: (Option<usize>, &str, &str)) -> Option<Range<usize>> {
    let (text_end, text, url) = link;
    let lower = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    let contact = lower.starts_with("mailto:") || lower.starts_with("tel:");
    let written = body.get(range.clone())?;
    if written.starts_with('<') && written.ends_with('>') {
        return (!contact).then_some(range);
    }
    if !(written.starts_with('[') || written.starts_with("![")) || !written.ends_with(')') {
        return None;
    }
    let text = text.trim().trim_start_matches('#');
    let repeats = !text.is_empty() && url.trim_end_matches('/').ends_with(text);
    if repeats && !contact {
        return Some(range);
    }
    if contact && !repeats {
        return None;
    }
    let text_end = text_end.filter(|e| range.contains(e)).unwrap_or(range.start);
    let open = body.get(text_end..range.end)?.find("](")? + text_end + 1;
    Some(open..range.end)
}

/// A web address written out in the text, with or without a link around it.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>"'`]+"#).expect("a valid constant pattern")
});

/// Leave out every bare web address of `text`.
fn address_changes(text: &str, changes: &mut Vec<Change>) {
    if text.contains("://") || text.contains("www.") {
        changes.extend(ADDRESS.find_iter(text).map(|m| (m.range(), " ".to_owned())));
    }
}

// ---------------------------------------------------------------------------------------------
// Characters and entities

/// A character that reads as something else, or an HTML entity.
static SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "[\u{A0}\u{202F}\u{2007}\u{2009}\u{200A}\u{FF10}-\u{FF19}\u{FF21}-\u{FF3A}\u{FF41}-\u{FF5A}",
        "\u{200B}-\u{200D}\u{2060}\u{FEFF}\u{AD}]",
        "|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    ))
    .expect("a valid constant pattern")
});

/// What a reader sees for `c`: a space, an ASCII digit or letter, nothing, or `c` itself.
fn read_char(c: char) -> Option<char> {
    let full_width = |first: char, ascii: u8| char::from(ascii + (u32::from(c) - u32::from(first)) as u8);
    match c {
        '\u{A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' => Some(' '),
        '\u{FF10}'..='\u{FF19}' => Some(full_width('\u{FF10}', b'0')),
        '\u{FF21}'..='\u{FF3A}' => Some(full_width('\u{FF21}', b'A')),
        '\u{FF41}'..='\u{FF5A}' => Some(full_width('\u{FF41}', b'a')),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => None,
        c => Some(c),
    }
}

/// `text` with each character as a reader sees it.
fn read_chars(text: &str) -> String {
    text.chars().filter_map(read_char).collect()
}

/// The characters and entities of `text` that read as something else.
fn character_changes(text: &str, changes: &mut Vec<Change>) {
    if text.is_ascii() && !text.contains('&') {
        return;
    }
    let mut entities: HashMap<&str, Option<String>> = HashMap::new();
    for m in SPECIAL.find_iter(text) {
        let with = if m.as_str().starts_with('&') {
            let decoded = entities.entry(m.as_str()).or_insert_with(|| decode_entity(m.as_str()));
            let Some(decoded) = decoded else { continue };
            read_chars(decoded)
        } else {
            read_chars(m.as_str())
        };
        changes.push((m.range(), with));
    }
}

/// What the Markdown engine makes of the entity `entity` (such as `&nbsp;`), if it decodes it.
fn decode_entity(entity: &str) -> Option<String> {
    let arena = Arena::new();
    let root = parse_document(&arena, entity, &comrak::Options::default());
    let decoded = text_of(root);
    (decoded != entity && !decoded.is_empty()).then_some(decoded)
}

/// The text of the nodes under `root`, code included.
fn text_of<'a>(root: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests;
