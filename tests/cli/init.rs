//! `pqs init`: a new portfolio that `pqs check` reads at once, in its own git repository, and
//! never a changed file; never inside another portfolio; its next steps work as written.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use crate::{check_json, finish, located, pqs};

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
    for file in [
        "pqs.yaml",
        "README.md",
        ".gitignore",
        ".gitattributes",
        "evidence/.gitkeep",
        ".github/workflows/pqs.yml",
    ] {
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

/// `pqs` run in `dir`, with git kept from finding a repository above the temporary folder (so
/// that the tests mean the same wherever the temporary folder is).
fn pqs_in(dir: &Path, ceiling: &Path) -> assert_cmd::Command {
    let mut command = pqs();
    command.current_dir(dir).env("GIT_CEILING_DIRECTORIES", ceiling).env("PQS_TODAY", "2026-11-22");
    command
}

/// git's answer in `dir`, and whether it succeeded.
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Process::new("git").current_dir(dir).args(args).output().expect("git runs");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// What `pqs init` says, whole; then its next steps, followed as written from where it ran,
/// work: a record is started and checked in the new portfolio, not in a cohort around it.
#[test]
fn says_where_to_go_next_and_the_steps_work_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "my portfolio"]).args(FLAGS));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!(run.stdout, @r"
    wrote my portfolio/pqs.yaml
    wrote my portfolio/evidence/.gitkeep
    wrote my portfolio/README.md
    wrote my portfolio/.gitignore
    wrote my portfolio/.gitattributes
    started a git repository in `my portfolio`: save your work in it with `git add .` and `git commit`

    Your mentor needs a copy of the folder to read and sign your records: share it as a private
    git repository on your organisation's own git service, or send a zip of it by a route your
    organisation approves. README.md says where a portfolio may be kept and who may see it.

    Next:
      cd 'my portfolio'
      pqs new self-assessment
      pqs check
    ");
    let steps: Vec<&str> =
        run.stdout.split("Next:\n").nth(1).expect("next steps").lines().map(str::trim).collect();
    let folder = steps[0].strip_prefix("cd '").and_then(|s| s.strip_suffix('\'')).expect("cd first");
    let here = dir.path().join(folder);
    for step in &steps[1..] {
        let args: Vec<&str> = step.strip_prefix("pqs ").expect("a pqs command").split(' ').collect();
        // Without a terminal nothing is asked: the title is the one answer a script must give.
        let title: &[&str] = if args[0] == "new" { &["--title", "Where I start"] } else { &[] };
        let step_run = finish(pqs_in(&here, dir.path()).args(&args).args(title));
        assert_eq!((step_run.code, step_run.stderr.as_str()), (0, ""), "{step}");
    }
    let (_, report) = check_json(&here, &[]);
    assert_eq!(report["counts"]["records"], 1, "{report}");
}

/// In the folder above, `pqs check` checks a cohort of one: it says so, and how to check the
/// portfolio alone.
#[test]
fn check_in_the_folder_above_says_it_is_a_cohort_of_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "my portfolio", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let check = finish(pqs_in(dir.path(), dir.path()).args(["check", "--format", "json"]));
    assert_eq!(check.code, 0, "{check:?}");
    insta::assert_snapshot!(check.stderr, @r"
    note: `.` is not a portfolio (it has no `pqs.yaml`), so it is checked as a cohort: a folder of
      portfolios, here only `my portfolio`.
      To check that portfolio alone, run `cd 'my portfolio'` first, or `pqs check 'my portfolio'`.
    ");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "second", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let check = finish(pqs_in(dir.path(), dir.path()).args(["check"]));
    assert_eq!((check.code, check.stderr.as_str()), (0, ""), "a cohort of two is what it seems");
}

