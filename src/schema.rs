//! JSON Schemas of a record's front-matter and of `pqs.yaml`, for editors' YAML language
//! servers. They are made from the same field tables the parser reads with, and the rules that
//! differ by record type come from [`RecordType`], so they cannot drift from what `pqs check`
//! accepts. [`write_file`] writes one for an editor's settings to name, and replaces it with a
//! newer one only while nobody has changed it.

use std::path::Path;

use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use crate::error::Error;
use crate::portfolio::digest::hex;
use crate::write::{NotReplaced, Original, create_new, replace_unchanged, stage};

use crate::model::RecordType;
use crate::portfolio::{manifest, parse as record};
use crate::yaml::fields::Field;
use crate::yaml::fields::Meaning;
use crate::yaml::fields::Shape;

/// The name of the file `pqs schema --write` writes the record schema to.
pub const RECORD_FILE: &str = "pqs-record.schema.json";
/// The name of the file `pqs schema --write` writes the schema of `pqs.yaml` to.
pub const MANIFEST_FILE: &str = "pqs-manifest.schema.json";

/// What `pqs schema --write` writes: each file's name and schema.
pub fn files() -> [(&'static str, Value); 2] {
    [(MANIFEST_FILE, manifest()), (RECORD_FILE, record())]
}

/// The start of the `$comment` line that marks a file `pqs schema --write` wrote.
const MARK: &str =
    "  \"$comment\": \"Written by `pqs schema --write`, which replaces it while it is unchanged (sha256:";

/// The text of a schema file: `schema` with a `$comment` saying who wrote it, holding the digest
/// of the rest, by which a later run tells that nobody has changed the file since.
pub fn file_text(schema: &Value) -> String {
    let text = pretty(schema);
    let digest = hex(&Sha256::digest(text.as_bytes()));
    let rest = text.strip_prefix("{\n").unwrap_or(&text);
    format!("{{\n{MARK}{digest}).\",\n{rest}")
}

/// Whether `text` is a schema file as [`file_text`] made it, unchanged since.
fn unchanged_since_written(text: &str) -> bool {
    let Some(after) = text.strip_prefix("{\n").and_then(|t| t.strip_prefix(MARK)) else { return false };
    let Some((digest, rest)) = after.split_once(").\",\n") else { return false };
    hex(&Sha256::digest(format!("{{\n{rest}").as_bytes())) == digest
}

/// What [`write_file`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// There was no such file: it is written.
    Created,
    /// An older schema that pqs wrote, unchanged since, is replaced.
    Replaced,
    /// The file already holds this schema.
    UpToDate,
    /// The file was changed since pqs wrote it (or pqs never wrote it): it is left as it is.
    Kept,
}

/// Write `schema` to `path` as [`file_text`], in one step: a new file, or in place of an older
/// schema of pqs's that nobody has changed. Any other file there is kept.
pub fn write_file(path: &Path, schema: &Value) -> Result<Written, Error> {
    let text = file_text(schema);
    if create_new(path, text.as_bytes())? {
        return Ok(Written::Created);
    }
    let original = Original::read(path).map_err(Error::reading(path))?;
    if original.bytes == text.as_bytes() {
        return Ok(Written::UpToDate);
    }
    if !std::str::from_utf8(&original.bytes).is_ok_and(unchanged_since_written) {
        return Ok(Written::Kept);
    }
    match replace_unchanged(vec![stage(original, text.as_bytes())?]) {
        Ok(()) => Ok(Written::Replaced),
        Err(NotReplaced::Changed(_)) => Ok(Written::Kept),
        Err(NotReplaced::Failed(error)) => Err(error),
    }
}

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of a record's front-matter.
pub fn record() -> Value {
    let mut schema = object(record::FIELDS, record::REQUIRED);
    let mut rules = Vec::new();
    for record_type in RecordType::ALL {
        let when =
            json!({ "properties": { "type": { "const": record_type.as_str() } }, "required": ["type"] });
        let mut then = Map::new();
        let mut required = Vec::new();
        let mut forbidden = Vec::new();
        let mut properties = Map::new();
        match record_type.kinds() {
            [] => forbidden.push("kind"),
            kinds => {
                required.push("kind");
                properties.insert("kind".to_owned(), json!({ "enum": kinds }));
            }
        }
        if record_type == RecordType::Observation {
            required.push("observer");
        } else {
            forbidden.extend(["observer", "setting"]);
        }
        if record_type.needs_standards() {
            required.push("standards");
            properties.insert("standards".to_owned(), json!({ "minItems": 1 }));
        }
        then.insert("required".to_owned(), json!(required));
        if !properties.is_empty() {
            then.insert("properties".to_owned(), Value::Object(properties));
        }
        if !forbidden.is_empty() {
            let not_any: Vec<Value> = forbidden.iter().map(|f| json!({ "required": [f] })).collect();
            then.insert("not".to_owned(), json!({ "anyOf": not_any }));
        }
        rules.push(json!({ "if": when, "then": then }));
    }
    schema.insert("allOf".to_owned(), Value::Array(rules));
    document("pqs record front-matter", "The fields between the `---` lines at the top of a record.", schema)
}

