//! Paths and names from a portfolio that is not to be trusted: git run on a repository whose
//! configuration names programs, `framework:` and `evidence:` that lead out of the portfolio,
//! record names that collide on macOS and Windows, and the messages for files written wrongly.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use crate::{copy_tree, example, finish, pqs};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

/// A copy of the sample portfolio in a temporary folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    dir
}

/// Run git in `dir` for the test's own set-up, with an author and no signing.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}");
    String::from_utf8(output.stdout).expect("UTF-8").trim().to_owned()
}

/// The files under `dir` whose names start with `PWNED`: each made by a program that ran.
fn pwned(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("listed").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("PWNED"))
        .collect()
}

/// Give the repository in `dir` a configuration that names a program at every place git could
/// run one while `pqs` reads it, each making a file `PWNED-<where>`.
fn hostile_git_config(dir: &Path) {
    let settings = [
        ("core.fsmonitor", "touch PWNED-fsmonitor"),
        ("core.pager", "touch PWNED-pager; cat"),
        ("diff.external", "touch PWNED-external-diff"),
        ("diff.evil.textconv", "touch PWNED-textconv; cat"),
        ("diff.evil.command", "touch PWNED-diff-command"),
        ("filter.evil.clean", "touch PWNED-clean; cat"),
        ("filter.evil.smudge", "touch PWNED-smudge; cat"),
        ("filter.evil.process", "touch PWNED-process"),
        ("log.showSignature", "true"),
        ("gpg.program", "touch PWNED-gpg"),
    ];
    for (key, value) in settings {
        git(dir, &["config", key, value]);
    }
    fs::write(dir.join(".git/info/attributes"), "* filter=evil diff=evil\n").expect("attributes");
    let hook = dir.join(".git/hooks/post-index-change");
    fs::write(&hook, "#!/bin/sh\ntouch PWNED-hook\n").expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    // Every working file touched: git must read each again to know it is unchanged.
    for entry in walkdir::WalkDir::new(dir.join("evidence")) {
        let entry = entry.expect("listed");
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).expect("read");
            fs::write(entry.path(), bytes).expect("rewrite");
        }
    }
}

#[test]
fn git_runs_no_program_from_the_repository_configuration() {
    let dir = sample();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "signed"]);
    let path = dir.path().join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("setting: group supervision", "setting: team meeting")).expect("edit");
    git(dir.path(), &["commit", "-q", "-am", "edited"]);
    let diff =
        |dir: &Path| finish(pqs().current_dir(dir).args(["diff-signed", OBSERVATION, "--role", "mentor"]));
    let before = diff(dir.path());
    assert_eq!(before.code, 0, "{}", before.stderr);
    let head = git(dir.path(), &["rev-parse", "HEAD"]);

    hostile_git_config(dir.path());
    let render = finish(pqs().current_dir(dir.path()).args(["render", "--format", "html", "--force"]));
    assert_eq!(render.code, 0, "made with the stale sign-off: {}", render.stderr);
    let after = diff(dir.path());
    assert_eq!(pwned(dir.path()), Vec::<String>::new(), "no program of .git/config ran");

    let html = fs::read_to_string(dir.path().join("dist/alex-morgan-pqs-pack.html")).expect("the pack");
    let line = html.lines().find(|l| l.contains("Git commit")).expect("a commit line");
    assert_eq!(line, format!("<dt>Git commit</dt><dd><code>{head}</code></dd>"));
    assert_eq!((after.code, after.stdout, after.stderr), (before.code, before.stdout, before.stderr));
}
