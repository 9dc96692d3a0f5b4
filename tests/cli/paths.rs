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

    // A change not yet committed is still seen, with the filters turned off.
    fs::write(&path, format!("{}\nOne more line.\n", fs::read_to_string(&path).expect("read")))
        .expect("edit");
    let render = finish(pqs().current_dir(dir.path()).args(["render", "--format", "html", "--force"]));
    assert_eq!(render.code, 0, "{}", render.stderr);
    let html = fs::read_to_string(dir.path().join("dist/alex-morgan-pqs-pack.html")).expect("the pack");
    let line = html.lines().find(|l| l.contains("Git commit")).expect("a commit line");
    assert_eq!(
        line,
        format!("<dt>Git commit</dt><dd><code>{head} (with changes not yet committed)</code></dd>")
    );
    assert_eq!(pwned(dir.path()), Vec::<String>::new(), "no program of .git/config ran");
}

const MANIFEST: &str = "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n";

/// A record with no findings.
const GOOD: &str = "---\ntitle: A good record\ntype: other\ndate: 2026-02-01\n---\nWhat happened.\n";

/// Write `text` to `file` under `root`, making its folder.
fn put(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// A folder holding two portfolios side by side, `alex` and `bob`, each with a good record, and
/// `alex/pqs.yaml` ending with `extra`; the folder, and its real path for redacting messages.
fn two_portfolios(extra: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "alex/pqs.yaml", &format!("{MANIFEST}{extra}"));
    put(dir.path(), "alex/evidence/good.md", GOOD);
    put(dir.path(), "bob/pqs.yaml", MANIFEST);
    put(dir.path(), "bob/evidence/bobs.md", GOOD);
    let real = dunce::canonicalize(dir.path()).expect("real path").to_string_lossy().into_owned();
    (dir, real)
}

/// `pqs check` on the portfolio `alex` under `dir`: exit status and standard error, with the
/// folder's path as `[DIR]`.
fn check_alex(dir: &Path, real: &str) -> (i32, String) {
    let run = finish(pqs().arg("check").arg(dir.join("alex")).args(["--today", "2026-11-22"]));
    (run.code, run.stderr.replace(real, "[DIR]"))
}

const FRAMEWORK_OUTSIDE_HELP: &str = "  help: a framework file must be inside the portfolio's folder, or in its cohort's folder (the nearest folder above with `pqs-cohort.yaml`); copy it there and name it relative to `pqs.yaml`\n";

