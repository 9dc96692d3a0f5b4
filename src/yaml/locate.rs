//! Find where each field, value and list item of a front-matter block is written.
//!
//! The YAML parser turns the front-matter into values but forgets where they were; checks made
//! afterwards (an impossible date, an unknown standard third in a list) still need to point at
//! the exact text. This scanner reads the block once and keeps a map from a [`Place`] to a byte
//! range of the file. It understands what front-matter is made of: `key: value` lines, quoted
//! keys and values, comments, flow lists (`[6.1, 6.2]`, also over several lines), block lists
//! (`- 6.1`) and lists of small mappings (`- by: ...`). For anything else it finds nothing and
//! the caller falls back to the enclosing field.

use std::collections::HashMap;
use std::ops::Range;

/// A place in the front-matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// A top-level key.
    Key(&'a str),
    /// A top-level key's value (for a block list, its first line).
    Value(&'a str),
    /// Item `n` (0-based) of a top-level list.
    Item(&'a str, usize),
    /// A key inside item `n` of a top-level list of mappings.
    EntryKey(&'a str, usize, &'a str),
    /// A value inside item `n` of a top-level list of mappings.
    EntryValue(&'a str, usize, &'a str),
}

/// One place found: its key, item and key inside the item as numbers (see [`Locations::names`]),
/// so that a long list costs a few bytes per item, not a copy of its key each.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    key: u32,
    item: u32,
    sub: u32,
    value: bool,
    range: Range<usize>,
}

/// No item, or no key inside an item.
const NONE: u32 = u32::MAX;

/// Byte ranges of the places of one front-matter block.
#[derive(Debug, Default)]
pub struct Locations {
    /// The number of each key name found.
    names: HashMap<String, u32>,
    entries: Vec<Entry>,
}

impl Locations {
    /// The range of `place`, if it was found.
    pub fn find(&self, place: Place<'_>) -> Option<Range<usize>> {
        self.all(place).next()
    }

    /// Every range of `place`, in order (a repeated key is found more than once).
    pub fn all<'s>(&'s self, place: Place<'s>) -> impl Iterator<Item = Range<usize>> + 's {
        let wanted = self.numbers(place);
        self.entries
            .iter()
            .filter(move |entry| wanted == Some((entry.key, entry.item, entry.sub, entry.value)))
            .map(|entry| entry.range.clone())
    }

    /// The range of the first of `places` that was found.
    pub fn first(&self, places: &[Place<'_>]) -> Option<Range<usize>> {
        places.iter().find_map(|place| self.find(*place))
    }

    /// `place` as an entry's numbers, if its names were found at all.
    fn numbers(&self, place: Place<'_>) -> Option<(u32, u32, u32, bool)> {
        let (key, item, sub, value) = match place {
            Place::Key(k) => (k, None, None, false),
            Place::Value(k) => (k, None, None, true),
            Place::Item(k, n) => (k, Some(n), None, true),
            Place::EntryKey(k, n, s) => (k, Some(n), Some(s), false),
            Place::EntryValue(k, n, s) => (k, Some(n), Some(s), true),
        };
        let sub = match sub {
            Some(sub) => *self.names.get(sub)?,
            None => NONE,
        };
        Some((*self.names.get(key)?, item_number(item), sub, value))
    }

    fn add(&mut self, key: &str, item: Option<usize>, sub: Option<&str>, value: bool, range: Range<usize>) {
        let key = self.name(key);
        let sub = sub.map_or(NONE, |sub| self.name(sub));
        self.entries.push(Entry { key, item: item_number(item), sub, value, range });
    }

    /// The number of the key name `name`, given it if new.
    fn name(&mut self, name: &str) -> u32 {
        let next = u32::try_from(self.names.len()).unwrap_or(NONE - 1);
        *self.names.entry(name.to_owned()).or_insert(next)
    }
}

/// An item's index as stored: [`NONE`] for no item.
fn item_number(item: Option<usize>) -> u32 {
    item.map_or(NONE, |n| u32::try_from(n).unwrap_or(NONE - 1))
}

/// Scan the front-matter at `yaml` (a byte range of `text`).
pub fn locate(text: &str, yaml: Range<usize>) -> Locations {
    let mut scanner = Scanner::default();
    let mut offset = yaml.start;
    for line in text[yaml.clone()].split_inclusive('\n') {
        scanner.line(line.trim_end_matches(['\n', '\r']), offset);
        offset += line.len();
    }
    scanner.found
}

#[derive(Default)]
struct Scanner {
    found: Locations,
    root_indent: Option<usize>,
    key: Option<String>,
    next_item: usize,
    /// The open mapping item of a list: its index and the column its keys start at.
    entry: Option<(usize, usize)>,
    flow: Option<Flow>,
}

impl Scanner {
    fn line(&mut self, line: &str, offset: usize) {
        if let Some(flow) = &mut self.flow {
            if flow.feed(line, offset, &mut self.found) {
                self.flow = None;
            }
            return;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return;
        }
        let root = *self.root_indent.get_or_insert(indent);
        let at = offset + indent;
        if indent == root && !is_list_item(trimmed) {
            self.top_level(trimmed, at);
        } else if let Some(key) = self.key.clone() {
            self.nested(&key, trimmed, indent, at);
        }
    }

    fn top_level(&mut self, trimmed: &str, at: usize) {
        self.entry = None;
        self.next_item = 0;
        let Some(KeyLine { key, range, value }) = split_key(trimmed, at) else {
            self.key = None;
            return;
        };
        self.found.add(&key, None, None, false, range);
        if let Some((value, value_at)) = value.filter(|(v, _)| !v.starts_with('#')) {
            if let Some(items) = value.strip_prefix('[') {
                let mut flow = Flow::new(key.clone());
                if !flow.feed(items, value_at + 1, &mut self.found) {
                    self.flow = Some(flow);
                }
                self.found.add(&key, None, None, true, value_at..value_at + value.trim_end().len());
            } else {
                self.found.add(&key, None, None, true, scalar_extent(value, value_at));
            }
        }
        self.key = Some(key);
    }

    fn nested(&mut self, key: &str, trimmed: &str, indent: usize, at: usize) {
        if is_list_item(trimmed) {
            let index = self.next_item;
            self.next_item += 1;
            self.found.add(key, None, None, true, at..at + trimmed.trim_end().len());
            let content = trimmed[1..].trim_start();
            let content_at = at + (trimmed.len() - content.len());
            self.entry = None;
            if let Some(line) = split_key(content, content_at) {
                self.found.add(
                    key,
                    Some(index),
                    None,
                    true,
                    content_at..content_at + content.trim_end().len(),
                );
                self.entry_field(key, index, line);
                self.entry = Some((index, indent + (trimmed.len() - content.len())));
            } else if !content.is_empty() {
                self.found.add(key, Some(index), None, true, scalar_extent(content, content_at));
            }
        } else if let Some((index, _)) = self.entry.filter(|(_, column)| *column == indent) {
            if let Some(line) = split_key(trimmed, at) {
                self.entry_field(key, index, line);
            }
        } else {
            self.found.add(key, None, None, true, scalar_extent(trimmed, at));
        }
    }

    fn entry_field(&mut self, key: &str, index: usize, line: KeyLine<'_>) {
        self.found.add(key, Some(index), Some(&line.key), false, line.range);
        if let Some((value, value_at)) = line.value.filter(|(v, _)| !v.starts_with('#')) {
            self.found.add(key, Some(index), Some(&line.key), true, scalar_extent(value, value_at));
        }
    }
}

fn is_list_item(trimmed: &str) -> bool {
    trimmed == "-" || trimmed.starts_with("- ") || trimmed.starts_with("-\t")
}

/// A `key: value` line, split.
struct KeyLine<'a> {
    /// The key as text, without quotes.
    key: String,
    /// Where the key is written.
    range: Range<usize>,
    /// The value after the colon, if any, and its offset.
    value: Option<(&'a str, usize)>,
}

/// Split `key: value` written at offset `at`.
fn split_key(s: &str, at: usize) -> Option<KeyLine<'_>> {
    let (key, key_end) = match s.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = closing_quote(s, quote)?;
            (s[1..end].to_owned(), end + 1)
        }
        '#' | '[' | '{' | '&' | '*' | '!' | '|' | '>' => return None,
        _ => {
            let colon = plain_key_end(s)?;
            (s[..colon].trim_end().to_owned(), s[..colon].trim_end().len())
        }
    };
    let after = s[key_end..].trim_start();
    let after = after.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let value = after.trim_start();
    let value_at = at + (s.len() - value.len());
    let value = (!value.trim_end().is_empty()).then_some((value.trim_end(), value_at));
    Some(KeyLine { key, range: at..at + key_end, value })
}

