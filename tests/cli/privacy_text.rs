//! The anonymisation lint reads a record as a reader sees it: identifiers wrapped across a line
//! break, written with odd spaces, full-width digits, zero-width characters or HTML entities are
//! found where they start in the file; names of records and folders are linted; link addresses,
//! git hashes and handles are not reported.

use std::fs;
use std::path::Path;

use crate::privacy::privacy_in_order;
use crate::{check_json, copy_tree, example, finish, pqs};

/// The record the tests write into.
const FILE: &str = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";

/// A copy of the sample portfolio with `paragraphs` added at the end of [`FILE`], each its own
/// paragraph.
fn sample_with(paragraphs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    fs::remove_dir_all(dir.path().join("dist")).ok();
    let path = dir.path().join(FILE);
    let mut text = fs::read_to_string(&path).expect("read");
    for paragraph in paragraphs {
        text.push('\n');
        text.push_str(paragraph);
        text.push('\n');
    }
    fs::write(&path, text).expect("write");
    dir
}

/// Where `needle` starts in [`FILE`] of `dir`: 1-based line and column (in characters), with
/// `code`, as [`privacy`] gives it.
fn at(dir: &Path, needle: &str, code: &str) -> (String, u64, u64, String) {
    let text = fs::read_to_string(dir.join(FILE)).expect("read");
    let found = text.find(needle).unwrap_or_else(|| panic!("{needle:?} in {FILE}"));
    let line = text[..found].matches('\n').count() + 1;
    let line_start = text[..found].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..found].chars().count() + 1;
    (FILE.to_owned(), line as u64, column as u64, code.to_owned())
}

/// The exit code and human report of `pqs check` on `dir`, its temporary name redacted.
fn check_human(dir: &Path) -> (i32, String) {
    let run = finish(pqs().arg("check").arg(dir).args(["--today", "2026-11-22"]).env("NO_COLOR", "1"));
    let name = dir.file_name().expect("a name").to_string_lossy().into_owned();
    (run.code, run.stdout.replace(&name, "[portfolio]"))
}

#[test]
fn identifiers_wrapped_across_a_line_break_are_found_where_they_start() {
    let dir = sample_with(&[
        "The referral gave the NHS number 943 476\n5919 in full.",
        "The chronology gave her date of birth as\n12/03/1948 and her address.",
        "The family had moved to a flat near SW1A\n1AA before the review.",
        "The NQSW left the carer's mobile, 07700\n900123, on the contact sheet.",
        "> We discussed how to describe Mrs A\n> Jones without naming her.",
    ]);
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let expected = vec![
        at(dir.path(), "943 476\n", "privacy-nhs-number"),
        at(dir.path(), "12/03/1948 and", "privacy-date-of-birth"),
        at(dir.path(), "SW1A\n", "privacy-postcode"),
        at(dir.path(), "07700\n", "privacy-phone"),
        at(dir.path(), "Mrs A\n", "privacy-name-title"),
    ];
    assert_eq!(privacy_in_order(&report), expected);
    let (code, human) = check_human(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!("privacy_text_wrapped_human", human);
}

#[test]
fn odd_spaces_full_width_digits_zero_width_characters_and_entities_are_read_as_a_reader_sees_them() {
    let dir = sample_with(&[
        "NHS number 943&nbsp;476&#160;5919 was pasted from the hospital system.",
        "The number 943\u{202F}476\u{2009}5919 came with narrow and thin spaces.",
        "The number 943\u{200A}476\u{2007}5919 came with hair and figure spaces.",
        "The carer rang from ０７７００ ９００１２３ twice.",
        "The number 943\u{200B}476\u{200C}5919\u{200D} had zero-width characters.",
        "The visit to SW1A\u{2060}1AA was\u{FEFF} noted, as was Mrs Jo\u{AD}nes.",
        "Her mobile was 0770&#x30; 900123 on the form.",
        "The office is at ＳＷ１Ａ １ＡＡ in ｆｕｌｌ-width letters.",
    ]);
    let (_, report) = check_json(dir.path(), &[]);
    let expected = vec![
        at(dir.path(), "943&nbsp;", "privacy-nhs-number"),
        at(dir.path(), "943\u{202F}", "privacy-nhs-number"),
        at(dir.path(), "943\u{200A}", "privacy-nhs-number"),
        at(dir.path(), "０７７００", "privacy-phone"),
        at(dir.path(), "943\u{200B}", "privacy-nhs-number"),
        at(dir.path(), "SW1A\u{2060}", "privacy-postcode"),
        at(dir.path(), "Mrs Jo\u{AD}", "privacy-name-title"),
        at(dir.path(), "0770&#x30;", "privacy-phone"),
        at(dir.path(), "ＳＷ１Ａ", "privacy-postcode"),
    ];
    assert_eq!(privacy_in_order(&report), expected);
}

#[test]
fn names_of_records_and_folders_are_linted_at_the_record() {
    let dir = sample_with(&[]);
    let folder = dir.path().join("evidence/Mrs Margaret Ellis");
    fs::create_dir_all(&folder).expect("folder");
    let renamed = "evidence/Mrs Margaret Ellis/jones-dob-01-02-1941.md";
    fs::rename(dir.path().join(FILE), dir.path().join(renamed)).expect("rename");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let expected = vec![
        (renamed.to_owned(), 0, 0, "privacy-date-of-birth".to_owned()),
        (renamed.to_owned(), 0, 0, "privacy-name-title".to_owned()),
    ];
    assert_eq!(privacy_in_order(&report), expected);
    let (code, human) = check_human(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!("privacy_text_names_human", human);
}

#[test]
fn link_addresses_git_hashes_isbns_issue_numbers_and_handles_are_not_reported() {
    let dir = sample_with(&[
        "Fixed in [0123456789](https://github.com/acme/pqs/commit/0123456789) after the review.",
        "See commit [`9434765919`](https://github.com/acme/pqs/commit/9434765919) for the change.",
        "The regression came in https://github.com/acme/pqs/commit/6260181590 and was reverted.",
        "Tracked as [#1234](https://github.com/acme/pqs/issues/1234) and \
         [#9434765919](https://github.com/acme/pqs/issues/9434765919).",
        "Reading: Munro (2011), <https://www.example.org/isbn/9434765919>, chapter 4.",
        "Book: https://openlibrary.org/isbn/4830166134 (second edition), www.example.org/r/07700900123.",
        "![The team's diagram](images/0161496000-plan.png) shows the new pathway.",
        "Thanks to @Y1D7NG for the review; the handle Y1D7NG kept appearing.",
        "Build a1b2c3d4e5, hash 0123456789abcdef, commits 01f3a9c2b7 and 0145e9d2c1.",
        "The hashes 01234567ab and ab01234567 are not phone numbers.",
    ]);
    let (_, report) = check_json(dir.path(), &[]);
    assert_eq!(privacy_in_order(&report), []);
}

#[test]
fn the_help_says_how_a_portfolio_lowers_a_checks_severity_and_that_way_works() {
    let run = finish(pqs().args(["check", "--help"]));
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("privacy_text_check_help", run.stdout);
    let dir = sample_with(&["The referral gave the NHS number 943 476 5919 in full."]);
    let manifest = dir.path().join("pqs.yaml");
    let mut yaml = fs::read_to_string(&manifest).expect("read");
    yaml.push_str("privacy: {severity: {privacy-nhs-number: warning}}\n");
    fs::write(&manifest, yaml).expect("write");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{report}");
    let severities: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| Some(d["severity"].as_str()?).filter(|_| d["code"] == "privacy-nhs-number"))
        .collect();
    assert_eq!(severities, ["warning"]);
}
