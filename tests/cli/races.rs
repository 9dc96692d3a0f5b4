//! `pqs sign` loses nothing: not another signer's sign-off when two sign one record at once,
//! not an editor's text saved while it signs; it signs all the records it is given or none; and
//! it writes only records of a portfolio, never through a link out of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

use crate::{check_json, copy_tree, example, finish, link_file, located, pqs};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

const REFLECTION: &str = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";

/// How many times each race is run.
const RACES: usize = 200;

/// A copy of the sample portfolio in a temporary folder.
fn sample() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    fs::remove_dir_all(dir.path().join("dist")).ok();
    dir
}

/// The arguments of `pqs sign FILE` by `by` as `role` on a fixed day.
fn sign_args<'a>(file: &'a str, by: &'a str, role: &'a str) -> [&'a str; 8] {
    ["sign", file, "--by", by, "--role", role, "--date", "2026-11-20"]
}

/// `pqs sign` started in `dir` (not waited for), its output captured.
fn start_signing(dir: &Path, by: &str, role: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pqs"))
        .current_dir(dir)
        .args(sign_args(OBSERVATION, by, role))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pqs starts")
}

/// Exit status, stdout and stderr of a finished `child`.
fn outcome(child: std::process::Child) -> (i32, String, String) {
    let output = child.wait_with_output().expect("pqs ends");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    (output.status.code().expect("ended by itself"), text(output.stdout), text(output.stderr))
}

/// What `pqs sign` says when it signed the observation.
fn signed(by: &str, role: &str) -> String {
    format!("signed {OBSERVATION} as {by} ({role}), 2026-11-20\n")
}

/// What `pqs sign` says when `file` changed while it signed.
fn changed_meanwhile(file: &str) -> String {
    format!(
        "error: cannot sign `{file}`: it changed while it was being signed (another program saved \
         it), so no record was signed; run the command again to sign it as it is now\n"
    )
}

/// The observation's text after signing `text` by each of `signers` in turn, worked out one at
/// a time in `dir`.
fn signed_in_turn(dir: &Path, text: &str, signers: &[(&str, &str)]) -> String {
    let path = dir.join(OBSERVATION);
    fs::write(&path, text).expect("write");
    for (by, role) in signers {
        let run = finish(pqs().current_dir(dir).args(sign_args(OBSERVATION, by, role)));
        assert_eq!((run.code, run.stdout.as_str()), (0, signed(by, role).as_str()), "{run:?}");
    }
    fs::read_to_string(&path).expect("read")
}

#[test]
fn two_signing_at_once_never_lose_a_signoff() {
    let dir = sample();
    let root = dir.path();
    let path = root.join(OBSERVATION);
    let original = fs::read_to_string(&path).expect("read");
    let (a, b) = (("Jo Reed", "line-manager"), ("Ann Lee", "moderator"));
    let both = [signed_in_turn(root, &original, &[a, b]), signed_in_turn(root, &original, &[b, a])];
    let only_a = signed_in_turn(root, &original, &[a]);
    let only_b = signed_in_turn(root, &original, &[b]);
    let mut lost = Vec::new();
    for race in 0..RACES {
        fs::write(&path, &original).expect("write");
        let first = start_signing(root, a.0, a.1);
        let second = start_signing(root, b.0, b.1);
        let (first, second) = (outcome(first), outcome(second));
        let now = fs::read_to_string(&path).expect("read");
        let said = |run: &(i32, String, String), (by, role): (&str, &str)| {
            if run.0 == 0 && run.1 == signed(by, role) && run.2.is_empty() {
                Some(true)
            } else if run.0 == 2 && run.1.is_empty() && run.2 == changed_meanwhile(OBSERVATION) {
                Some(false)
            } else {
                None
            }
        };
        let expected = match (said(&first, a), said(&second, b)) {
            (Some(true), Some(true)) => both.contains(&now),
            (Some(true), Some(false)) => now == only_a,
            (Some(false), Some(true)) => now == only_b,
            (Some(false), Some(false)) => now == original,
            _ => false,
        };
        if !expected {
            lost.push(format!("race {race}: {first:?} {second:?}\n{now}"));
        }
    }
    assert!(lost.is_empty(), "{} of {RACES} races lost a sign-off:\n{}", lost.len(), lost.join("\n"));
}

