//! Change one top-level field of a front-matter block and leave every other byte as it was: the
//! comments, the order of the keys and how the other values are quoted stay as written. This is
//! how a form's edits (`pqs serve`) reach a record's file.

use std::ops::Range;

/// A field's new value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Text, written plain where YAML reads it back as the same text, else quoted.
    Text(&'a str),
    /// A value the caller knows to be plain YAML of its kind (a date, `true`), written as it is.
    Plain(&'a str),
    /// A list of texts, written in the style the field had (one item a line, or `[a, b]`).
    List(&'a [String]),
}

/// The lines of one top-level field: its key line and what belongs to it (indented lines, block
/// list items at the key's column), without comment or blank lines after it.
#[derive(Debug, PartialEq, Eq)]
struct Field {
    range: Range<usize>,
    /// The indent of its block list's items, where it has one.
    items: Option<String>,
    /// Whether its first value (or list item) is quoted: a list written anew is quoted alike.
    quoted: bool,
}

/// `text` with the top-level field `key` of the front-matter at `yaml` (a byte range of `text`)
/// set to `value`, or removed when `value` is `None`. A field that is not there is added after
/// the last one. Where `key` is written twice, the first is changed.
pub fn set(text: &str, yaml: Range<usize>, key: &str, value: Option<Value<'_>>) -> String {
    let eol = if text[..yaml.start].ends_with("\r\n") { "\r\n" } else { "\n" };
    let field = find(text, yaml.clone(), key);
    let items = field.as_ref().and_then(|f| f.items.as_deref());
    // A list written anew is quoted, as `pqs new` writes it; one already written keeps its way.
    let quoted = field.as_ref().is_none_or(|f| f.quoted);
    let written = value.map(|value| write(key, value, items, quoted, eol));
    let mut out = String::with_capacity(text.len() + 64);
    match (field, written) {
        (Some(field), written) => {
            out.push_str(&text[..field.range.start]);
            out.push_str(written.as_deref().unwrap_or_default());
            out.push_str(&text[field.range.end..]);
        }
        (None, Some(written)) => {
            out.push_str(&text[..yaml.end]);
            if !text[yaml.clone()].is_empty() && !text[..yaml.end].ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&written);
            out.push_str(&text[yaml.end..]);
        }
        (None, None) => out.push_str(text),
    }
    out
}

/// The field `key` of the front-matter at `yaml`, if it is written at the top level.
fn find(text: &str, yaml: Range<usize>, key: &str) -> Option<Field> {
    let mut offset = yaml.start;
    let mut found: Option<Field> = None;
    for line in text[yaml].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        let first = bare.chars().next();
        if let Some(field) = &mut found {
            let belongs = match first {
                None => false,
                Some(' ' | '\t') => !bare.trim().is_empty() && !bare.trim_start().starts_with('#'),
                Some('-') => bare == "-" || bare.starts_with("- "),
                Some(_) => false,
            };
            if belongs {
                let item = bare.trim_start();
                if field.items.is_none() && item.starts_with('-') {
                    field.items = Some(bare[..bare.len() - item.len()].to_owned());
                    field.quoted = item[1..].trim_start().starts_with(['"', '\'']);
                }
                field.range.end = offset;
                continue;
            }
            if first.is_none() || bare.trim().is_empty() || bare.trim_start().starts_with('#') {
                // A blank or comment line may be followed by more of the field.
                continue;
            }
            return found;
        }
        if key_of(bare) == Some(key) {
            let value = bare.split_once(':').map_or("", |(_, v)| v.trim_start());
            let quoted = value.trim_start_matches('[').trim_start().starts_with(['"', '\'']);
            found = Some(Field { range: start..offset, items: None, quoted });
        }
    }
    found
}

/// The key of a top-level `key: value` line, quoted or not.
fn key_of(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    match first {
        '"' | '\'' => {
            let rest = &line[1..];
            let end = rest.find(first)?;
            rest[end + 1..].trim_start().starts_with(':').then(|| &rest[..end])
        }
        ' ' | '\t' | '#' | '-' => None,
        _ => {
            let end = line.find(':')?;
            Some(line[..end].trim_end())
        }
    }
}

