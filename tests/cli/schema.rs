//! The JSON Schemas in `schemas/` match the types, and every report validates against its schema.

use std::fs;

use crate::{check_json, example, fixture, repo};

/// Compare a committed schema with the generated one; `PQS_UPDATE_SCHEMAS=1` rewrites the file.
fn assert_schema_file(name: &str, generated: &str) {
    let path = repo().join("schemas").join(name);
    if std::env::var_os("PQS_UPDATE_SCHEMAS").is_some() {
        fs::write(&path, generated).expect("write schema");
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/{name} is out of date; run `PQS_UPDATE_SCHEMAS=1 cargo test` and commit it"
    );
}

#[test]
fn report_schema_file_is_generated_from_the_types() {
    assert_schema_file("check-report.schema.json", &pqs::report::json::schema());
}

#[test]
fn framework_schema_file_is_generated_from_the_types() {
    assert_schema_file("framework.schema.json", &pqs::framework::schema());
}

/// A validator for the committed schema `schemas/<name>`.
fn validator(name: &str) -> jsonschema::Validator {
    let text = fs::read_to_string(repo().join("schemas").join(name)).expect("read schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn every_report_validates_against_the_schema() {
    let validator = validator("check-report.schema.json");
    for path in
        [example("sample-portfolio"), example("in-progress"), fixture("bad"), fixture("pcf-portfolio")]
    {
        let (_, report) = check_json(&path, &["--complete"]);
        let errors: Vec<String> = validator.iter_errors(&report).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn frameworks_validate_against_their_schema() {
    let validator = validator("framework.schema.json");
    for path in ["schemas/frameworks/pqs-asc-2018.yaml", "examples/frameworks/pcf-2018.yaml"] {
        let text = fs::read_to_string(repo().join(path)).expect("read framework");
        let framework: pqs::framework::Framework =
            pqs::framework::Framework::parse(&text, std::path::Path::new(path)).expect("valid framework");
        let value = serde_json::to_value(&framework).expect("to JSON");
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
}
