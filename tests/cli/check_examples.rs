//! The bundled examples: the sample is complete, the in-progress one names each gap.

use crate::{check_json, example, gap_codes, located, pqs};

#[test]
fn sample_portfolio_passes_even_with_complete_and_deny_warnings() {
    for args in [&[][..], &["--complete"][..], &["--complete", "--deny", "warnings"][..]] {
        let (code, report) = check_json(&example("sample-portfolio"), args);
        assert_eq!(code, 0, "with {args:?}: {:#}", report["diagnostics"]);
        assert_eq!(report["complete"], true);
        assert_eq!(report["counts"]["errors"], 0);
        assert_eq!(report["counts"]["warnings"], 0);
    }
}

#[test]
fn sample_portfolio_has_every_record_type() {
    let (_, report) = check_json(&example("sample-portfolio"), &[]);
    assert!(report["counts"]["records"].as_u64().expect("count") >= 12);
    for requirement in report["requirements"].as_array().expect("requirements") {
        assert_eq!(requirement["met"], true, "{requirement}");
    }
    let standards = report["coverage"].as_array().expect("coverage");
    assert_eq!(standards.len(), 8);
    assert!(standards.iter().all(|s| s["met"] == true));
}

#[test]
fn in_progress_example_is_valid_but_names_each_gap() {
    let (code, report) = check_json(&example("in-progress"), &[]);
    assert_eq!(code, 0, "gaps alone do not fail a plain check");
    assert_eq!(report["complete"], false);
    assert_eq!(report["counts"]["drafts"], 1);
    assert!(located(&report).is_empty(), "no file has a problem: {:?}", located(&report));
    assert_eq!(
        gap_codes(&report),
        [
            "observation-minimum",
            "pdp-review-minimum",
            "signoff-missing",
            "signoff-unsigned",
            "standard-uncovered",
            "standard-uncovered",
            "standard-uncovered"
        ]
    );
    let uncovered: Vec<&str> = report["coverage"]
        .as_array()
        .expect("coverage")
        .iter()
        .filter(|s| s["met"] == false)
        .filter_map(|s| s["standard"].as_str())
        .collect();
    assert_eq!(uncovered, ["2", "4", "8"]);

    let (code, report) = check_json(&example("in-progress"), &["--complete"]);
    assert_eq!(code, 1, "--complete fails while anything is missing");
    assert_eq!(report["counts"]["errors"], 6);
}

#[test]
fn in_progress_human_summary_lists_gaps_and_drafts() {
    let output = pqs()
        .args(["check", "--today", "2026-11-22"])
        .arg(example("in-progress"))
        .output()
        .expect("pqs runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    insta::assert_snapshot!("in_progress_human", text);
}

#[test]
fn readme_command_runs_on_the_sample() {
    let output = pqs()
        .args(["check", "--today", "2026-11-22"])
        .arg(example("sample-portfolio"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.ends_with("7 of 7 requirements met, 8 of 8 standards evidenced: complete.\n"), "{text}");
}
