//! One record's text to its fields: the front-matter split off and read as YAML into the shape a
//! record has, or the finding that says why it cannot be (at the place the splitter or the parser
//! stopped). What the fields mean is judged in [`crate::rules`].

use crate::diagnostic::Diagnostic;
use crate::model::{ALL_KINDS, MAX_YAML_BYTES, RecordType, SIGNOFF_ROLES};
use crate::portfolio::front_matter::{self, Split, SplitError};
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::yaml::fields::{self, Field, Fields, Meaning, ReadError, Shape};

/// The fields of a sign-off entry.
pub const SIGNOFF_FIELDS: &[Field] = &[
    Field::new("by", Shape::Text, Meaning::Text, "Who signed."),
    Field::new("role", Shape::Text, Meaning::OneOf(&SIGNOFF_ROLES), "The role they signed in."),
    Field::new("date", Shape::Text, Meaning::Date, "When they signed, YYYY-MM-DD."),
    Field::new(
        "digest",
        Shape::Text,
        Meaning::Digest,
        "`sha256:` and the digest of the record and its files as signed.",
    ),
    Field::new(
        "files",
        Shape::List,
        Meaning::Text,
        "The digest of each file the record refers to when it was signed: `sha256:...` and the path.",
    ),
    Field::new(
        "signature",
        Shape::Text,
        Meaning::Text,
        "An SSH signature of the sign-off by the signer's key (`pqs sign --key`).",
    ),
];

/// The fields of a sign-off entry that only some entries have: the file digests (a record with
/// files) and the signature (a sign-off made with a key).
pub const SIGNOFF_OPTIONAL: &[&str] = &["files", "signature"];

/// The fields every record must have.
pub const REQUIRED: &[&str] = &["title", "type", "date"];

/// The fields a record may have.
pub const FIELDS: &[Field] = &[
    Field::new("title", Shape::Text, Meaning::Text, "The record's title."),
    Field::new("type", Shape::Text, Meaning::OneOf(&RecordType::NAMES), "What kind of evidence this is."),
    Field::new("date", Shape::Text, Meaning::Date, "When it happened, YYYY-MM-DD."),
    Field::new(
        "standards",
        Shape::List,
        Meaning::Reference,
        "The standards (`6`) and statements (`6.2`) it evidences.",
    ),
    Field::new(
        "kind",
        Shape::Text,
        Meaning::OneOf(&ALL_KINDS),
        "Observations: formative or direct. Feedback: who gave it.",
    ),
    Field::new("observer", Shape::Text, Meaning::Text, "Observations: who observed, by name or role."),
    Field::new("setting", Shape::Text, Meaning::Text, "Observations: where, e.g. group supervision."),
    Field::new("draft", Shape::Text, Meaning::Boolean, "A draft is checked but counts toward nothing."),
    Field::new("id", Shape::Text, Meaning::Id, "A unique id; the file name without `.md` if not given."),
    Field::new("tags", Shape::List, Meaning::Text, "Free tags."),
    Field::new(
        "attachments",
        Shape::List,
        Meaning::Text,
        "Files inside the portfolio, relative to the record.",
    ),
    Field::new("signoff", Shape::Entries(SIGNOFF_FIELDS), Meaning::Mapping, "Sign-offs of the record."),
];

/// A record's text, split and read into its fields, with what places findings in it.
pub struct Parsed<'a> {
    /// The text split into front-matter and body.
    pub split: Split<'a>,
    /// The text, for placing findings.
    pub source: Source<'a>,
    /// The fields, as written.
    pub fields: Fields,
}

/// Split the record `file` (relative name) whose contents are `bytes` into front-matter and body,
/// or say why it cannot be.
pub fn split<'a>(file: &str, bytes: &'a [u8]) -> Result<Split<'a>, Box<Diagnostic>> {
    front_matter::split(bytes).map_err(|error| Box::new(split_error(file, bytes, error)))
}

