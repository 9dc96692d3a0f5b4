//! `pqs render`'s refusal follows what a finding is, not how its code is spelled: a pack is
//! refused, even with `--force`, only for a detail that could identify someone; a
//! case-reference pattern in `pqs.yaml` that cannot be used, or a `pqs-allow` comment in error,
//! is an error like any other, which `--force` passes over, and is never reported as personal
//! details.

use std::fs;
use std::path::Path;

use crate::{copy_tree, example, finish, pqs};

/// A copy of the sample portfolio as `sample-portfolio` in a temporary folder, with `extra`
/// added to its `pqs.yaml`.
fn sample(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("sample-portfolio");
    fs::create_dir(&root).expect("mkdir");
    copy_tree(&example("sample-portfolio"), &root);
    fs::remove_dir_all(root.join("dist")).ok();
    let manifest = root.join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    fs::write(&manifest, format!("{text}{extra}")).expect("write");
    dir
}

/// `pqs render sample-portfolio --out pack.html --date 2026-11-22 [args]` from `dir`: the exit
/// status and both streams as one text, and whether the pack was written.
fn render(dir: &Path, args: &[&str]) -> (String, bool) {
    let run = finish(
        pqs()
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .args(["render", "sample-portfolio", "--out", "pack.html", "--date", "2026-11-22"])
            .args(args),
    );
    let printed = format!("exit: {}\n--- stdout\n{}\n--- stderr\n{}", run.code, run.stdout, run.stderr);
    (printed, dir.join("pack.html").exists())
}

/// A pattern that does not compile: the bracket is never closed.
const MISTYPED: &str = "privacy:\n  case_reference: \"LAS-[0-9{6}\"\n";

#[test]
fn a_mistyped_pattern_is_an_error_that_force_passes_over() {
    let dir = sample(MISTYPED);
    let (printed, made) = render(dir.path(), &[]);
    assert!(!made, "refused without --force, as for any error: {printed}");
    assert!(printed.contains("error[privacy-pattern-invalid]"), "{printed}");
    assert!(!printed.contains("could identify someone"), "{printed}");
    insta::assert_snapshot!("mistyped_pattern_without_force", printed);

    let (printed, made) = render(dir.path(), &["--force"]);
    assert!(made, "the pack is made: {printed}");
    insta::assert_snapshot!("mistyped_pattern_with_force", printed);
}

#[test]
fn a_real_nhs_number_is_refused_even_with_force() {
    let dir = sample(MISTYPED);
    let file =
        dir.path().join("sample-portfolio/evidence/2026-09-21-reflection-leading-a-case-file-audit.md");
    let text = fs::read_to_string(&file).expect("read");
    fs::write(&file, format!("{text}\nHer NHS number is 9434765919.\n")).expect("write");
    let (printed, made) = render(dir.path(), &["--force"]);
    assert!(!made, "no pack while an identifier stands: {printed}");
    assert!(printed.contains("error[privacy-nhs-number]"), "{printed}");
    insta::assert_snapshot!("nhs_number_with_force", printed);
}

#[test]
fn an_allow_comment_in_error_is_an_error_that_force_passes_over() {
    let dir = sample("");
    let file =
        dir.path().join("sample-portfolio/evidence/2026-09-21-reflection-leading-a-case-file-audit.md");
    let text = fs::read_to_string(&file).expect("read");
    fs::write(
        &file,
        format!("{text}\n<!-- pqs-allow privacy-postcod: the team's office -->\nWe met there.\n"),
    )
    .expect("write");
    let (printed, made) = render(dir.path(), &[]);
    assert!(!made, "refused without --force: {printed}");
    assert!(printed.contains("error[privacy-allow-unknown-code]"), "{printed}");
    assert!(printed.contains("The pack was not made: fix the errors above, or pass `--force`."), "{printed}");
    let (printed, made) = render(dir.path(), &["--force"]);
    assert!(made, "the pack is made: {printed}");
}
