//! Unit tests of `check.rs`: one record's text checked in memory finds what `pqs check` finds in
//! the file, and an overlay of unsaved texts stands in for the files.

use std::path::{Path, PathBuf};

use super::*;

fn options() -> CheckOptions {
    CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: false }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The findings of `outcome` in `file`, in report order.
fn in_file<'a>(outcome: &'a Outcome, file: &str) -> Vec<&'a Diagnostic> {
    outcome.diagnostics.iter().filter(|d| d.file.as_deref() == Some(file)).collect()
}

#[test]
fn a_record_checked_in_memory_has_the_findings_check_gives_its_file() {
    let outcome = check(&fixture("bad"), &options()).expect("the fixture is checked");
    let portfolio = &outcome.portfolio;
    let mut diagnostics = Vec::new();
    let prepared = Prepared::new(
        &portfolio.root,
        &portfolio.manifest,
        &portfolio.framework,
        &portfolio.templates,
        &mut diagnostics,
    )
    .expect("prepared");
    let context = prepared.context(&portfolio.root, &portfolio.framework, &options());
    let files = portfolio::load(&portfolio.root).expect("loaded").files.expect("an evidence folder");
    let mut compared = 0;
    for path in files {
        let file = crate::paths::relative(&portfolio.root, &path);
        let text = std::fs::read(&path).expect("read");
        let (_, mut found) = record(&file, &text, &context);
        found.sort_by(Diagnostic::report_order);
        // Duplicate ids are found across records, not in one.
        let mut expected = in_file(&outcome, &file);
        expected.retain(|d| !matches!(d.problem, Problem::DuplicateId { .. }));
        assert_eq!(found.iter().collect::<Vec<_>>(), expected, "{file}");
        compared += 1;
    }
    assert!(compared >= 5, "the fixture's records were compared ({compared})");
}

#[test]
fn an_overlay_stands_in_for_a_file_and_for_one_not_yet_written() {
    let root = fixture("typos").canonicalize().expect("the fixture");
    let on_disk = check(&root, &options()).expect("checked");
    let file = "evidence/2026-02-03-observation.md";
    assert!(!in_file(&on_disk, file).is_empty(), "the file on disk has findings");
    let mut overlay = Overlay::new();
    let fixed = "---\ntitle: Fixed\ntype: reflection\ndate: 2026-02-03\nstandards: [1]\n---\nText.\n";
    overlay.insert(root.join(file), fixed.to_owned());
    let unsaved = "evidence/2026-03-01-new.md";
    overlay.insert(
        root.join(unsaved),
        "---\ntitle: New\ntype: reflection\ndate: 2026-13-01\nstandards: [1]\n---\nText.\n".to_owned(),
    );
    let edited = check_with(&root, &options(), &overlay).expect("checked");
    assert_eq!(in_file(&edited, file), Vec::<&Diagnostic>::new(), "the unsaved text is what is checked");
    let codes: Vec<String> = in_file(&edited, unsaved).iter().map(|d| d.code().into_owned()).collect();
    assert_eq!(codes, ["invalid-date"], "a record not yet on the disk is checked too");
    assert_eq!(edited.portfolio.records.len(), on_disk.portfolio.records.len() + 1);
}