/// The schema of `pqs.yaml`.
pub fn manifest() -> Value {
    let schema = object(manifest::FIELDS, manifest::REQUIRED);
    document(
        "pqs.yaml",
        "A portfolio's manifest: whose it is, its framework and where its records are.",
        schema,
    )
}

/// `schema` pretty-printed, ending with a newline.
pub fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

fn document(title: &str, description: &str, body: Map<String, Value>) -> Value {
    let mut schema = Map::new();
    schema.insert("$schema".to_owned(), json!(DRAFT));
    schema.insert("title".to_owned(), json!(title));
    schema.insert("description".to_owned(), json!(description));
    schema.extend(body);
    Value::Object(schema)
}

/// An object with exactly `fields`, of which `required` must be present.
fn object(fields: &[Field], required: &[&str]) -> Map<String, Value> {
    let properties: Map<String, Value> = fields.iter().map(|f| (f.name.to_owned(), property(f))).collect();
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("properties".to_owned(), Value::Object(properties));
    schema.insert("required".to_owned(), json!(required));
    schema.insert("additionalProperties".to_owned(), json!(false));
    schema
}

fn property(field: &Field) -> Value {
    let mut schema = match field.shape {
        Shape::Text => value(field.meaning),
        Shape::List => json!({ "type": "array", "items": value(field.meaning) }),
        Shape::Entries(fields) => {
            let optional = |name: &&str| crate::portfolio::parse::SIGNOFF_OPTIONAL.contains(name);
            let names: Vec<&str> = fields.iter().map(|f| f.name).filter(|n| !optional(n)).collect();
            json!({ "type": "array", "items": Value::Object(object(fields, &names)) })
        }
        Shape::Group(fields) => Value::Object(object(fields, &[])),
    };
    if let Value::Object(map) = &mut schema {
        map.insert("description".to_owned(), json!(field.about));
    }
    schema
}

fn value(meaning: Meaning) -> Value {
    match meaning {
        Meaning::Text => json!({ "type": ["string", "number", "boolean"] }),
        Meaning::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Meaning::Boolean => json!({ "type": "boolean" }),
        Meaning::OneOf(words) => json!({ "enum": words }),
        Meaning::Reference => {
            json!({ "type": ["string", "number"], "pattern": "^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)?$" })
        }
        Meaning::Id => json!({ "type": ["string", "number"], "pattern": "^[a-z0-9._-]+$" }),
        Meaning::Digest => json!({ "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" }),
        Meaning::Mapping => json!({ "type": "object" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_only_while_nobody_has_changed_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(MANIFEST_FILE);
        let older = json!({ "title": "an older schema" });
        assert_eq!(write_file(&path, &older).expect("writes"), Written::Created);
        assert_eq!(write_file(&path, &older).expect("writes"), Written::UpToDate);
        assert_eq!(write_file(&path, &manifest()).expect("writes"), Written::Replaced);
        let written = std::fs::read_to_string(&path).expect("read");
        assert_eq!(written, file_text(&manifest()));
        let value: Value = serde_json::from_str(&written).expect("JSON");
        assert_eq!(value["title"], "pqs.yaml", "the schema itself, with a comment");

        let edited = written.replace("\"pqs.yaml\"", "\"my pqs.yaml\"");
        std::fs::write(&path, &edited).expect("edit");
        assert_eq!(write_file(&path, &older).expect("writes"), Written::Kept);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), edited, "an edited file is kept");
        std::fs::write(&path, "{}\n").expect("someone else's");
        assert_eq!(write_file(&path, &older).expect("writes"), Written::Kept);
    }
}
