//! Add or renew one sign-off entry in a record's text, touching nothing outside the `signoff`
//! block: comments, key order, quoting and line endings elsewhere stay byte for byte.
//!
//! The YAML is not re-serialised. The block is found line by line: the top-level `signoff:` key
//! and the lines under it. A new entry is written after the last entry, indented like the
//! entries already there; renewing an entry rewrites only its `date` and `digest` values. A
//! `signoff` written in flow style (`[{by: ...}]`) is rewritten as a block list, since there is
//! no way to add to it in its own style that reads well. The caller checks the result by
//! reading it again (see [`super::sign_text`]).

use std::ops::Range;

use crate::portfolio::front_matter::Split;
use crate::yaml::locate;
use crate::yaml::locate::Place;

/// A sign-off entry to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Who signs.
    pub by: String,
    /// In what role.
    pub role: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
    /// `sha256:...`.
    pub digest: String,
    /// The digest of each file the record refers to, `sha256:... path` (none for a record
    /// without files).
    pub files: Vec<String>,
    /// The armoured SSH signature of the entry's statement, if it is signed with a key.
    pub signature: Option<String>,
}

impl Entry {
    /// Whether it has more than the four values that can be renewed where they are written.
    fn has_more(&self) -> bool {
        !self.files.is_empty() || self.signature.is_some()
    }
}

/// The `signoff` block of a front-matter, as lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Block {
    /// The `signoff:` line, from its start to just past its line ending.
    pub key_line: Range<usize>,
    /// What follows `signoff:` on its line, without a comment, trimmed.
    pub inline: String,
    /// The lines under the key that belong to it: from the end of the key line to just past
    /// the last of them (empty when none do).
    pub under: Range<usize>,
    /// The start of each `- ` entry line under the key, in order.
    pub items: Vec<usize>,
}

impl Block {
    /// The whole block: the key line and the lines under it.
    pub fn range(&self) -> Range<usize> {
        self.key_line.start..self.under.end.max(self.key_line.end)
    }
}

/// Find the top-level `signoff` key in the front-matter of `split` and the lines under it.
pub fn find(split: &Split<'_>) -> Option<Block> {
    let text = split.text;
    let mut lines = lines(text, split.yaml.clone());
    let key_line = lines.by_ref().find(|line| is_signoff_key(&text[line.clone()]))?;
    let line_text = text[key_line.clone()].trim_end_matches(['\n', '\r']);
    let after_key = &line_text[line_text.find(':').map_or(line_text.len(), |i| i + 1)..];
    let inline = without_comment(after_key).trim().to_owned();
    let mut under = key_line.end..key_line.end;
    let mut items = Vec::new();
    let mut item_indent = None;
    for line in lines {
        let content = text[line.clone()].trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        let is_item = rest == "-" || rest.starts_with("- ");
        let blank_or_comment = rest.is_empty() || rest.starts_with('#');
        if blank_or_comment && indent == 0 {
            // A blank line or a comment at the margin belongs to the block only if the block
            // goes on after it.
            continue;
        }
        let belongs = indent > 0 || (is_item && inline.is_empty()) || blank_or_comment;
        if !belongs {
            break;
        }
        if is_item && item_indent.is_none_or(|i| indent <= i) {
            item_indent = Some(indent);
        }
        if is_item && item_indent == Some(indent) {
            items.push(line.start);
        }
        under.end = line.end;
    }
    Some(Block { key_line, inline, under, items })
}

/// `text` with `entry` added to the `signoff` block of its front-matter (the block is created at
/// the end of the front-matter if there is none), or with the entry at `renew` given the new
/// date and digest. `existing` are the entries as read, used only when the block is in flow
/// style and must be rewritten whole.
pub fn write(split: &Split<'_>, existing: &[Entry], entry: &Entry, renew: Option<usize>) -> String {
    let text = split.text;
    let newline = if text[split.yaml.clone()].contains("\r\n") { "\r\n" } else { "\n" };
    let block = find(split);
    let plain = !entry.has_more() && renew.and_then(|i| existing.get(i)).is_some_and(|e| !e.has_more());
    if let (Some(index), Some(block), true) = (renew, &block, plain)
        && let Some(renewed) = renew_in_place(split, block, index, entry)
    {
        return renewed;
    }
    let Some(block) = block else {
        let at = split.yaml.end;
        let lead = if at > 0 && !text[..at].ends_with('\n') { newline } else { "" };
        let added = format!("{lead}signoff:{newline}{}", render(entry, "  ", "    ", newline));
        return splice(text, at..at, &added);
    };
    let style = Indents::of(text, &block);
    let rendered = render(entry, &style.item, &style.field, newline);
    match renew {
        Some(index) if block.inline.is_empty() && index < block.items.len() => {
            // An entry whose values could not be found: replace its lines.
            let start = block.items[index];
            let end = block.items.get(index + 1).copied().unwrap_or(block.under.end);
            splice(text, start..end, &rendered)
        }
        _ if block.inline.is_empty() => {
            let at = block.under.end;
            let lead = if !text[..at].ends_with('\n') { newline } else { "" };
            splice(text, at..at, &format!("{lead}{rendered}"))
        }
        // `signoff: []`, `signoff: ~` and flow lists: written again as a block list.
        _ => {
            let mut entries = existing.to_vec();
            match renew {
                Some(index) if index < entries.len() => entries[index] = entry.clone(),
                _ => entries.push(entry.clone()),
            }
            let comment = comment_of(&text[block.key_line.clone()]);
            let mut replaced = format!("signoff:{comment}{newline}");
            for entry in &entries {
                replaced.push_str(&render(entry, "  ", "    ", newline));
            }
            splice(text, block.range(), &replaced)
        }
    }
}