/// An editor's save: the whole new text to a temporary file beside the record, renamed over it.
fn save_as_an_editor(path: &Path, text: &str) {
    let temporary = path.with_extension("md.swp");
    fs::write(&temporary, text).expect("write");
    fs::rename(&temporary, path).expect("rename");
}

#[test]
fn signing_while_an_editor_saves_never_loses_the_editors_text() {
    let dir = sample();
    let root = dir.path();
    let path = root.join(OBSERVATION);
    let original = fs::read_to_string(&path).expect("read");
    let edited = format!("{original}\nA paragraph added in the editor.\n");
    let signer = ("Jo Reed", "line-manager");
    let signed_edit = signed_in_turn(root, &edited, &[signer]);
    let mut lost = Vec::new();
    for race in 0..RACES {
        fs::write(&path, &original).expect("write");
        let child = start_signing(root, signer.0, signer.1);
        // The save lands at a different moment of the signing each time.
        std::thread::sleep(std::time::Duration::from_micros(250 * (race % 40) as u64));
        save_as_an_editor(&path, &edited);
        let run = outcome(child);
        let now = fs::read_to_string(&path).expect("read");
        let signed_ok = run == (0, signed(signer.0, signer.1), String::new());
        let refused = run == (2, String::new(), changed_meanwhile(OBSERVATION));
        // The editor's text is there, signed or not; sign said it signed, or that it refused.
        let kept = now == edited || (now == signed_edit && signed_ok);
        if !(kept && (signed_ok || refused)) {
            lost.push(format!("race {race}: {run:?}\n{now}"));
        }
    }
    assert!(lost.is_empty(), "{} of {RACES} races lost the editor's text:\n{}", lost.len(), lost.join("\n"));
}

#[test]
fn a_record_named_twice_is_signed_once() {
    let dir = sample();
    let root = dir.path();
    link_file(&root.join(REFLECTION), &root.join("evidence/the-same-reflection.md"));
    let run = finish(pqs().current_dir(root).args([
        "sign",
        REFLECTION,
        "evidence/the-same-reflection.md",
        REFLECTION,
        "--by",
        "Jo Reed",
        "--role",
        "line-manager",
        "--date",
        "2026-11-20",
    ]));
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            format!(
                "signed {REFLECTION} as Jo Reed (line-manager), 2026-11-20\n\
                 already signed, unchanged: {REFLECTION} as Jo Reed (line-manager), 2026-11-20\n\
                 already signed, unchanged: {REFLECTION} as Jo Reed (line-manager), 2026-11-20\n"
            )
            .as_str(),
            ""
        )
    );
    let text = fs::read_to_string(root.join(REFLECTION)).expect("read");
    assert_eq!(text.matches("by: Jo Reed").count(), 1, "{text}");
}

#[cfg(unix)]
#[test]
fn a_record_that_cannot_be_written_leaves_the_others_unsigned() {
    use std::os::unix::fs::PermissionsExt as _;
    let user = crate::Unprivileged::find();
    let dir = sample();
    let root = dir.path();
    user.share(root);
    let locked = "evidence/locked/2026-11-01-reflection.md";
    fs::create_dir(root.join("evidence/locked")).expect("mkdir");
    fs::copy(root.join(REFLECTION), root.join(locked)).expect("copy");
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("entry");
        let mode = if entry.file_type().is_dir() { 0o777 } else { 0o666 };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).expect("chmod");
    }
    // pqs may read the record but not write in its folder.
    fs::set_permissions(root.join("evidence/locked"), fs::Permissions::from_mode(0o555)).expect("chmod");
    let before = crate::snapshot(root);
    let run = finish(user.pqs().current_dir(root).args([
        "sign",
        OBSERVATION,
        locked,
        "--by",
        "Jo Reed",
        "--role",
        "line-manager",
        "--date",
        "2026-11-20",
    ]));
    let after = crate::snapshot(root);
    fs::set_permissions(root.join("evidence/locked"), fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            format!(
                "error: could not write `{}`: Permission denied (os error 13)\n",
                root.join(locked).display()
            )
            .as_str()
        )
    );
    let changed: Vec<&String> = after.keys().filter(|name| before.get(*name) != after.get(*name)).collect();
    assert_eq!(changed, [".pqs.lock"], "no record was written");
}