/// The field's line(s): `key: value`, or `key:` and one item a line indented by `items`; the items
/// of a list all quoted where `quoted`.
fn write(key: &str, value: Value<'_>, items: Option<&str>, quoted: bool, eol: &str) -> String {
    let item =
        |text: &str| if quoted { serde_json::to_string(text).unwrap_or_default() } else { scalar(text) };
    match value {
        Value::Text(text) => format!("{key}: {}{eol}", scalar(text)),
        Value::Plain(text) => format!("{key}: {text}{eol}"),
        Value::List(list) => match items {
            Some(indent) if !list.is_empty() => {
                let mut out = format!("{key}:{eol}");
                for one in list {
                    out.push_str(&format!("{indent}- {}{eol}", item(one)));
                }
                out
            }
            _ => {
                let items: Vec<String> = list.iter().map(|one| item(one)).collect();
                format!("{key}: [{}]{eol}", items.join(", "))
            }
        },
    }
}

/// `text` as a YAML scalar that reads back as the same text: plain where that is safe, else
/// double-quoted (JSON's escapes are YAML's).
pub fn scalar(text: &str) -> String {
    if is_plain(text) { text.to_owned() } else { serde_json::to_string(text).unwrap_or_default() }
}

/// Whether `text` can be written unquoted: it starts with a letter or digit, holds only letters,
/// digits, spaces and harmless punctuation, does not end in a space, and is no word YAML reads as
/// something else.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let harmless = |c: char| c.is_alphanumeric() || " .-_()/',?!".contains(c);
    let special = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    first.is_alphanumeric()
        && text.chars().all(harmless)
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !special.contains(&text.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_of(text: &str) -> Range<usize> {
        let start = text.find('\n').map_or(0, |n| n + 1);
        let end = text[start..].find("---").map_or(text.len(), |n| start + n);
        start..end
    }

    fn set_in(text: &str, key: &str, value: Option<Value<'_>>) -> String {
        set(text, yaml_of(text), key, value)
    }

    const RECORD: &str = "---\n# kept: a comment\ntitle: 'Quoted, as written'\ndate: 2026-03-02\nstandards:\n  - 6.4   # first\n  - 5.1\n\n# about the observer\nobserver: Sam\n---\nBody\n";

    #[test]
    fn changes_only_the_field_given() {
        let changed = set_in(RECORD, "date", Some(Value::Plain("2026-03-09")));
        assert_eq!(changed, RECORD.replace("date: 2026-03-02", "date: 2026-03-09"));
        let changed = set_in(RECORD, "observer", Some(Value::Text("Sam Patel (mentor)")));
        assert_eq!(changed, RECORD.replace("observer: Sam", "observer: Sam Patel (mentor)"));
    }

    #[test]
    fn a_block_list_stays_a_block_list_and_keeps_the_comments_after_it() {
        let list = ["6.4".to_owned(), "5.2".to_owned()];
        let changed = set_in(RECORD, "standards", Some(Value::List(&list)));
        let expected = RECORD.replace("  - 6.4   # first\n  - 5.1\n", "  - 6.4\n  - 5.2\n");
        assert_eq!(changed, expected);
        let flow = "---\ntitle: T\nstandards: [6.1, 6.2]\n---\n";
        assert_eq!(
            set_in(flow, "standards", Some(Value::List(&list))),
            flow.replace("[6.1, 6.2]", "[6.4, 5.2]")
        );
    }

    #[test]
    fn adds_and_removes_fields() {
        let added = set_in(RECORD, "setting", Some(Value::Text("group: supervision")));
        assert_eq!(
            added,
            RECORD.replace("observer: Sam\n", "observer: Sam\nsetting: \"group: supervision\"\n")
        );
        let removed = set_in(RECORD, "standards", None);
        assert_eq!(removed, RECORD.replace("standards:\n  - 6.4   # first\n  - 5.1\n", ""));
        assert_eq!(set_in(RECORD, "tags", None), RECORD);
        assert_eq!(set_in("---\n---\n", "title", Some(Value::Text("T"))), "---\ntitle: T\n---\n");
    }

    #[test]
    fn keeps_windows_line_endings_and_quoted_keys() {
        let text = "---\r\n\"title\": Old\r\ndraft: true\r\n---\r\n";
        let changed = set_in(text, "title", Some(Value::Text("New")));
        assert_eq!(changed, "---\r\ntitle: New\r\ndraft: true\r\n---\r\n");
    }

    #[test]
    fn quotes_what_yaml_would_read_otherwise() {
        for (text, written) in [
            ("Group supervision", "Group supervision"),
            ("yes", "\"yes\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("# not a comment", "\"# not a comment\""),
            ("[list]", "\"[list]\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("Zoë's visit", "Zoë's visit"),
            ("- dash", "\"- dash\""),
            ("6.10", "6.10"),
        ] {
            assert_eq!(scalar(text), written, "{text:?}");
        }
    }
}
