//! Exit statuses, options, walking up to `pqs.yaml`, colour and byte-identical output.

use std::fs;

use crate::{check_json, example, fixture, located, pqs, repo};

/// The warnings found in files (not those about the portfolio as a whole): `(line, code)`.
fn file_warnings(report: &serde_json::Value) -> Vec<(u64, String)> {
    let warnings =
        report["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["severity"] == "warning");
    let located = warnings.filter(|d| d["file"].is_string());
    located
        .map(|d| (d["line"].as_u64().unwrap_or(0), d["code"].as_str().unwrap_or_default().to_owned()))
        .collect()
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let (code, report) = check_json(&fixture("warnings"), &[]);
    assert_eq!(code, 0);
    assert_eq!(file_warnings(&report).len(), 2);
    let (code, _) = check_json(&fixture("warnings"), &["--deny", "warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn today_decides_what_is_in_the_future_and_what_is_overdue() {
    let (_, report) = check_json(&fixture("warnings"), &["--today", "2027-06-01"]);
    let codes: Vec<String> = file_warnings(&report).into_iter().map(|(_, code)| code).collect();
    assert_eq!(codes, ["unknown-statement"], "only the unlisted statement is left");
    let overdue = |today: &str| {
        let (_, report) = check_json(&fixture("warnings"), &["--today", today]);
        crate::gap_codes(&report).iter().filter(|c| *c == "overdue").count()
    };
    // Started 2026-01-12: the self-assessment and PDP are due by 2026-03-12, the formative
    // observation by 2026-05-12, the PDP reviews by 2026-07-12 and 2027-01-12, the direct
    // observations by 2026-10-12 and 2027-01-12.
    assert_eq!(overdue("2026-03-12"), 0, "due by the day, not overdue on it");
    assert_eq!(overdue("2026-03-13"), 2);
    assert_eq!(overdue("2026-10-13"), 5);
    assert_eq!(overdue("2027-01-13"), 7);
}

#[test]
fn walks_up_from_a_folder_or_file_inside_the_portfolio() {
    let inside = example("sample-portfolio").join("evidence/observations");
    let (code, report) = check_json(&inside, &[]);
    assert_eq!(code, 0);
    assert_eq!(report["portfolio"], "sample-portfolio");
    let (_, from_parent) = check_json(&inside.join("../.."), &[]);
    assert_eq!(from_parent, report, "`..` is resolved before the folder is named");
    let file = example("sample-portfolio").join("pqs.yaml");
    let (_, from_file) = check_json(&file, &[]);
    assert_eq!(from_file, report);
}

#[test]
fn default_path_is_the_current_folder() {
    let output = pqs()
        .current_dir(example("sample-portfolio").join("evidence"))
        .args(["check", "--format", "json", "--today", "2026-11-22"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn no_manifest_exits_2_and_says_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = pqs().arg("check").arg(dir.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no `pqs.yaml` found"), "{stderr}");
    assert!(stderr.contains("pqs init"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn missing_path_and_bad_arguments_exit_2() {
    let output = pqs().args(["check", "/no/such/folder"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/folder"));
    let output = pqs().args(["check", "--format", "xml"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output =
        pqs().args(["check", "--today", "tomorrow"]).arg(example("sample-portfolio")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`--today tomorrow` is not a date"));
}

/// Write a portfolio with `manifest` and one valid record into a new temporary folder.
fn portfolio(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("pqs.yaml"), manifest).expect("write manifest");
    fs::create_dir(dir.path().join("evidence")).expect("mkdir");
    fs::write(
        dir.path().join("evidence/note.md"),
        "---\ntitle: A note\ntype: other\ndate: 2026-02-01\n---\nText.\n",
    )
    .expect("write record");
    dir
}

#[test]
fn unusable_manifest_or_framework_exits_2_naming_the_file() {
    let cases = [
        ("- candidate: A\n- mentor: B\n", "pqs.yaml"),
        ("candidate: [unclosed\n", "pqs.yaml"),
        (
            "candidate: A\nmentor: B\nstarted: 2026-01-01\nframework: pqs-2099\n",
            "`pqs-2099` is not a built-in framework",
        ),
        ("candidate: A\nmentor: B\nstarted: 2026-01-01\nframework: missing.yaml\n", "missing.yaml"),
        ("candidate: A\nmentor: B\nstarted: 2026-01-01\nframework: dup.yaml\n", "`1` is used twice"),
    ];
    for (manifest, expected) in cases {
        let dir = portfolio(manifest);
        fs::write(
            dir.path().join("dup.yaml"),
            "id: dup\ntitle: Dup\nstandards:\n  - {id: '1', title: A}\n  - {id: 1, title: B}\n",
        )
        .expect("write framework");
        let output = pqs().arg("check").arg(dir.path()).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{manifest}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{manifest}: {stderr}");
    }
}

#[test]
fn manifest_problems_are_diagnostics_in_pqs_yaml() {
    let dir = portfolio("candidate: A\nmentr: B\nstarted: 2026-02-30\nevidence: records\n");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        located(&report),
        [
            ("pqs.yaml".to_owned(), 1, "missing-field".to_owned()),
            ("pqs.yaml".to_owned(), 2, "unknown-field".to_owned()),
            ("pqs.yaml".to_owned(), 3, "invalid-date".to_owned()),
            ("pqs.yaml".to_owned(), 4, "evidence-folder-missing".to_owned()),
        ]
    );
    let help = report["diagnostics"][1]["help"].as_str().expect("help");
    assert_eq!(help, "did you mean `mentor`?");
}

#[test]
fn json_is_byte_identical_across_runs_and_working_folders() {
    let run = |cwd: &std::path::Path| {
        pqs()
            .current_dir(cwd)
            .arg("check")
            .arg(example("in-progress"))
            .args(["--format", "json", "--today", "2026-11-22"])
            .output()
            .expect("runs")
            .stdout
    };
    let first = run(&repo());
    assert_eq!(first, run(&repo()));
    assert_eq!(first, run(&std::env::temp_dir()));
}

#[test]
fn colour_follows_the_terminal_flag_and_no_color() {
    let run = |args: &[&str], no_color: bool| {
        let mut command = pqs();
        if no_color {
            command.env("NO_COLOR", "1");
        }
        let output = command.arg("check").args(args).arg(fixture("typos")).output().expect("runs");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert!(!run(&[], false).contains('\u{1b}'), "no colour when not on a terminal");
    assert!(run(&["--color", "always"], false).contains('\u{1b}'));
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
}

#[test]
fn a_portfolio_can_use_its_own_framework_file() {
    let (code, report) = check_json(&fixture("pcf-portfolio"), &["--complete"]);
    assert_eq!(code, 0, "{:#}", report["diagnostics"]);
    assert_eq!(report["framework"], "pcf-2018");
    assert_eq!(report["coverage"].as_array().expect("coverage").len(), 9);
    assert_eq!(report["requirements"][0]["found"], 3);
}

#[test]
fn statements_of_a_complete_list_are_errors_when_unlisted() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(example("frameworks/pcf-2018.yaml"), dir.path().join("pcf-2018.yaml")).expect("framework");
    fs::write(
        dir.path().join("pqs.yaml"),
        "candidate: A\nmentor: B\nstarted: 2026-01-01\nframework: pcf-2018.yaml\n",
    )
    .expect("manifest");
    fs::create_dir(dir.path().join("evidence")).expect("mkdir");
    fs::write(
        dir.path().join("evidence/r.md"),
        "---\ntitle: R\ntype: reflection\ndate: 2026-02-01\nstandards: [1, 1.1, 10]\n---\nText.\n",
    )
    .expect("record");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<(String, u64, String)> = located(&report);
    assert_eq!(
        codes,
        [
            ("evidence/r.md".to_owned(), 5, "unknown-statement".to_owned()),
            ("evidence/r.md".to_owned(), 5, "unknown-standard".to_owned()),
        ]
    );
    assert_eq!(report["diagnostics"][0]["severity"], "error");
}
