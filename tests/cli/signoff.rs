//! `pqs sign`, `pqs sign --verify` and `pqs diff-signed`: a sign-off that notices later edits,
//! and signing that leaves the rest of the file alone.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use crate::{check_json, copy_tree, example, located, pqs};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

/// A copy of the sample portfolio in a temporary folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    dir
}

/// Run `pqs` in `dir`; exit status, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = pqs().current_dir(dir).args(args).output().expect("runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    (output.status.code().expect("exit"), text(output.stdout), text(output.stderr))
}

fn sign(dir: &Path, file: &str, by: &str, role: &str) -> String {
    let (code, out, err) = run(dir, &["sign", file, "--by", by, "--role", role, "--date", "2026-11-20"]);
    assert_eq!(code, 0, "{out}{err}");
    out
}

#[test]
fn an_edit_after_signing_is_a_stale_signoff_at_the_right_file() {
    let dir = sample();
    let (code, report) = check_json(dir.path(), &["--complete"]);
    assert_eq!((code, located(&report)), (0, vec![]), "the sample's sign-offs hold");

    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("setting: group supervision", "setting: group supervision, edited"))
        .expect("edit");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "a stale sign-off is an error");
    let stale: Vec<_> = located(&report).into_iter().filter(|(_, _, c)| c == "signoff-stale").collect();
    let digest_lines: Vec<u64> = fs::read_to_string(&path)
        .expect("read")
        .lines()
        .zip(1..)
        .filter(|(line, _)| line.trim_start().starts_with("digest:"))
        .map(|(_, n)| n)
        .collect();
    let expected: Vec<_> =
        digest_lines.iter().map(|&n| (OBSERVATION.to_owned(), n, "signoff-stale".to_owned())).collect();
    assert_eq!(stale, expected, "one finding per sign-off, at its digest");
    let message = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "signoff-stale")
        .expect("stale");
    assert_eq!(
        message["message"],
        "the sign-off by Sam Patel (observer) on 2026-03-09 is no longer valid: the record's text or details changed after it was signed"
    );
    assert!(message["help"].as_str().expect("help").contains(&format!("pqs diff-signed {OBSERVATION}")));

    // Signing again in both roles makes the record whole; the entries are renewed, not added.
    sign(dir.path(), OBSERVATION, "Sam Patel", "observer");
    sign(dir.path(), OBSERVATION, "Sam Patel", "mentor");
    let (code, report) = check_json(dir.path(), &["--complete"]);
    assert_eq!((code, located(&report)), (0, vec![]));
    assert_eq!(fs::read_to_string(&path).expect("read").matches("- by:").count(), 2);
}

