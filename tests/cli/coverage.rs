//! Requirements and coverage: what counts, what does not, and what blocks `--complete`.

use std::fs;

use crate::{check_json, error_codes, gap_codes};

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
    let errors = error_codes(&report);
    assert_eq!(errors, ["reflection-minimum", "standard-uncovered"]);
}

/// A portfolio as `pqs init` makes it, started 2026-09-01, checked on 2026-12-01.
fn new_portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = crate::finish(crate::pqs().current_dir(dir.path()).args([
        "init",
        "p",
        "--candidate",
        "Alex Doe",
        "--mentor",
        "Sam Patel",
        "--started",
        "2026-09-01",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// `pqs <command>` on the portfolio `p` in `dir`, on 2026-12-01.
fn run_in(dir: &std::path::Path, command: &str, extra: &[&str]) -> crate::Run {
    crate::finish(
        crate::pqs().current_dir(dir.join("p")).args([command, "--today", "2026-12-01"]).args(extra),
    )
}

#[test]
fn a_new_portfolio_says_each_gap_once_in_the_order_to_act_with_the_command_that_does_it() {
    let dir = new_portfolio();
    let check = run_in(dir.path(), "check", &[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Sign-offs with nothing to sign are neither met nor to do.
    assert!(
        check.stdout.contains("0 of 5 requirements met (2 more: nothing to sign yet)"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("of 7 requirements met"), "{}", check.stdout);
    // Each requirement is named once, its command given, and nothing is said the old way.
    for label in ["A Personal Development Plan", "Two direct observations", "Values and ethics"] {
        assert_eq!(check.stdout.matches(label).count(), 1, "{label}: {}", check.stdout);
    }
    assert!(check.stdout.contains("`pqs new observation --kind formative`"), "{}", check.stdout);
    assert!(!check.stdout.contains("add a record with"), "{}", check.stdout);
    // What is overdue comes first, then by due date.
    let at = |text: &str| check.stdout.find(text).unwrap_or_else(|| panic!("{text}: {}", check.stdout));
    assert!(at("✗ A self-assessment") < at("○ At least one initial formative"));
    assert!(at("○ At least one initial formative") < at("○ PDP reviewed"));
    assert!(at("○ PDP reviewed") < at("○ Two direct observations"));
    assert!(check.stdout.lines().all(|l| l.chars().count() <= 100), "{}", check.stdout);
    insta::assert_snapshot!("new_portfolio_check", check.stdout);

    let (_, json) = crate::check_json(&dir.path().join("p"), &["--today", "2026-12-01"]);
    let signed = &json["requirements"][5];
    assert_eq!(signed["id"], "observations-signed");
    assert_eq!((signed["met"].as_bool(), signed["nothing_to_sign"].as_bool()), (Some(false), Some(true)));
    assert_eq!(json["requirements"][0]["nothing_to_sign"], false);
    // The machine formats keep one finding per gap, with the command in its help.
    let pdp = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "pdp-minimum")
        .expect("pdp-minimum");
    assert_eq!(pdp["help"], "start one with `pqs new pdp`");

    // JUnit: a sign-off requirement with nothing to sign is skipped, not passed.
    let junit = run_in(dir.path(), "check", &["--format", "junit"]).stdout;
    let case = "name=\"Every observation signed off by its observer and by the mentor\">\n      <skipped message=\"nothing to sign yet\"/>";
    assert!(junit.contains(case), "{junit}");

    let status = run_in(dir.path(), "status", &[]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    insta::assert_snapshot!("new_portfolio_status", status.stdout);

    // With `--complete` every gap is an error, and marked as one.
    let complete = run_in(dir.path(), "check", &["--complete"]);
    assert_eq!(complete.code, 1, "{}", complete.stdout);
    assert!(
        complete.stdout.contains("\nStill to do (each an error with `--complete`)\n"),
        "{}",
        complete.stdout
    );
    assert!(
        complete.stdout.contains("\n  ✗ At least one initial formative observation: due by"),
        "{}",
        complete.stdout
    );
    assert!(complete.stdout.contains("\n  ✗ 8 standards with no record yet:"), "{}", complete.stdout);
}

#[test]
fn a_draft_is_named_and_only_needs_marking_ready() {
    let dir = new_portfolio();
    let pdp = "---\ntitle: My plan\ntype: pdp\ndate: 2026-10-20\ndraft: true\n---\n## Goals\n\nSome.\n";
    fs::write(dir.path().join("p/evidence/2026-10-20-pdp-my-plan.md"), pdp).expect("write");
    let check = run_in(dir.path(), "check", &[]);
    let flat = check.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("✗ A Personal Development Plan: overdue (due by 2026-11-01, month 2); `evidence/2026-10-20-pdp-my-plan.md` is a draft, not counted yet help: when the draft is ready, change `draft: true` to `draft: false` in it"),
        "{}",
        check.stdout
    );
    assert!(!flat.contains("not in the portfolio yet"), "{}", check.stdout);
    let (_, json) = crate::check_json(&dir.path().join("p"), &["--today", "2026-12-01"]);
    let overdue = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "overdue" && d["message"].as_str().is_some_and(|m| m.contains("Personal")))
        .expect("overdue pdp");
    assert_eq!(
        overdue["message"],
        "A Personal Development Plan: it was due by 2026-11-01 (month 2 of the pathway); its draft `evidence/2026-10-20-pdp-my-plan.md` is not counted until it is marked ready"
    );
    let status = run_in(dir.path(), "status", &[]);
    let flat = status.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("A Personal Development Plan: the draft `evidence/2026-10-20-pdp-my-plan.md` counts once it says `draft: false`"),
        "{}",
        status.stdout
    );
}
