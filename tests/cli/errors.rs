//! Stop-errors as the person sees them: the whole message on standard error, with each value
//! named by the flag (or environment variable) that gave it, and exit status 2.

use std::path::Path;

use crate::{copy_tree, example, finish, pqs};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

/// Run `pqs args` in `dir` with `PQS_TODAY` set to `today`; standard error, after showing that
/// it stopped with exit status 2 and wrote nothing to standard output.
fn stopped(dir: &Path, today: &str, args: &[&str]) -> String {
    let run =
        finish(pqs().current_dir(dir).env("PQS_TODAY", today).env_remove("SOURCE_DATE_EPOCH").args(args));
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{args:?}: {}", run.stderr);
    run.stderr
}

/// A copy of the sample portfolio, for commands that would write to it if they ran.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    dir
}

#[test]
fn a_bad_today() {
    let here = example("sample-portfolio");
    insta::assert_snapshot!(
        "bad_today_flag",
        stopped(&here, "2026-11-22", &["check", "--today", "2026-13-01"])
    );
    insta::assert_snapshot!("bad_today_variable", stopped(&here, "March", &["check"]));
}

#[test]
fn a_bad_date() {
    let dir = sample();
    let sign = |date| {
        stopped(
            dir.path(),
            "2026-11-22",
            &["sign", OBSERVATION, "--by", "Sam", "--role", "mentor", "--date", date],
        )
    };
    insta::assert_snapshot!("bad_sign_date", sign("2026-02-30"));
    insta::assert_snapshot!("future_sign_date", sign("2026-11-23"));
    let new = stopped(
        dir.path(),
        "2026-11-22",
        &["new", "reflection", "--title", "T", "--standards", "6", "--date", "22/11/2026"],
    );
    insta::assert_snapshot!("bad_new_date", new);
    let render = |epoch| {
        let run = finish(
            pqs()
                .current_dir(dir.path())
                .env("SOURCE_DATE_EPOCH", epoch)
                .args(["render", "--format", "html"]),
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        run.stderr
    };
    insta::assert_snapshot!("bad_source_date_epoch", render("soon"));
    insta::assert_snapshot!("source_date_epoch_out_of_range", render("999999999999999"));
    assert_eq!(
        crate::snapshot(dir.path()),
        crate::snapshot(&example("sample-portfolio")),
        "nothing was written"
    );
}

/// The roles are offered by the command line itself, so an unknown one never reaches the library.
#[test]
fn a_signoff_with_an_unknown_role() {
    let dir = sample();
    let stderr = stopped(dir.path(), "2026-11-22", &["sign", OBSERVATION, "--by", "Sam", "--role", "boss"]);
    insta::assert_snapshot!("unknown_role", stderr);
}

#[test]
fn an_init_answer_missing_in_a_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stderr = stopped(dir.path(), "2026-11-22", &["init", ".", "--candidate", "Alex Morgan"]);
    insta::assert_snapshot!("init_mentor_missing", stderr);
    let stderr = stopped(
        dir.path(),
        "2026-11-22",
        &["init", ".", "--candidate", "A", "--mentor", "B", "--started", "12/01/2026"],
    );
    insta::assert_snapshot!("init_bad_started", stderr);
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0, "nothing was written");
}

#[test]
fn values_a_record_type_does_not_take() {
    let dir = sample();
    let new = |args: &[&str]| stopped(dir.path(), "2026-11-22", &[&["new"][..], args].concat());
    insta::assert_snapshot!("observer_for_a_pdp", new(&["pdp", "--title", "Plan", "--observer", "Sam"]));
    insta::assert_snapshot!("kind_for_a_pdp", new(&["pdp", "--title", "Plan", "--kind", "direct"]));
    insta::assert_snapshot!("unknown_kind", new(&["observation", "--title", "T", "--kind", "sideways"]));
    insta::assert_snapshot!("unknown_standard", new(&["reflection", "--title", "T", "--standards", "9"]));
    insta::assert_snapshot!("not_a_standard", new(&["reflection", "--title", "T", "--standards", "6.2.1"]));
    insta::assert_snapshot!("kind_missing", new(&["feedback", "--title", "T"]));
    insta::assert_snapshot!("dir_outside", new(&["pdp", "--title", "Plan", "--dir", "../elsewhere"]));
    assert_eq!(
        crate::snapshot(dir.path()),
        crate::snapshot(&example("sample-portfolio")),
        "nothing was written"
    );
}