#[test]
fn makes_a_repository_with_nothing_committed_and_gitattributes_that_git_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "p"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let folder = dir.path().join("p");
    assert!(folder.join(".git").is_dir());
    assert!(!git(&folder, &["rev-parse", "--verify", "--quiet", "HEAD"]).0, "nothing is committed");
    let (_, attributes) =
        git(&folder, &["check-attr", "text", "eol", "--", "evidence/a.md", "pqs.yaml", "evidence/scan.PDF"]);
    assert_eq!(
        attributes,
        "evidence/a.md: text: set\nevidence/a.md: eol: lf\npqs.yaml: text: set\npqs.yaml: eol: lf\n\
         evidence/scan.PDF: text: unspecified\nevidence/scan.PDF: eol: unspecified\n"
    );
    let (_, attributes) =
        git(&folder, &["check-attr", "text", "diff", "--", "evidence/scan.pdf", "photo.jpg"]);
    assert_eq!(
        attributes,
        "evidence/scan.pdf: text: unset\nevidence/scan.pdf: diff: unset\nphoto.jpg: text: unset\nphoto.jpg: diff: unset\n"
    );
}

/// No repository is made inside another one, nor with `--no-git`, nor in a folder that held
/// other files (a repository would take them in too); each is said in a line.
#[test]
fn makes_no_repository_inside_one_when_told_not_to_or_among_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let top = dir.path().join("work");
    fs::create_dir(&top).expect("mkdir");
    assert!(git(&top, &["init", "-q"]).0);
    let run = finish(pqs_in(&top, dir.path()).args(["init", "p"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!top.join("p/.git").exists());
    let said = "`p` is in the git repository in `.`, so no new one was made\n";
    assert!(run.stdout.contains(said), "{}", run.stdout);

    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "q", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!dir.path().join("q/.git").exists());
    assert!(!run.stdout.contains("started a git") && !run.stdout.contains("was made"), "{}", run.stdout);

    let busy = dir.path().join("documents");
    fs::create_dir(&busy).expect("mkdir");
    fs::write(busy.join("notes.docx"), "mine").expect("write");
    let run = finish(pqs_in(&busy, dir.path()).args(["init", "."]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!busy.join(".git").exists());
    assert!(
        run.stdout.contains(
            "no git repository was made: `.` already held other files, which git would keep too;\n\
             if the folder is for the portfolio alone, run `git init` in it\n"
        ),
        "{}",
        run.stdout
    );
}

/// Without git the portfolio is made all the same, and a note says what git would add.
#[test]
fn without_git_says_so_and_carries_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = tempfile::tempdir().expect("a folder with no programs");
    let run =
        finish(pqs_in(dir.path(), dir.path()).env("PATH", empty.path()).args(["init", "p"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(dir.path().join("p/pqs.yaml").is_file() && !dir.path().join("p/.git").exists());
    insta::assert_snapshot!(run.stderr, @r"
    note: git is not installed, so no git repository was made; the portfolio works without it.
    To keep every version of your records, install git (https://git-scm.com), then run `git init`
    in `p`.
    ");
}

/// A `.gitignore` and `.gitattributes` already there are kept; the lines of pqs's `.gitignore`
/// that the person's lacks are named.
#[test]
fn keeps_the_git_files_already_there_naming_what_they_lack() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(".gitignore"), "secret/\n/dist/\n").expect("write");
    fs::write(dir.path().join(".gitattributes"), "* text=auto\n").expect("write");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let kept: Vec<&str> = run.stdout.lines().filter(|line| line.starts_with("kept")).collect();
    assert_eq!(
        kept,
        [
            "kept your .gitignore as it is: add `/.pqs.lock` to it, to keep what pqs makes out of git",
            "kept your .gitattributes as it is"
        ]
    );
    assert_eq!(fs::read_to_string(dir.path().join(".gitignore")).expect("read"), "secret/\n/dist/\n");
    assert_eq!(fs::read_to_string(dir.path().join(".gitattributes")).expect("read"), "* text=auto\n");
}

/// Inside a portfolio (in its evidence folder, or a folder yet to be made there), or in a
/// folder that holds portfolios, nothing is asked or written, and the error says where to go.
#[test]
fn refuses_to_start_a_portfolio_inside_another_or_around_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "my portfolio", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let evidence = dir.path().join("my portfolio/evidence");
    let before = crate::snapshot(dir.path());
    let inside = finish(pqs_in(&evidence, dir.path()).arg("init"));
    let deeper = finish(pqs_in(&evidence, dir.path()).args(["init", "next year"]).args(FLAGS));
    let around = finish(pqs_in(dir.path(), dir.path()).arg("init").args(FLAGS));
    assert_eq!(crate::snapshot(dir.path()), before, "nothing was written");
    assert_eq!((inside.code, deeper.code, around.code), (2, 2, 2));
    insta::assert_snapshot!([inside.stderr, deeper.stderr, around.stderr].concat(), @r"
    error: `.` is inside the portfolio in `..`, and a portfolio cannot hold another one; nothing was written
      help: to add evidence to that portfolio, run `pqs new` in it; to start another portfolio, run `pqs init` outside it, such as `pqs init ../../new-portfolio`
    error: `next year` is inside the portfolio in `..`, and a portfolio cannot hold another one; nothing was written
      help: to add evidence to that portfolio, run `pqs new` in it; to start another portfolio, run `pqs init` outside it, such as `pqs init ../../new-portfolio`
    error: `.` already holds a portfolio, in `my portfolio`, and a portfolio cannot hold another one; nothing was written
      help: to start another portfolio beside it, run `pqs init new-portfolio`
    ");
}

/// The commands that need one portfolio, run in the folder above it, name it and say to go in.
#[test]
fn other_commands_in_the_folder_above_name_the_portfolio_in_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "my portfolio", "--no-git"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    let new = finish(pqs_in(dir.path(), dir.path()).args(["new", "pdp", "--title", "Plan"]));
    let status = finish(pqs_in(dir.path(), dir.path()).args(["status"]));
    assert_eq!((new.code, status.code), (2, 2));
    assert_eq!(new.stderr, status.stderr);
    insta::assert_snapshot!(status.stderr, @r"
    error: no `pqs.yaml` found in `.` or any folder above it
      help: `my portfolio` is a portfolio: run `cd 'my portfolio'` first, or pass that folder
    ");
}

/// When git cannot make the repository (a broken `.git` file is in the way), the portfolio is
/// made all the same, with git's reason in a note.
#[test]
fn when_git_fails_says_why_and_carries_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("f")).expect("mkdir");
    fs::write(dir.path().join("f/.git"), "not a repository\n").expect("write");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "f"]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(dir.path().join("f/pqs.yaml").is_file());
    let note = run.stderr.strip_prefix("note: git could not make a repository in `f` (");
    assert!(note.is_some_and(|rest| rest.ends_with("); the portfolio works without it\n")), "{}", run.stderr);
}

/// With no folder named, a folder holding other files (a home folder, say) is not made a
/// portfolio by mistake: nothing is asked or written, and the error says what to run instead.
#[test]
fn refuses_the_current_folder_holding_other_files_unless_it_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("notes.docx"), "mine").expect("write");
    fs::create_dir(dir.path().join("Downloads")).expect("mkdir");
    let before = crate::snapshot(dir.path());
    let run = finish(pqs_in(dir.path(), dir.path()).arg("init"));
    assert_eq!(crate::snapshot(dir.path()), before, "nothing was written");
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    insta::assert_snapshot!(run.stderr, @r"
    error: `.` already holds other files, such as `Downloads`, and no folder was named; nothing was written
      help: to start the portfolio in a new folder, run `pqs init my-portfolio`; to make this folder the portfolio all the same, run `pqs init .`
    ");
    let run = finish(pqs_in(dir.path(), dir.path()).args(["init", "."]).args(FLAGS));
    assert_eq!(run.code, 0, "{run:?}");
}
