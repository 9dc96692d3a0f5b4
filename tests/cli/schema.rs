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
fn cohort_report_schema_file_is_generated_from_the_types() {
    assert_schema_file("cohort-report.schema.json", &pqs::report::cohort::schema());
}

#[test]
fn a_cohort_report_validates_against_its_schema() {
    let validator = validator("cohort-report.schema.json");
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["one", "two"] {
        let folder = dir.path().join(name);
        fs::create_dir_all(&folder).expect("mkdir");
        crate::copy_tree(&example("in-progress"), &folder);
    }
    fs::write(dir.path().join("two/pqs.yaml"), "[not, a, mapping]\n").expect("write");
    let output = crate::pqs().arg("check").arg(dir.path()).args(["--format", "json"]).output().expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let errors: Vec<String> = validator.iter_errors(&report).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(report["failed"][0]["portfolio"], "two");
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

/// What `pqs schema ARGS` prints.
fn printed(args: &[&str]) -> String {
    let output = crate::pqs().arg("schema").args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn record_and_manifest_schema_files_are_what_pqs_schema_prints() {
    assert_schema_file("record.schema.json", &printed(&[]));
    assert_schema_file("manifest.schema.json", &printed(&["--manifest"]));
}

/// The front-matter of a record file, as JSON.
fn front_matter(path: &std::path::Path) -> serde_json::Value {
    let text = fs::read_to_string(path).expect("read record");
    let yaml = text.split("---\n").nth(1).expect("front-matter");
    yaml_serde::from_str(yaml).expect("YAML")
}

fn records(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            records(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

#[test]
fn the_examples_satisfy_the_editor_schemas_and_mistakes_do_not() {
    let record_schema = validator("record.schema.json");
    let manifest_schema = validator("manifest.schema.json");
    for example in [example("sample-portfolio"), example("in-progress")] {
        let manifest: serde_json::Value =
            yaml_serde::from_str(&fs::read_to_string(example.join("pqs.yaml")).expect("read")).expect("YAML");
        assert!(manifest_schema.is_valid(&manifest), "{}", example.display());
        let mut found = Vec::new();
        records(&example.join("evidence"), &mut found);
        for path in found {
            let errors: Vec<String> =
                record_schema.iter_errors(&front_matter(&path)).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
    }
    for mistake in
        ["unknown-field.md", "kind-on-reflection.md", "observation-missing-kind.md", "invalid-id.md"]
    {
        let value = front_matter(&fixture("bad").join("evidence").join(mistake));
        assert!(!record_schema.is_valid(&value), "{mistake} should not satisfy the schema");
    }
}

/// The JSON blocks of the README's "Editor support" section, in order.
fn editor_settings() -> Vec<serde_json::Value> {
    let readme = fs::read_to_string(repo().join("README.md")).expect("README");
    let start = readme.find("### Editor support").expect("the section");
    let section = &readme[start..];
    let section = &section[..section[4..].find("\n#").map_or(section.len(), |end| end + 4)];
    section
        .split("```json\n")
        .skip(1)
        .map(|block| serde_json::from_str(block.split("```").next().unwrap_or_default()).expect("JSON"))
        .collect()
}

#[test]
fn the_readmes_vs_code_setting_names_the_schemas_pqs_schema_write_makes() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_tree(&example("sample-portfolio"), dir.path());
    let run = crate::finish(crate::pqs().current_dir(dir.path()).args(["schema", "--write", ".vscode"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let settings = &editor_settings()[0];
    let schemas = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    assert!(!schemas.is_empty());
    for (path, patterns) in schemas {
        let text = fs::read_to_string(dir.path().join(path)).unwrap_or_else(|_| panic!("{path} is written"));
        let mut schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        schema.as_object_mut().expect("an object").remove("$comment");
        let printed: serde_json::Value = serde_json::from_str(&printed(&["--manifest"])).expect("JSON");
        assert_eq!(schema, printed, "{path} is the schema of pqs.yaml");
        let validator = jsonschema::validator_for(&schema).expect("compiles");
        for pattern in patterns.as_array().expect("patterns") {
            let file = dir.path().join(pattern.as_str().expect("a file"));
            let yaml: serde_json::Value =
                yaml_serde::from_str(&fs::read_to_string(&file).expect("the file it names")).expect("YAML");
            assert!(validator.is_valid(&yaml), "{} satisfies {path}", file.display());
        }
    }
}

#[test]
fn the_readmes_vs_code_task_finds_the_file_and_line_of_every_finding_on_a_file() {
    let task = &editor_settings()[1]["tasks"][0];
    let command: Vec<&str> = task["command"].as_str().expect("command").split(' ').collect();
    let matchers: Vec<(regex::Regex, &serde_json::Value)> = task["problemMatcher"]
        .as_array()
        .expect("matchers")
        .iter()
        .map(|m| {
            (
                regex::Regex::new(m["pattern"]["regexp"].as_str().expect("regexp")).expect("compiles"),
                &m["pattern"],
            )
        })
        .collect();
    let folder = fixture("bad");
    let run = crate::finish(crate::pqs().current_dir(&folder).args(&command[1..]));
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.contains(" file=")).collect();
    assert!(lines.len() > 10, "{}", run.stdout);
    for line in lines {
        let (found, pattern) = matchers
            .iter()
            .find_map(|(regexp, pattern)| regexp.captures(line).map(|found| (found, *pattern)))
            .unwrap_or_else(|| panic!("the task reads {line}"));
        let group = |name: &str| pattern[name].as_u64().map(|n| &found[n as usize]);
        assert!(folder.join(group("file").expect("file")).is_file(), "{line}");
        match group("line") {
            Some(number) => assert!(number.parse::<u32>().is_ok_and(|n| n >= 1), "{line}"),
            None => assert_eq!(pattern["kind"], "file", "a finding on a whole file: {line}"),
        }
        assert!(["error", "warning", "notice"].contains(&group("severity").expect("severity")), "{line}");
        let message = group("message").expect("message");
        assert!(!message.is_empty() && !message.contains("%0A"), "{line}");
    }
}

#[test]
fn signoffs_report_schema_file_is_generated_from_the_types() {
    assert_schema_file("signoffs-report.schema.json", &pqs::report::signoffs::schema());
}

#[test]
fn the_signoffs_report_validates_against_its_schema() {
    let validator = validator("signoffs-report.schema.json");
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_tree(&example("sample-portfolio"), dir.path());
    let output = crate::pqs()
        .current_dir(dir.path())
        .args(["sign", "--verify", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let errors: Vec<String> = validator.iter_errors(&report).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(report["totals"]["valid"], 7, "{report}");
}