#[test]
fn a_framework_outside_the_portfolio_is_refused_without_reading_it() {
    for value in ["/etc/passwd", "../bob/pqs.yaml", "../other/framework.yaml"] {
        let (dir, real) = two_portfolios(&format!("framework: {value}\n"));
        assert_eq!(
            check_alex(dir.path(), &real),
            (
                2,
                format!(
                    "error: `[DIR]/alex/pqs.yaml` (line 4): `framework: {value}` leads outside the portfolio, so it is not used\n{FRAMEWORK_OUTSIDE_HELP}"
                )
            ),
            "{value}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_framework_that_links_out_of_the_portfolio_is_refused() {
    let (dir, real) = two_portfolios("framework: shared.yaml\n");
    put(dir.path(), "secret.yaml", "password: hunter2\n");
    crate::link_file(&dir.path().join("secret.yaml"), &dir.path().join("alex/shared.yaml"));
    assert_eq!(
        check_alex(dir.path(), &real),
        (
            2,
            format!(
                "error: `[DIR]/alex/pqs.yaml` (line 4): `framework: shared.yaml` leads outside the portfolio, so it is not used\n{FRAMEWORK_OUTSIDE_HELP}"
            )
        )
    );
}

#[test]
fn a_cohort_framework_in_the_cohort_folder_is_used() {
    let (dir, real) = two_portfolios("framework: ../frameworks/pcf.yaml\n");
    put(dir.path(), "pqs-cohort.yaml", "name: Practice supervisors 2026\n");
    let pcf = fs::read_to_string(example("frameworks/pcf-2018.yaml")).expect("framework");
    put(dir.path(), "frameworks/pcf.yaml", &pcf);
    let run = finish(pqs().arg("check").arg(dir.path().join("alex")).args(["--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        (run.code, report["framework"].as_str(), run.stderr.replace(&real, "[DIR]")),
        (0, Some("pcf-2018"), String::new())
    );
}

#[test]
fn the_fixture_framework_is_the_example() {
    let fixture = fs::read(crate::fixture("pcf-portfolio/pcf-2018.yaml")).expect("fixture");
    assert_eq!(fixture, fs::read(example("frameworks/pcf-2018.yaml")).expect("example"));
}

const EVIDENCE_OUTSIDE_HELP: &str = "  help: the evidence folder must be inside the portfolio's folder, named relative to `pqs.yaml` without `..` (such as `evidence`), and not a link to a folder elsewhere\n";

#[test]
fn evidence_outside_the_portfolio_is_refused() {
    let (dir, real) = two_portfolios("");
    let absolute = format!("{real}/bob/evidence");
    for value in ["../bob/evidence", "evidence/../../bob/evidence", absolute.as_str()] {
        fs::write(dir.path().join("alex/pqs.yaml"), format!("{MANIFEST}evidence: {value}\n"))
            .expect("manifest");
        let shown = value.replace(&real, "[DIR]");
        assert_eq!(
            check_alex(dir.path(), &real),
            (
                2,
                format!(
                    "error: `[DIR]/alex/pqs.yaml` (line 4): `evidence: {shown}` leads outside the portfolio, so it is not used\n{EVIDENCE_OUTSIDE_HELP}"
                )
            ),
            "{value}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_evidence_folder_that_links_out_is_refused() {
    let (dir, real) = two_portfolios("evidence: records\n");
    std::os::unix::fs::symlink(dir.path().join("bob/evidence"), dir.path().join("alex/records"))
        .expect("link");
    assert_eq!(
        check_alex(dir.path(), &real),
        (
            2,
            format!(
                "error: `[DIR]/alex/pqs.yaml` (line 4): `evidence: records` leads outside the portfolio, so it is not used\n{EVIDENCE_OUTSIDE_HELP}"
            )
        )
    );
}

#[test]
fn a_framework_file_that_is_no_framework_is_described_without_its_content() {
    let (dir, real) = two_portfolios("framework: accounts.yaml\n");
    put(
        dir.path(),
        "alex/accounts.yaml",
        "root:x:0:0:root:/root:/bin/bash\nalex:x:1000:1000::/home/alex:/bin/sh\n",
    );
    assert_eq!(
        check_alex(dir.path(), &real),
        (
            2,
            "error: the framework `[DIR]/alex/accounts.yaml` is not valid (line 1): a framework file must hold `field: value` lines: `id`, `title` and `standards`, and may hold `source`, `requirements` and `coverage`; this file holds a single value\n".to_owned()
        )
    );
}

/// Record names that are one file on macOS and Windows, or that Windows cannot hold: a finding
/// on each. Only a file system that tells them apart (Linux's) can hold them all at once.
#[cfg(target_os = "linux")]
#[test]
fn names_that_collide_or_that_windows_keeps_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("alex");
    put(&root, "pqs.yaml", MANIFEST);
    for name in [
        "Visit.md",
        "visit.md",
        "caf\u{e9}.md",
        "cafe\u{301}.md",
        "con.md",
        "AUX.notes.md",
        "lpt1/x.md",
        "notes./y.md",
    ] {
        put(&root, &format!("evidence/{name}"), GOOD);
    }
    let run = finish(pqs().arg("check").arg(&root).args(["--today", "2026-02-10"]));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("names_that_collide_or_that_windows_keeps", run.stdout);
}

/// A file where `pqs` must make a folder is named, with what to do, not "File exists". The
/// system's own words, kept in the message, are those of Unix.
#[cfg(unix)]
#[test]
fn a_file_where_a_folder_must_be_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "q/evidence", "a file, not a folder\n");
    let init = finish(pqs().current_dir(dir.path()).args([
        "init",
        "q",
        "--candidate",
        "A",
        "--mentor",
        "B",
        "--started",
        "2026-01-12",
    ]));
    assert_eq!(
        (init.code, init.stderr.as_str()),
        (
            2,
            "error: could not write `q/evidence/.gitkeep`: `q/evidence` is a file, where a folder is needed (the system said: File exists (os error 17))\n  help: rename or move the file `q/evidence`, so that a folder can be made there\n"
        )
    );

    let (portfolio, real) = two_portfolios("");
    put(portfolio.path(), "alex/evidence/visits", "a file, not a folder\n");
    let new = finish(pqs().current_dir(portfolio.path().join("alex")).args([
        "new",
        "other",
        "--title",
        "A visit",
        "--date",
        "2026-02-01",
        "--dir",
        "visits/2026",
    ]));
    assert_eq!(
        (new.code, new.stderr.replace(&real, "[DIR]")),
        (
            2,
            "error: could not write `[DIR]/alex/evidence/visits/2026/2026-02-01-other-a-visit.md`: `[DIR]/alex/evidence/visits` is a file, where a folder is needed (the system said: Not a directory (os error 20))\n  help: rename or move the file `[DIR]/alex/evidence/visits`, so that a folder can be made there\n".to_owned()
        )
    );
}

/// Front-matter written for other tools, a NUL byte, and YAML the parser cannot follow: each
/// explained in plain words, at the line and column where it is.
#[test]
fn front_matter_for_other_tools_and_parser_errors_are_explained() {
    let (dir, _) = two_portfolios("");
    let records = [
        ("jekyll.md", "---\ntitle: {{ page.title }}\ntype: other\ndate: 2026-02-01\n---\nText.\n"),
        ("toml.md", "+++\ntitle = \"A visit\"\ntype = \"other\"\ndate = 2026-02-01\n+++\nText.\n"),
        ("zero.md", "---\ntitle: A\ntype: other\ndate: 2026-02-01\nnotes: a\0b\n---\nText.\n"),
        ("node.md", "---\ntitle: A\ntype: other\ndate: 2026-02-01\ntags: [a, - b]\n---\nText.\n"),
    ];
    for (name, text) in records {
        put(&dir.path().join("alex/evidence"), name, text);
    }
    let run = finish(pqs().arg("check").arg(dir.path().join("alex")).args(["--today", "2026-02-10"]));
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("front_matter_for_other_tools", run.stdout);
}

/// A template that includes one that does not exist is named, not the built-in observation
/// template.
#[test]
fn a_template_error_names_the_template() {
    let (dir, real) = two_portfolios("");
    put(dir.path(), "alex/templates/pack.html.tera", "{% include \"nope.html\" %}\n");
    let run = finish(pqs().current_dir(dir.path().join("alex")).args(["render", "--format", "html"]));
    assert_eq!(
        (run.code, run.stderr.replace(&real, "[DIR]")),
        (
            2,
            "error: the template `[DIR]/alex/templates/pack.html.tera` cannot be used: error: Unknown template `nope.html`\n --> pack.html.tera:1:12\n  |\n1 | {% include \"nope.html\" %}\n  |            ^^^^^^^^^^^\n".to_owned()
        )
    );
}

/// A framework file without a field every framework has says what a framework file holds, not
/// the parser's "missing field".
#[test]
fn a_framework_file_without_its_fields_says_what_it_must_hold() {
    let (dir, real) = two_portfolios("framework: ours.yaml\n");
    put(dir.path(), "alex/ours.yaml", "# to be written\n");
    assert_eq!(
        check_alex(dir.path(), &real),
        (
            2,
            "error: the framework `[DIR]/alex/ours.yaml` is not valid: a framework file must hold `field: value` lines: `id`, `title` and `standards`, and may hold `source`, `requirements` and `coverage`; this file has no `id`\n".to_owned()
        )
    );
}

/// A NUL byte in `pqs.yaml` is reported on its own line.
#[test]
fn a_nul_byte_in_pqs_yaml_is_reported_on_its_line() {
    let (dir, real) = two_portfolios("organisation: North\0shire\n");
    assert_eq!(
        check_alex(dir.path(), &real),
        (
            2,
            "error: `[DIR]/alex/pqs.yaml` cannot be read (line 4): this is not valid YAML: the text contains an invisible control character; retype the line\n".to_owned()
        )
    );
}
