//! `pqs standards` lists the framework in use.

use crate::{example, fixture, pqs};

#[test]
fn lists_the_built_in_framework_with_string_ids() {
    let output = pqs()
        .args(["standards", "--format", "json"])
        .arg(example("sample-portfolio"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let framework: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(framework["id"], "pqs-asc-2018");
    let standards = framework["standards"].as_array().expect("standards");
    assert_eq!(standards.len(), 8);
    assert_eq!(standards[5]["id"], "6");
    assert_eq!(standards[5]["statements"][1]["id"], "6.2");
}

#[test]
fn lists_a_portfolio_s_own_framework() {
    let output = pqs().arg("standards").arg(fixture("pcf-portfolio")).output().expect("runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("Professional Leadership"), "{text}");
}

#[test]
fn outside_a_portfolio_lists_the_built_in_framework() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = pqs().arg("standards").arg(dir.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    insta::assert_snapshot!("standards_human", text);
}