/// The end of a plain key: the first `:` followed by a space or the end of the line.
fn plain_key_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1].is_ascii_whitespace() => return None,
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => return Some(i),
            _ => {}
        }
    }
    None
}

/// The index of the quote that closes the quoted text starting at index 0 of `s`.
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && chars.peek().map(|(_, c)| *c) == Some('\'') {
                    chars.next();
                } else {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The range of the scalar that starts `s` (at `at`), without a trailing comment.
fn scalar_extent(s: &str, at: usize) -> Range<usize> {
    let len = match s.chars().next() {
        Some(quote @ ('"' | '\'')) => closing_quote(s, quote).map_or(s.trim_end().len(), |i| i + 1),
        Some('|' | '>') => 1,
        _ => {
            let bytes = s.as_bytes();
            let end = (1..bytes.len())
                .find(|&i| bytes[i] == b'#' && bytes[i - 1].is_ascii_whitespace())
                .unwrap_or(bytes.len());
            s[..end].trim_end().len()
        }
    };
    at..at + len
}

/// A flow list being read, possibly over several lines.
struct Flow {
    key: String,
    depth: usize,
    quote: Option<char>,
    escaped: bool,
    item_start: Option<usize>,
    item_end: usize,
    index: usize,
}

impl Flow {
    fn new(key: String) -> Flow {
        Flow { key, depth: 1, quote: None, escaped: false, item_start: None, item_end: 0, index: 0 }
    }

    /// Read one more piece of text at `offset`; true when the list has closed.
    fn feed(&mut self, s: &str, offset: usize, found: &mut Locations) -> bool {
        let mut previous_blank = true;
        for (i, c) in s.char_indices() {
            let at = offset + i;
            if let Some(quote) = self.quote {
                self.item_end = at + c.len_utf8();
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' && quote == '"' {
                    self.escaped = true;
                } else if c == quote {
                    self.quote = None;
                }
                continue;
            }
            match c {
                '#' if previous_blank => return false,
                ',' if self.depth == 1 => self.close_item(found),
                ']' | '}' if self.depth == 1 => {
                    self.close_item(found);
                    return true;
                }
                _ if c.is_whitespace() => {}
                _ => {
                    match c {
                        '[' | '{' => self.depth += 1,
                        ']' | '}' => self.depth -= 1,
                        '"' | '\'' => self.quote = Some(c),
                        _ => {}
                    }
                    self.item_start.get_or_insert(at);
                    self.item_end = at + c.len_utf8();
                }
            }
            previous_blank = c.is_whitespace();
        }
        false
    }

    fn close_item(&mut self, found: &mut Locations) {
        if let Some(start) = self.item_start.take() {
            found.add(&self.key, Some(self.index), None, true, start..self.item_end);
            self.index += 1;
        }
    }
}

#[cfg(test)]
mod tests;