/// Read the front-matter of the record `file`, split as `split`, into its fields, or say why it
/// cannot be read.
pub fn read<'a>(file: &'a str, split: &Split<'a>) -> Result<Parsed<'a>, Box<Diagnostic>> {
    let split = split.clone();
    let source = Source::new(file, split.text, split.yaml.clone(), 0..3);
    let size = split.yaml.len();
    if size > MAX_YAML_BYTES {
        return Err(Box::new(source.at_range(&Problem::FrontMatterTooLarge { size }, 0..3)));
    }
    let fields = match fields::read(split.yaml(), split.yaml_line, FIELDS) {
        Ok(fields) => fields,
        Err(ReadError::Yaml(e)) => {
            if let Some((field, at, value)) = placeholder(split.yaml(), e.offset) {
                let start = split.yaml.start + at;
                let range = start..start + value.len();
                return Err(Box::new(source.at_range(&Problem::Placeholder { field, value }, range)));
            }
            let problem = Problem::from_yaml(e.field.as_deref(), &e.message);
            let control = front_matter::first_control(split.yaml())
                .filter(|_| e.message.contains("control characters"));
            let diagnostic = match (control, e.offset, e.line, e.column) {
                // The parser gives the start of the text as the place of a control character.
                (Some(at), ..) => source.at_offset(&problem, split.yaml.start + at),
                (None, Some(offset), ..) => source.at_offset(&problem, split.yaml.start + offset),
                (None, None, Some(line), Some(column)) => source.at_line_column(&problem, line, column),
                // The parser gives no place for aliases that expand too far: point at the first.
                _ => match first_alias(split.yaml()) {
                    Some(alias) if e.message.contains("repetition limit") => {
                        let start = split.yaml.start;
                        source.at_range(&problem, start + alias.start..start + alias.end)
                    }
                    _ => source.at(&problem, &[]),
                },
            };
            return Err(Box::new(diagnostic));
        }
        Err(ReadError::NotAMapping(kind)) => {
            let problem = Problem::NotAMapping { file_kind: kind };
            let start = split.yaml.start;
            return Err(Box::new(source.at_range(&problem, start..start)));
        }
    };
    Ok(Parsed { split, source, fields })
}

/// The field, offset and text of a value that is another tool's template placeholder (`{{ ... }}`
/// or `{% ... %}`) on the line of `yaml` at `offset`, where the parser stopped.
fn placeholder(yaml: &str, offset: Option<usize>) -> Option<(String, usize, String)> {
    let offset = offset?.min(yaml.len());
    let start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = yaml[start..].split('\n').next().unwrap_or_default();
    let (key, value) = line.split_once(':')?;
    let trimmed = value.trim_start();
    let at = start + key.len() + 1 + (value.len() - trimmed.len());
    let value = trimmed.trim_end_matches('\r').trim_end().to_owned();
    (value.starts_with("{{") || value.starts_with("{%")).then(|| (key.trim().to_owned(), at, value))
}

/// The byte range of the first alias (`*name`) in `yaml`, outside quotes and comments as far as
/// one line shows.
fn first_alias(yaml: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let mut quote = None;
        let mut before = ' ';
        for (at, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') if before.is_whitespace() || "[{,:".contains(before) => quote = Some(c),
                (None, '#') if before.is_whitespace() => break,
                (None, '*') if before.is_whitespace() || "[{,".contains(before) => {
                    let name = line[at + 1..].find(|c: char| c.is_whitespace() || ",[]{}".contains(c));
                    let end = at + 1 + name.unwrap_or(line.len() - at - 1);
                    if end > at + 1 {
                        return Some(offset + at..offset + end);
                    }
                }
                _ => {}
            }
            before = c;
        }
        offset += line.len();
    }
    None
}

fn split_error(file: &str, bytes: &[u8], error: SplitError) -> Diagnostic {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let source = Source::new(file, text, 0..0, 0..0);
    match error {
        SplitError::NotUtf8 { line, column } => source.at_line_column(&Problem::NotUtf8, line, column),
        SplitError::Empty => Diagnostic::new(&Problem::EmptyFile, Some(file), None),
        SplitError::Missing { blank_lines_before } => {
            let first_line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
            let problem = if first_line.trim_end() == "+++" {
                Problem::TomlFrontMatter
            } else {
                Problem::MissingFrontMatter { blank_lines_before }
            };
            source.at_range(&problem, 0..first_line.len())
        }
        SplitError::Unclosed => source.at_range(&Problem::UnclosedFrontMatter, 0..3),
    }
}