/// Run `pqs sign FILE` in `dir`; exit status, stdout and stderr.
fn sign_one(dir: &Path, file: &str) -> (i32, String, String) {
    let run = finish(pqs().current_dir(dir).args(sign_args(file, "Jo Reed", "line-manager")));
    (run.code, run.stdout, run.stderr)
}

/// A record that would be signed if it were in the evidence folder.
const RECORD: &str = "---\ntitle: Notes\ntype: reflection\ndate: 2026-03-01\nstandards: [6.1]\n---\n## What happened\n\nText.\n";

#[test]
fn a_link_out_of_the_portfolio_is_not_signed() {
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("elsewhere.md");
    fs::write(&target, RECORD).expect("write");
    let dir = sample();
    link_file(&target, &dir.path().join("evidence/linked.md"));
    let real = dunce::canonicalize(&target).expect("real path");
    assert_eq!(
        sign_one(dir.path(), "evidence/linked.md"),
        (
            2,
            String::new(),
            format!(
                "error: cannot sign `evidence/linked.md`: it is a link to `{}`, outside the portfolio; \
                 pqs reads and writes only files inside it\n",
                real.display()
            )
        )
    );
    assert_eq!(fs::read_to_string(&target).expect("read"), RECORD, "the file outside is as it was");
}

#[test]
fn a_file_of_no_portfolio_is_not_signed() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("notes.md"), RECORD).expect("write");
    assert_eq!(
        sign_one(dir.path(), "notes.md"),
        (
            2,
            String::new(),
            "error: cannot sign `notes.md`: it is in no portfolio: there is no `pqs.yaml` in its folder \
             or any folder above it\n"
                .to_owned()
        )
    );
    assert_eq!(fs::read_to_string(dir.path().join("notes.md")).expect("read"), RECORD);
}

#[test]
fn what_check_does_not_read_as_a_record_is_not_signed() {
    let dir = sample();
    let root = dir.path();
    let cases = [
        ("notes.md", "it is not in the evidence folder `evidence`"),
        ("evidence/_drafts/notes.md", "names starting with `.` or `_` are left out"),
        ("evidence/.notes.md", "names starting with `.` or `_` are left out"),
        ("evidence/notes.txt", "only `.md` files are records"),
    ];
    for (file, why) in cases {
        let path: PathBuf = root.join(file);
        fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        fs::write(&path, RECORD).expect("write");
        let message = format!(
            "error: cannot sign `{file}`: `pqs check` does not read it as a record ({why}), so pqs does \
             not sign it\n"
        );
        assert_eq!(sign_one(root, file), (2, String::new(), message));
        assert_eq!(fs::read_to_string(&path).expect("read"), RECORD, "{file}");
    }
}

#[test]
fn a_new_portfolio_leaves_the_lock_file_out_of_git() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs().current_dir(dir.path()).args([
        "init",
        "portfolio",
        "--candidate",
        "Alex Morgan",
        "--mentor",
        "Sam Patel",
        "--started",
        "2026-01-05",
        "--line-manager",
        "",
        "--organisation",
        "",
    ]));
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("portfolio/.gitignore")).expect("read"),
        "# Submission packs made by `pqs render`: made again from the records whenever needed.\n/dist/\n\n\
         # The lock file every writing `pqs` takes turns on: it holds nothing.\n/.pqs.lock\n"
    );
}

#[test]
fn check_says_nothing_of_the_lock_file() {
    let dir = sample();
    let root = dir.path();
    let (_, before) = check_json(root, &[]);
    assert_eq!(sign_one(root, REFLECTION).0, 0);
    assert!(root.join(".pqs.lock").is_file(), "signing leaves the lock file");
    let (_, after) = check_json(root, &[]);
    assert_eq!(located(&after), located(&before));
}
