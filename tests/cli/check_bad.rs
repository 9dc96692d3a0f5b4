//! Every broken record gets the right code at the right file and line, and nothing panics.

use crate::{check_json, fixture, located, pqs};

#[test]
fn every_bad_record_is_reported_at_its_file_and_line() {
    let (code, report) = check_json(&fixture("bad"), &[]);
    assert_eq!(code, 1, "errors fail the run");
    let expected: Vec<(&str, u64, &str)> = vec![
        ("evidence/attachments.md", 6, "attachment-missing"),
        ("evidence/attachments.md", 7, "attachment-outside-portfolio"),
        ("evidence/attachments.md", 8, "attachment-outside-portfolio"),
        ("evidence/attachments.md", 9, "attachment-outside-portfolio"),
        ("evidence/attachments.md", 10, "attachment-outside-portfolio"),
        ("evidence/blank-lines-before.md", 1, "missing-front-matter"),
        ("evidence/crlf-bom.md", 4, "invalid-date"),
        ("evidence/duplicate-field.md", 3, "duplicate-field"),
        ("evidence/empty-body.md", 5, "empty-body"),
        ("evidence/empty.md", 0, "empty-file"),
        ("evidence/future-date.md", 4, "future-date"),
        ("evidence/invalid-boolean.md", 5, "invalid-boolean"),
        ("evidence/invalid-date.md", 4, "invalid-date"),
        ("evidence/invalid-id.md", 5, "invalid-id"),
        ("evidence/kind-on-reflection.md", 6, "field-not-allowed"),
        ("evidence/kind-on-reflection.md", 7, "field-not-allowed"),
        ("evidence/list-front-matter.md", 2, "front-matter-not-mapping"),
        ("evidence/no-front-matter.md", 1, "missing-front-matter"),
        ("evidence/not-utf8.md", 2, "not-utf8"),
        ("evidence/observation-missing-kind.md", 1, "missing-field"),
        ("evidence/observation-missing-kind.md", 1, "missing-field"),
        ("evidence/references.md", 5, "unknown-standard"),
        ("evidence/references.md", 5, "unknown-statement"),
        ("evidence/references.md", 5, "duplicate-reference"),
        ("evidence/references.md", 5, "unknown-standard"),
        ("evidence/signoff.md", 7, "invalid-value"),
        ("evidence/signoff.md", 9, "signoff-digest-malformed"),
        ("evidence/signoff.md", 10, "unknown-field"),
        ("evidence/sub/duplicate-id-b.md", 5, "duplicate-id"),
        ("evidence/unclosed.md", 1, "unclosed-front-matter"),
        ("evidence/unknown-field.md", 1, "missing-field"),
        ("evidence/unknown-field.md", 5, "unknown-field"),
        ("evidence/unknown-type.md", 3, "unknown-type"),
        ("evidence/wrong-shape.md", 2, "wrong-value-type"),
        ("evidence/yaml-syntax.md", 2, "yaml-syntax"),
        ("pqs.yaml", 4, "mentor-is-line-manager"),
    ];
    let expected: Vec<(String, u64, String)> =
        expected.into_iter().map(|(f, l, c)| (f.to_owned(), l, c.to_owned())).collect();
    assert_eq!(located(&report), expected);
    assert!(
        !located(&report).iter().any(|(file, _, _)| file.contains("_ignored")),
        "files starting with `_` are not records"
    );
}

#[test]
fn columns_point_at_the_value_not_the_line() {
    let (_, report) = check_json(&fixture("bad"), &[]);
    let find = |file: &str, code: &str| {
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["file"] == file && d["code"] == code)
            .map(|d| d["column"].as_u64().expect("column"))
            .collect::<Vec<_>>()
    };
    // standards: [6.2, 9, 6.10, "6.2", six.two]
    assert_eq!(find("evidence/references.md", "unknown-standard"), [18, 34]);
    assert_eq!(find("evidence/references.md", "unknown-statement"), [21]);
    assert_eq!(find("evidence/references.md", "duplicate-reference"), [27]);
    assert_eq!(find("evidence/crlf-bom.md", "invalid-date"), [7]);
    assert_eq!(find("evidence/signoff.md", "invalid-value"), [11]);
    assert_eq!(find("evidence/yaml-syntax.md", "yaml-syntax"), [12]);
}

#[test]
fn statements_keep_their_written_form() {
    let (_, report) = check_json(&fixture("warnings"), &[]);
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(messages.iter().any(|m| m.contains("`6.10`")), "6.10 is not read as 6.1: {messages:?}");
    let six = &report["coverage"][5];
    assert_eq!(
        six["records"],
        serde_json::json!(["next-year"]),
        "an unlisted statement still counts for its standard"
    );
}

#[test]
fn human_output_draws_the_source_line_and_underline() {
    let output =
        pqs().args(["check", "--today", "2026-11-22"]).arg(fixture("typos")).output().expect("pqs runs");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    insta::assert_snapshot!("typos_human", text);
}