/// `text` with the `signoff` block of its front-matter removed (for showing what changed).
pub fn without_block(split: &Split<'_>) -> String {
    match find(split) {
        Some(block) => splice(split.text, block.range(), ""),
        None => split.text.to_owned(),
    }
}

fn renew_in_place(split: &Split<'_>, block: &Block, index: usize, entry: &Entry) -> Option<String> {
    let locations = locate::locate(split.text, split.yaml.clone());
    let date = locations.find(Place::EntryValue("signoff", index, "date"))?;
    let digest = locations.find(Place::EntryValue("signoff", index, "digest"))?;
    let inside = |r: &Range<usize>| block.range().contains(&r.start) && r.end <= block.range().end;
    if !inside(&date) || !inside(&digest) || date.start == digest.start {
        return None;
    }
    let mut edits = [(date, scalar(&entry.date)), (digest, scalar(&entry.digest))];
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut text = split.text.to_owned();
    for (range, value) in edits {
        text.replace_range(range, &value);
    }
    Some(text)
}

/// The indentation of entries and of their fields, copied from the first entry written.
struct Indents {
    item: String,
    field: String,
}

impl Indents {
    fn of(text: &str, block: &Block) -> Indents {
        let Some(&start) = block.items.first() else {
            return Indents { item: "  ".to_owned(), field: "    ".to_owned() };
        };
        let line = &text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let item = line.len() - line.trim_start_matches(' ').len();
        let after_dash = &line[item + 1..];
        let gap = after_dash.len() - after_dash.trim_start_matches(' ').len();
        let field = if after_dash.trim().is_empty() { item + 2 } else { item + 1 + gap };
        Indents { item: " ".repeat(item), field: " ".repeat(field) }
    }
}

fn render(entry: &Entry, item: &str, field: &str, newline: &str) -> String {
    let dash = format!("{item}-{}", " ".repeat(field.len().saturating_sub(item.len() + 1).max(1)));
    let mut text = format!(
        "{dash}by: {}{newline}{field}role: {}{newline}{field}date: {}{newline}{field}digest: {}{newline}",
        scalar(&entry.by),
        scalar(&entry.role),
        scalar(&entry.date),
        scalar(&entry.digest)
    );
    if !entry.files.is_empty() {
        text.push_str(&format!("{field}files:{newline}"));
        for file in &entry.files {
            text.push_str(&format!("{field}  - {}{newline}", scalar(file)));
        }
    }
    if let Some(signature) = &entry.signature {
        // A literal block keeps the armour's lines as they are.
        text.push_str(&format!("{field}signature: |{newline}"));
        for line in signature.lines() {
            text.push_str(&format!("{field}  {line}{newline}"));
        }
    }
    text
}

/// `value` as a YAML single value: plain when that reads back the same, otherwise quoted.
fn scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value.chars().all(|c| c.is_alphanumeric() || " -_.,()'".contains(c) || c == ':')
        && !value.contains(": ")
        && !value.ends_with(':')
        && value.trim() == value
        && !value.starts_with(['-', '\'', '(', ','])
        && yaml_serde::from_str::<String>(value).ok().as_deref() == Some(value);
    if plain {
        return value.to_owned();
    }
    let escaped: String = value
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_control() => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    format!("\"{escaped}\"")
}

fn is_signoff_key(line: &str) -> bool {
    ["signoff", "\"signoff\"", "'signoff'"]
        .iter()
        .any(|key| line.strip_prefix(key).is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':')))
}

/// The lines of `range` in `text`, each from its start to just past its `\n`.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = range.start;
    std::iter::from_fn(move || {
        if at >= range.end {
            return None;
        }
        let end = text[at..range.end].find('\n').map_or(range.end, |i| at + i + 1);
        let line = at..end;
        at = end;
        Some(line)
    })
}

/// A `# comment` at the end of a line, with the spaces before it, or nothing.
fn comment_of(line: &str) -> String {
    let line = line.trim_end_matches(['\n', '\r']);
    let code = without_comment(line);
    let comment = &line[code.len()..];
    if comment.is_empty() { String::new() } else { format!(" {}", comment.trim_start()) }
}

/// `text` up to a ` #` comment that is not inside quotes.
fn without_comment(text: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' || previous == '\t' => return &text[..i],
            _ => {}
        }
        previous = c;
    }
    text
}

fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}
