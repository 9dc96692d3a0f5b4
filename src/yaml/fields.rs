//! Read a YAML mapping of known fields into raw values, keeping what was written.
//!
//! Each known field has a [`Shape`]: one value, a list of values, a list of nested mappings, or one
//! nested mapping.
//! Values are kept as the text written, so `6.10` stays `6.10` and `2026-03-02` stays a string
//! until the checks give it meaning. Unknown and repeated fields are collected, not fatal, so a
//! record's every problem is reported in one run. A value of the wrong shape stops the parse with
//! the parser's own line and column.

use std::collections::BTreeMap;
use std::fmt;

use crate::yaml::values::is_blank;
use serde::Serialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess, VariantAccess, Visitor,
};

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

enum Top {
    Fields(Fields),
    Other(&'static str),
    Empty,
}

struct Document {
    shapes: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Document {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document {
    type Value = Top;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`field: value` lines")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        Mapping { shapes: self.shapes }.visit_map(map).map(Top::Fields)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::Other("a list"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Empty)
    }
    fn visit_none<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Empty)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Top, E> {
        Ok(Top::Other("a single line of text"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Top, E> {
        Ok(Top::Other("a single value"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
}

/// A mapping whose fields have the given shapes.
struct Mapping {
    shapes: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Mapping {
    type Value = Fields;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Mapping {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`field: value` lines")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key_seed(Scalar)? {
            let Some(&Field { name, shape, .. }) = self.shapes.iter().find(|f| f.name == key) else {
                let value = map.next_value_seed(AnyValue)?;
                fields.unknown.push((key, value));
                continue;
            };
            let value = map.next_value_seed(shape)?;
            if fields.get(name).is_some() {
                fields.repeated.push(name);
            } else {
                fields.known.push((name, value));
            }
        }
        Ok(fields)
    }
}

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self {
            Shape::Text => Scalar.deserialize(d).map(Value::Text),
            Shape::List => d.deserialize_any(ListOf(None)),
            Shape::Entries(shapes) => d.deserialize_any(ListOf(Some(shapes))),
            Shape::Group(shapes) => d.deserialize_any(GroupOf(shapes)).map(Value::Group),
        }
    }
}

/// One value, as written.
struct Scalar;

impl<'de> DeserializeSeed<'de> for Scalar {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Scalar {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
}

/// Any value, read as [`Other`].
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Other;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Other, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Other;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Other, E> {
        Ok(Other::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Other, E> {
        Ok(Other::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Other, E> {
        Ok(Other::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Other, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(AnyValue)? {
            items.push(item);
        }
        Ok(Other::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Other, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key_seed(AnyValue)? {
            let key = match key {
                Other::Text(text) => text,
                other => serde_json::to_string(&other).unwrap_or_default(),
            };
            let value = map.next_value_seed(AnyValue)?;
            entries.entry(key).or_insert(value);
        }
        Ok(Other::Map(entries))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Other, A::Error> {
        let (tag, variant) = data.variant_seed(AnyValue)?;
        let tag = match tag {
            Other::Text(text) => format!("!{text}"),
            other => serde_json::to_string(&other).unwrap_or_default(),
        };
        let value = variant.newtype_variant_seed(AnyValue)?;
        Ok(Other::Map(BTreeMap::from([(tag, value)])))
    }
}

/// One mapping with the given shapes; empty or `~` reads as no fields.
struct GroupOf(&'static [Field]);

impl<'de> Visitor<'de> for GroupOf {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a group of `field: value` lines, indented under it")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fields, A::Error> {
        Mapping { shapes: self.0 }.visit_map(map)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
}

/// A list of single values (`None`) or of mappings with the given shapes.
struct ListOf(Option<&'static [Field]>);

impl<'de> Visitor<'de> for ListOf {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            None => f.write_str("a list, like `[6.1, 6.2]`"),
            Some(_) => f.write_str("a list of entries, each starting with `- `"),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        match self.0 {
            None => {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(Scalar)? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            Some(shapes) => {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element_seed(Mapping { shapes })? {
                    entries.push(entry);
                }
                Ok(Value::Entries(entries))
            }
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(match self.0 {
            None => Value::List(Vec::new()),
            Some(_) => Value::Entries(Vec::new()),
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNOFF: &[Field] = &[
        Field::new("by", Shape::Text, Meaning::Text, ""),
        Field::new("role", Shape::Text, Meaning::Text, ""),
    ];
    const SHAPES: &[Field] = &[
        Field::new("title", Shape::Text, Meaning::Text, ""),
        Field::new("standards", Shape::List, Meaning::Reference, ""),
        Field::new("signoff", Shape::Entries(SIGNOFF), Meaning::Mapping, ""),
    ];

    fn fields(yaml: &str) -> Fields {
        read(yaml, 2, SHAPES).expect("reads")
    }

    #[test]
    fn keeps_values_as_written() {
        let f = fields("title: 2026\nstandards: [6.10, '6.2', 8, 1.0]\n");
        assert_eq!(f.text("title"), Some("2026"));
        assert_eq!(f.list("standards").expect("list"), ["6.10", "6.2", "8", "1.0"].map(String::from));
    }

    #[test]
    fn block_lists_and_nested_entries() {
        let f =
            fields("standards:\n  - 6.10\n  - \"7\"\nsignoff:\n  - by: Sam\n    role: mentor\n    when: x\n");
        assert_eq!(f.list("standards").expect("list"), ["6.10", "7"].map(String::from));
        let entries = f.entries("signoff").expect("entries");
        assert_eq!(entries[0].text("role"), Some("mentor"));
        assert_eq!(entries[0].unknown, [("when".to_owned(), Other::Text("x".to_owned()))]);
    }

    #[test]
    fn empty_list_and_empty_value() {
        let f = fields("title:\nstandards:\n");
        assert_eq!(f.text("title"), Some(""));
        assert_eq!(f.list("standards"), Some(&[][..]));
    }

    #[test]
    fn collects_unknown_and_repeated_fields() {
        let f = fields("titel: A\ntitle: B\ntitle: C\n");
        assert_eq!(f.unknown, [("titel".to_owned(), Other::Text("A".to_owned()))]);
        assert_eq!(f.repeated, ["title"]);
        assert_eq!(f.text("title"), Some("B"));
    }

    #[test]
    fn wrong_shape_names_field_line_and_column() {
        let Err(ReadError::Yaml(e)) = read("title: A\nstandards: 6.2\n", 2, SHAPES) else {
            panic!("should fail");
        };
        assert_eq!((e.line, e.column, e.field.as_deref()), (Some(3), Some(12), Some("standards")));
        assert!(e.message.contains("a list"), "{}", e.message);
    }

    #[test]
    fn syntax_error_has_the_file_line() {
        let Err(ReadError::Yaml(e)) = read("title: A\nstandards: [6.1\n", 2, SHAPES) else {
            panic!("should fail");
        };
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn not_a_mapping() {
        assert_eq!(read("- a\n- b\n", 2, SHAPES), Err(ReadError::NotAMapping("a list")));
        assert_eq!(read("just words\n", 2, SHAPES), Err(ReadError::NotAMapping("a single line of text")));
        assert_eq!(read("# only a comment\n", 2, SHAPES), Ok(Fields::default()));
    }
}
