//! Whole outputs pinned before the code is reshaped (issue 15): `pqs check` in every format on
//! the bad fixture, the examples, the PCF fixture and a cohort, and the HTML and PDF packs of
//! the three example portfolios. A move that changes a word, a line or a byte of any of them
//! shows here; a fix that changes one shows its own snapshot change.

use std::fs;
use std::path::Path;

use crate::{copy_tree, example, finish, fixture, pqs, repo};

/// The formats of `pqs check`.
const FORMATS: [&str; 6] = ["human", "json", "sarif", "junit", "github", "gitlab"];

/// `pqs check PATH --format FORMAT` from `dir`, as one text: the exit status, then what was
/// written to each stream, with `dir` itself written as `[dir]`.
fn checked(dir: &Path, path: &str, format: &str) -> String {
    let run =
        finish(pqs().current_dir(dir).args(["check", path, "--format", format, "--today", "2026-11-22"]));
    let shown = dir.canonicalize().expect("the folder").display().to_string();
    format!("exit: {}\n--- stdout\n{}\n--- stderr\n{}", run.code, run.stdout, run.stderr)
        .replace(&shown, "[dir]")
}

fn pin_check(name: &str, dir: &Path, path: &str) {
    for format in FORMATS {
        insta::assert_snapshot!(format!("check_{name}_{format}"), checked(dir, path, format));
    }
}

#[test]
fn check_on_the_bad_fixture_in_every_format() {
    pin_check("bad", &repo(), "tests/fixtures/bad");
}

#[test]
fn check_on_the_sample_portfolio_in_every_format() {
    pin_check("sample", &repo(), "examples/sample-portfolio");
}

#[test]
fn check_on_the_portfolio_in_progress_in_every_format() {
    pin_check("in_progress", &repo(), "examples/in-progress");
}

#[test]
fn check_on_the_pcf_portfolio_in_every_format() {
    pin_check("pcf", &repo(), "tests/fixtures/pcf-portfolio");
}

#[test]
fn check_on_a_cohort_in_every_format() {
    let dir = crate::cohort::cohort();
    pin_check("cohort", dir.path(), ".");
}

/// The three example portfolios, each copied out of the repository so its pack does not show
/// the repository's latest commit.
const PORTFOLIOS: [(&str, &str); 3] = [
    ("sample", "examples/sample-portfolio"),
    ("in_progress", "examples/in-progress"),
    ("pcf", "tests/fixtures/pcf-portfolio"),
];

/// Render the copy of `portfolio` in `format` and return the pack's bytes.
fn pack(portfolio: &str, format: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let copy = dir.path().join("portfolio");
    fs::create_dir_all(&copy).expect("mkdir");
    let from = if portfolio.starts_with("examples/") {
        example(portfolio.trim_start_matches("examples/"))
    } else {
        fixture(portfolio.trim_start_matches("tests/fixtures/"))
    };
    copy_tree(&from, &copy);
    let out = dir.path().join(format!("pack.{format}"));
    let run = finish(
        pqs()
            .env_remove("SOURCE_DATE_EPOCH")
            .arg("render")
            .arg(&copy)
            .args(["--format", format, "--date", "2026-11-22", "--force", "--out"])
            .arg(&out),
    );
    assert_eq!(run.code, 0, "{portfolio}: {}{}", run.stdout, run.stderr);
    fs::read(&out).expect("the pack")
}

#[test]
fn the_html_packs_of_the_example_portfolios() {
    for (name, portfolio) in PORTFOLIOS {
        let html = String::from_utf8(pack(portfolio, "html")).expect("UTF-8");
        insta::assert_snapshot!(format!("pack_{name}_html"), html);
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_packs_of_the_example_portfolios() {
    use sha2::{Digest as _, Sha256};
    for (name, portfolio) in PORTFOLIOS {
        let pdf = pack(portfolio, "pdf");
        let digest: String = Sha256::digest(&pdf).iter().map(|b| format!("{b:02x}")).collect();
        let pages = lopdf::Document::load_mem(&pdf).expect("a PDF").get_pages().len();
        let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text");
        let shown = format!("sha256: {digest}\npages: {pages}\n--- text\n{text}");
        insta::assert_snapshot!(format!("pack_{name}_pdf"), shown);
    }
}
