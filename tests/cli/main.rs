//! Integration tests: the real `pqs` binary on fixture portfolios.

mod check_bad;
mod check_examples;
mod check_options;
mod ci_formats;
mod cohort;
mod coverage;
mod init;
mod new;
mod pdf;
mod privacy;
mod privacy_corpus;
mod render;
mod schema;
mod shell;
mod signoff;
mod standards;
mod status;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture portfolio under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// An example under `examples/`.
pub fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// Copy the folder `from` into the folder `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `pqs` with no colour and a fixed "today".
pub fn pqs() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pqs"));
    command.env_remove("NO_COLOR");
    command
}

/// Run `pqs check PATH --format json --today 2026-11-22 [extra]` and parse the report.
pub fn check_json(path: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let output = pqs()
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .args(if extra.contains(&"--today") { &[][..] } else { &["--today", "2026-11-22"][..] })
        .args(extra)
        .output()
        .expect("pqs runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().expect("exited normally"), report)
}

/// The diagnostics of a report as `(file, line, code)`, file-level ones only.
pub fn located(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].is_string())
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The codes of the portfolio-wide findings (gaps).
pub fn gap_codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].is_null())
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}
