//! Read a YAML mapping of known fields into raw values, keeping what was written.
//!
//! Each known field has a [`Shape`]: one value, a list of values, a list of nested mappings, or one
//! nested mapping.
//! Values are kept as the text written, so `6.10` stays `6.10` and `2026-03-02` stays a string
//! until the checks give it meaning. Unknown and repeated fields are collected, not fatal, so a
//! record's every problem is reported in one run. A value of the wrong shape stops the parse with
//! the parser's own line and column.

use std::collections::BTreeMap;

use crate::yaml::values::is_blank;
use serde::Serialize;
use serde::de::DeserializeSeed;

/// A field a mapping may have: its name, the shape of its value, what the value means, and a
/// sentence for people. The parser reads by name and shape; the JSON Schema is made from all four.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// One value, a list, or a list of mappings.
    pub shape: Shape,
    /// What a single value (or each item of a list) means.
    pub meaning: Meaning,
    /// What the field is for.
    pub about: &'static str,
}

impl Field {
    /// A field of `shape` meaning `meaning`.
    pub const fn new(name: &'static str, shape: Shape, meaning: Meaning, about: &'static str) -> Field {
        Field { name, shape, meaning, about }
    }
}

/// What a value means, beyond its shape.
#[derive(Clone, Copy, Debug)]
pub enum Meaning {
    /// Free text.
    Text,
    /// A `YYYY-MM-DD` date.
    Date,
    /// `true` or `false`.
    Boolean,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A standard (`6`) or statement (`6.2`) reference.
    Reference,
    /// An id: lowercase letters, digits, `-`, `_`, `.`.
    Id,
    /// A `sha256:` digest.
    Digest,
    /// A mapping (for lists of mappings).
    Mapping,
}

/// What a field holds.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// One value: text, a number, a date or a boolean, kept as written.
    Text,
    /// A list of single values (empty or `~` reads as an empty list).
    List,
    /// A list of mappings with these fields.
    Entries(&'static [Field]),
    /// One mapping with these fields (a group of `field: value` lines, indented).
    Group(&'static [Field]),
}

/// A field's value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// One value.
    Text(String),
    /// A list of values.
    List(Vec<String>),
    /// A list of mappings.
    Entries(Vec<Fields>),
    /// One mapping.
    Group(Fields),
}

/// The fields of one mapping, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    /// Known fields and their values.
    pub known: Vec<(&'static str, Value)>,
    /// Unknown fields: the key as written and the value, kept for the record's digest.
    pub unknown: Vec<(String, Other)>,
    /// Known fields given more than once (the first value is kept).
    pub repeated: Vec<&'static str>,
}

impl Fields {
    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.known.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// The text of a single-value field.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The text of a single-value field, trimmed, if given and not blank (empty, `~`, `null`).
    pub fn given(&self, name: &str) -> Option<String> {
        self.text(name).filter(|v| !is_blank(v)).map(|v| v.trim().to_owned())
    }

    /// The items of a list field.
    pub fn list(&self, name: &str) -> Option<&[String]> {
        match self.get(name) {
            Some(Value::List(items)) => Some(items),
            _ => None,
        }
    }

    /// The fields of a group field.
    pub fn group(&self, name: &str) -> Option<&Fields> {
        match self.get(name) {
            Some(Value::Group(fields)) => Some(fields),
            _ => None,
        }
    }

    /// The entries of a list-of-mappings field.
    pub fn entries(&self, name: &str) -> Option<&[Fields]> {
        match self.get(name) {
            Some(Value::Entries(entries)) => Some(entries),
            _ => None,
        }
    }
}

/// The value of a field the format does not know: single values as text, lists, and mappings
/// with their keys sorted, so that it can be part of a record's digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Other {
    /// No value.
    Null,
    /// One value, as text (a number as the parser read it).
    Text(String),
    /// A list.
    List(Vec<Other>),
    /// A mapping; a `!tag` is kept as a mapping from the tag to the value.
    Map(BTreeMap<String, Other>),
}

/// A YAML problem with its place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's explanation, without its location.
    pub message: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The byte offset in the YAML text read, when known. Unlike the line and column, it is right
    /// in text that ends lines with a lone `\r` (which YAML, unlike the rest of `pqs`, counts).
    pub offset: Option<usize>,
    /// The field whose value had the wrong shape, if that was the problem.
    pub field: Option<String>,
}

/// Why a document could not be read as fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not YAML, or a value of the wrong shape.
    Yaml(YamlError),
    /// YAML, but a list or a single value rather than a mapping.
    NotAMapping(&'static str),
}

/// Read `yaml`, which starts on 1-based `first_line` of its file, as a mapping of `shapes`.
///
/// The text is parsed with `first_line - 1` blank lines before it, so the parser's line numbers
/// are the file's. A document with no content reads as no fields.
pub fn read(yaml: &str, first_line: usize, shapes: &'static [Field]) -> Result<Fields, ReadError> {
    if yaml.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok(Fields::default());
    }
    let padded = format!("{}{yaml}", "\n".repeat(first_line.saturating_sub(1)));
    let deserializer = yaml_serde::Deserializer::from_str(&padded);
    match (Document { shapes }).deserialize(deserializer) {
        Ok(Top::Fields(fields)) => Ok(fields),
        Ok(Top::Other(kind)) => Err(ReadError::NotAMapping(kind)),
        Ok(Top::Empty) => Ok(Fields::default()),
        Err(error) => {
            let mut error = yaml_error(&error);
            let padding = first_line.saturating_sub(1);
            error.offset = error.offset.and_then(|o| o.checked_sub(padding)).filter(|&o| o <= yaml.len());
            Err(ReadError::Yaml(error))
        }
    }
}

/// The YAML parser's `error` with its line and column apart from its message, and the path of
/// the value it is about (`standards[0]`) apart too.
pub fn yaml_error(error: &yaml_serde::Error) -> YamlError {
    let mut message = error.to_string();
    let location = error.location();
    if let Some(loc) = &location {
        let suffix = format!(" at line {} column {}", loc.line(), loc.column());
        if let Some(i) = message.find(&suffix) {
            message.replace_range(i..i + suffix.len(), "");
        }
    }
    // The parser prefixes type errors with the path of the value, e.g. `standards[0]: `.
    let mut field = None;
    if let Some((path, rest)) = message.split_once(": ")
        && !path.contains(' ')
        && !path.is_empty()
    {
        field = Some(path.to_owned());
        message = rest.to_owned();
    }
    YamlError {
        message,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        offset: location.as_ref().map(|l| l.index()),
        field,
    }
}

#[cfg(test)]
mod tests;
mod visit;

use visit::{Document, Top};
