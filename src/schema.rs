//! JSON Schemas of a record's front-matter and of `pqs.yaml`, for editors' YAML language
//! servers. They are made from the same field tables the parser reads with, and the rules that
//! differ by record type come from [`RecordType`], so they cannot drift from what `pqs check`
//! accepts.

use serde_json::{Map, Value, json};

use crate::model::RecordType;
use crate::portfolio::{manifest, parse as record};
use crate::yaml::fields::Field;
use crate::yaml::fields::Meaning;
use crate::yaml::fields::Shape;

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
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
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