#[test]
fn signing_twice_keeps_everything_outside_the_block_byte_for_byte() {
    let dir = sample();
    let file = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";
    let path = dir.path().join(file);
    let original = fs::read_to_string(&path).expect("read");
    let body = original.split_once("\n---\n").expect("fences").1;
    // Comments, unusual key order, both quoting styles and CRLF line endings.
    let front = "---\r\n# Written after the audit\r\nstandards: ['2', \"4.1\"]   # the audit\r\ntype: reflection\r\n\r\ntitle: \"Leading a case-file audit\"\r\ndate: 2026-09-21 # the day\r\n---\r\n";
    let written = format!("{front}{}", body.replace('\n', "\r\n"));
    fs::write(&path, &written).expect("write");

    sign(dir.path(), file, "Sam Patel", "mentor");
    sign(dir.path(), file, "Jo Reed", "line-manager");
    let signed = fs::read_to_string(&path).expect("read");
    let block_start = signed.find("signoff:").expect("a signoff block");
    let block_end = signed.find("\r\n---\r\n").expect("the closing fence") + 2;
    assert_eq!(&signed[..block_start], &written[..block_start], "everything before the block");
    assert_eq!(&signed[block_end..], &written[block_start..], "everything after the block");
    assert_eq!(
        &signed[block_start..block_end],
        "signoff:\r\n  - by: Sam Patel\r\n    role: mentor\r\n    date: 2026-11-20\r\n    digest: DIGEST\r\n  - by: Jo Reed\r\n    role: line-manager\r\n    date: 2026-11-20\r\n    digest: DIGEST\r\n"
            .replace("DIGEST", signed.split("digest: ").nth(1).expect("digest").split('\r').next().expect("value"))
    );
    let (_, report) = check_json(dir.path(), &[]);
    assert!(located(&report).is_empty(), "{:?}", located(&report));

    let (code, out, _) =
        run(dir.path(), &["sign", file, "--by", "Sam Patel", "--role", "mentor", "--date", "2026-11-20"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("already signed, unchanged:"), "{out}");
    assert_eq!(fs::read_to_string(&path).expect("read"), signed, "nothing written");
}

#[test]
fn sign_refuses_without_writing_anything() {
    let dir = sample();
    let good = dir.path().join(OBSERVATION);
    let bad = dir.path().join("evidence/broken.md");
    fs::write(&bad, "---\ntitle: [unclosed\n---\nText\n").expect("write");
    let before = fs::read(&good).expect("read");
    let (code, _, err) =
        run(dir.path(), &["sign", OBSERVATION, "evidence/broken.md", "--by", "Sam", "--role", "mentor"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot sign `evidence/broken.md` (line 2)"), "{err}");
    assert_eq!(fs::read(&good).expect("read"), before, "the good record is not signed either");

    let (code, _, err) = run(dir.path(), &["sign", OBSERVATION, "--role", "mentor"]);
    assert_eq!(code, 2);
    assert!(err.contains("pass `--by`"), "{err}");
    let (code, _, err) = run(dir.path(), &["sign", OBSERVATION, "--by", "Sam", "--role", "boss"]);
    assert_eq!(code, 2);
    assert!(err.contains("boss"), "{err}");
    let (code, _, err) =
        run(dir.path(), &["sign", OBSERVATION, "--by", "Sam", "--role", "mentor", "--date", "2026-03-01"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the record is dated 2026-03-02, so it cannot be signed off on 2026-03-01"),
        "{err}"
    );
    assert_eq!(fs::read(&good).expect("read"), before);
}

#[test]
fn a_signoff_written_before_the_record_is_warned_about() {
    let dir = sample();
    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("    date: 2026-03-09", "    date: 2026-02-27", 1)).expect("edit");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "a warning");
    let line = text.lines().position(|l| l == "    date: 2026-03-09").expect("the first sign-off date") + 1;
    assert_eq!(located(&report), [(OBSERVATION.to_owned(), line as u64, "signoff-before-record".to_owned())]);
}

#[test]
fn verify_lists_each_signoff_and_fails_on_a_stale_one() {
    let dir = sample();
    let (code, out, _) = run(dir.path(), &["sign", "--verify", "evidence/observations"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("6 sign-offs still valid, 0 no longer valid, 0 cannot be checked, 0 not accepted; 0 still needed.\n"),
        "{out}"
    );
    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, format!("{text}\nOne more line.\n")).expect("edit");
    let (code, out, _) = run(dir.path(), &["sign", "--verify", OBSERVATION]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{OBSERVATION}\n  ✗ no longer valid   Sam Patel (observer), signed 2026-03-09, typed name only: the record's text or details changed after it was signed\n  ✗ no longer valid   Sam Patel (mentor), signed 2026-03-09, typed name only: the record's text or details changed after it was signed\n\n0 sign-offs still valid, 2 no longer valid, 0 cannot be checked, 0 not accepted; 0 still needed.\n"
        )
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn diff_signed_shows_what_changed_since_the_signed_commit() {
    let dir = sample();
    let (code, _, err) = run(dir.path(), &["diff-signed", OBSERVATION]);
    assert_eq!(code, 0, "nothing is stale yet: {err}");

    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "signed"]);
    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    let edited = text.replace("setting: group supervision", "setting: team meeting");
    fs::write(&path, &edited).expect("edit");
    git(dir.path(), &["commit", "-q", "-am", "edited"]);
    fs::rename(&path, dir.path().join("evidence/observations/renamed.md")).expect("rename");
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "renamed"]);

    let renamed = "evidence/observations/renamed.md";
    let (code, out, err) = run(dir.path(), &["diff-signed", renamed, "--role", "mentor"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("What changed in `{renamed}` since Sam Patel (mentor) signed it on 2026-03-09 (the version in commit ")), "{out}");
    assert!(
        out.contains(&format!("--- {OBSERVATION} (signed, ")),
        "the old name, followed through the rename: {out}"
    );
    assert!(out.contains("\n-setting: group supervision\n+setting: team meeting\n"), "{out}");
    assert!(!out.contains("digest:"), "the sign-offs are left out of the diff: {out}");
}

#[test]
fn diff_signed_outside_git_says_so() {
    let dir = sample();
    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, format!("{text}\nMore.\n")).expect("edit");
    let (code, _, err) = run(dir.path(), &["diff-signed", OBSERVATION]);
    assert_eq!(code, 2);
    assert!(err.contains("is not in a git repository"), "{err}");
}

#[test]
fn diff_signed_on_an_unchanged_record_says_its_signoffs_are_still_valid() {
    let dir = sample();
    let (code, out, _) = run(dir.path(), &["diff-signed", OBSERVATION]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("Every sign-off of `{OBSERVATION}` is still valid: nothing has changed since.\n")
    );
}

#[test]
fn without_a_terminal_sign_asks_for_the_name_first_and_shows_nothing() {
    let dir = sample();
    let (code, out, err) = run(dir.path(), &["sign", OBSERVATION]);
    assert_eq!((code, out.as_str(), err.as_str()), (2, "", "error: Who is signing is needed: pass `--by`\n"));
}
