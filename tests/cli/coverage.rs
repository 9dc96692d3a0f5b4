//! Requirements and coverage: what counts, what does not, and what blocks `--complete`.

use std::fs;

use crate::{check_json, gap_codes};

/// A portfolio in a temporary folder with `framework` (YAML, or empty for the built-in one)
/// and records given as (file name, front-matter).
fn portfolio(framework: &str, records: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut manifest = "candidate: A\nmentor: B\nstarted: 2026-01-01\n".to_owned();
    if !framework.is_empty() {
        fs::write(dir.path().join("framework.yaml"), framework).expect("framework");
        manifest.push_str("framework: framework.yaml\n");
    }
    fs::write(dir.path().join("pqs.yaml"), manifest).expect("manifest");
    fs::create_dir(dir.path().join("evidence")).expect("mkdir");
    for (name, front) in records {
        fs::write(dir.path().join("evidence").join(name), format!("---\n{front}---\nText.\n"))
            .expect("record");
    }
    dir
}

fn observation(kind: &str, date: &str) -> String {
    format!("title: O\ntype: observation\nkind: {kind}\nobserver: M\ndate: {date}\nstandards: [6]\n")
}

#[test]
fn the_first_observation_must_be_formative() {
    let dir = portfolio(
        "",
        &[
            ("a.md", &observation("direct", "2026-02-01")),
            ("b.md", &observation("formative", "2026-03-01")),
            ("c.md", &observation("direct", "2026-04-01")),
        ],
    );
    let (_, report) = check_json(dir.path(), &[]);
    let formative = &report["requirements"][0];
    assert_eq!(formative["found"], 1);
    assert_eq!(formative["met"], false, "found, but not first");
    assert!(gap_codes(&report).contains(&"initial-observation-kind".to_owned()));
    let message = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "initial-observation-kind")
        .and_then(|d| d["message"].as_str())
        .expect("message");
    assert_eq!(message, "the first observation should be formative, but the earliest, `a`, is direct");
}

#[test]
fn drafts_count_toward_nothing() {
    let draft = format!("{}draft: true\n", observation("formative", "2026-02-01"));
    let dir = portfolio("", &[("a.md", &draft)]);
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(report["counts"]["drafts"], 1);
    assert_eq!(report["requirements"][0]["found"], 0);
    assert_eq!(report["coverage"][5]["records"], serde_json::json!([]));
}

const COMPLETE_LIST: &str = "id: tiny\ntitle: Tiny\nstandards:\n  - id: A\n    title: First\n    statements_complete: true\n    statements:\n      - {id: A.1, label: one}\n      - {id: A.2, label: two}\nrequirements:\n  - {id: reflections, label: One reflection, type: reflection, min: 1}\n";

#[test]
fn statement_gaps_are_reported_for_complete_lists_but_do_not_block() {
    let dir = portfolio(
        COMPLETE_LIST,
        &[("r.md", "title: R\ntype: reflection\ndate: 2026-02-01\nstandards: [A.1]\n")],
    );
    let (code, report) = check_json(dir.path(), &["--complete"]);
    assert_eq!(code, 0, "{:#}", report["diagnostics"]);
    assert_eq!(report["complete"], true);
    assert_eq!(gap_codes(&report), ["statement-uncovered"]);
    assert_eq!(report["coverage"][0]["statements"][0]["records"], serde_json::json!(["r"]));
    assert_eq!(report["coverage"][0]["statements"][1]["records"], serde_json::json!([]));
}

#[test]
fn complete_turns_each_gap_into_an_error() {
    let dir = portfolio(COMPLETE_LIST, &[("o.md", "title: O\ntype: other\ndate: 2026-02-01\n")]);
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(report["counts"]["errors"], 0);
    let (code, report) = check_json(dir.path(), &["--complete"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(errors, ["reflection-minimum", "standard-uncovered"]);
}
