//! `pqs init`: a new portfolio that `pqs check` reads at once, and never a changed file.

use std::fs;

use crate::{check_json, located, pqs};

const FLAGS: [&str; 10] = [
    "--candidate",
    "Alex O'Neil",
    "--mentor",
    "Sam Patel",
    "--line-manager",
    "Jo Reed",
    "--organisation",
    "Northshire Council",
    "--started",
    "2026-01-12",
];

#[test]
fn init_in_an_empty_folder_then_new_then_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("my portfolio");
    let output = pqs().arg("init").arg(&folder).args(FLAGS).args(["--ci", "github"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    for file in ["pqs.yaml", "README.md", ".gitignore", "evidence/.gitkeep", ".github/workflows/pqs.yml"] {
        assert!(folder.join(file).is_file(), "{file}");
    }
    let manifest = fs::read_to_string(folder.join("pqs.yaml")).expect("read");
    assert!(manifest.contains("candidate: \"Alex O'Neil\"\n"), "{manifest}");
    assert!(manifest.contains("started: 2026-01-12\n"), "{manifest}");
    let readme = fs::read_to_string(folder.join("README.md")).expect("read");
    assert!(readme.starts_with("# Alex O'Neil's PQS portfolio"), "{readme}");
    assert!(readme.contains("- Two direct observations\n"), "the framework's requirements are listed");

    let (code, report) = check_json(&folder, &[]);
    assert_eq!(code, 0);
    assert_eq!(report["candidate"], "Alex O'Neil");
    assert_eq!(report["counts"]["errors"], 0);

    let output = pqs()
        .current_dir(&folder)
        .args(["new", "self-assessment", "--title", "Where I am starting from", "--date", "2026-01-20"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let (code, report) = check_json(&folder, &[]);
    assert_eq!(code, 0);
    assert!(located(&report).is_empty(), "{:?}", located(&report));
}

#[test]
fn refuses_a_folder_that_is_already_a_portfolio() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("pqs.yaml"), "candidate: Mine\n").expect("write");
    let output = pqs().arg("init").arg(dir.path()).args(FLAGS).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already has a `pqs.yaml`"));
    assert_eq!(fs::read_to_string(dir.path().join("pqs.yaml")).expect("read"), "candidate: Mine\n");
    assert!(!dir.path().join("README.md").exists());
}

#[test]
fn keeps_files_that_are_already_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("README.md"), "my notes").expect("write");
    let output = pqs().arg("init").arg(dir.path()).args(FLAGS).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("kept your"));
    assert_eq!(fs::read_to_string(dir.path().join("README.md")).expect("read"), "my notes");
    assert!(dir.path().join("pqs.yaml").is_file());
}

#[test]
fn without_a_terminal_a_missing_value_exits_2_naming_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (args, flag) in [(&[][..], "--candidate"), (&["--candidate", "A"][..], "--mentor")] {
        let output = pqs().arg("init").arg(dir.path()).args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains(&format!("pass `{flag}`")));
    }
    let output = pqs()
        .arg("init")
        .arg(dir.path())
        .args(["--candidate", "A", "--mentor", "B", "--started", "12/01/2026"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`--started 12/01/2026` is not a date"));
    assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0, "nothing was written");
}

/// The CI files `pqs init --ci` writes are, byte for byte, the examples in `examples/ci/` (which
/// people copy by hand), and they install a released pqs: never `cargo install`.
#[test]
fn the_ci_files_written_are_the_examples_and_build_nothing() {
    for (service, written, example) in [
        ("github", ".github/workflows/pqs.yml", "github-workflow.yml"),
        ("gitlab", ".gitlab-ci.yml", "gitlab-ci.yml"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let output =
            pqs().arg("init").arg(dir.path()).args(FLAGS).args(["--ci", service]).output().expect("runs");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let text = fs::read_to_string(dir.path().join(written)).expect("the CI file");
        let shipped =
            fs::read_to_string(crate::repo().join("examples/ci").join(example)).expect("the example");
        assert_eq!(text, shipped, "examples/ci/{example} is what `pqs init --ci {service}` writes");
        assert!(!text.contains("cargo"), "{service}: {text}");
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "{service}: pinned to this version");
    }
}
