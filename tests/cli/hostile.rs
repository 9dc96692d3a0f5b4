//! Hostile input: files made to break a parser, files that are not text, links and permissions
//! that lead nowhere or outside, records that vanish mid-run. Each gets a finding that names the
//! file (and the line, where there is one), or a clean exit 2 that names the file; never a panic,
//! a hang or a changed file.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::{Run, finish, located, pqs, snapshot};

/// Every pack this pqs can make: both, or the HTML alone in a pqs built without PDF support.
const BOTH_PACKS: &str = if cfg!(feature = "pdf") { "all" } else { "html" };

const TODAY: &str = "2026-11-22";

const MANIFEST: &str = "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n";

/// A record with no findings.
const GOOD: &str = "---\ntitle: A good record\ntype: other\ndate: 2026-02-01\n---\nWhat happened.\n";

/// A portfolio in a temporary folder: `pqs.yaml` and one good record.
fn portfolio() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "pqs.yaml", MANIFEST);
    put(dir.path(), "evidence/good.md", GOOD);
    dir
}

/// Write `bytes` to `file` under `root`, making its folder.
fn put(root: &Path, file: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

/// Make a named pipe at `path` (with coreutils' `mkfifo`): reading it would wait forever. Windows
/// has no named pipes among files.
#[cfg(unix)]
fn pipe(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "`mkfifo` (coreutils) makes a pipe");
}

/// A record whose front-matter is `yaml`.
fn record(yaml: &str) -> String {
    format!("---\n{yaml}---\nWhat happened.\n")
}

/// `pqs check --format json` on `root`: it ends by itself, changes no file, and exits 0 or 1 with
/// its report.
fn check(root: &Path) -> Value {
    let before = snapshot(root);
    let run = finish(pqs().arg("check").arg(root).args(["--format", "json", "--today", TODAY]));
    assert_eq!(snapshot(root), before, "checking changed no file");
    assert!(run.code == 0 || run.code == 1, "exit {}: {}", run.code, run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
}

/// The findings about `file` in `report`, as (line, code); line 0 when there is none.
fn about(report: &Value, file: &str) -> Vec<(u64, String)> {
    located(report).into_iter().filter(|(f, _, _)| f == file).map(|(_, line, code)| (line, code)).collect()
}

/// The message of the first finding about `file`.
fn message(report: &Value, file: &str) -> String {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let found = diagnostics.iter().find(|d| d["file"] == file).expect("a finding about the file");
    found["message"].as_str().expect("message").to_owned()
}

/// `(line, code)` pairs, for comparing with [`about`].
fn expect(found: &[(u64, &str)]) -> Vec<(u64, String)> {
    found.iter().map(|(line, code)| (*line, (*code).to_owned())).collect()
}

/// `pqs check` on `root` cannot run: it ends by itself with exit 2 and a message on standard
/// error that names `file`, and changes no file.
fn cannot_check(root: &Path, file: &str) -> String {
    let before = snapshot(root);
    let run = finish(pqs().arg("check").arg(root).args(["--today", TODAY]));
    assert_eq!(snapshot(root), before, "checking changed no file");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(file), "the message names `{file}`: {}", run.stderr);
    run.stderr
}

/// Front-matter lines whose anchors expand to 9 to the power 9 copies of `lol`: the "billion
/// laughs".
fn laughs() -> String {
    let mut yaml = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (earlier, name) in ('a'..='h').zip('b'..='i') {
        let references = vec![format!("*{earlier}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{references}]\n"));
    }
    yaml
}

#[test]
fn aliases_that_would_expand_a_billion_times_are_refused() {
    let dir = portfolio();
    let root = dir.path();
    let fields = "title: Laughs\ntype: other\ndate: 2026-02-01\n";
    put(root, "evidence/laughs.md", record(&format!("{fields}{}", laughs())));
    put(root, "evidence/laughs-in-tags.md", record(&format!("{}{fields}tags: *i\n", laughs())));
    let report = check(root);
    for file in ["evidence/laughs.md", "evidence/laughs-in-tags.md"] {
        let line = if file == "evidence/laughs.md" { 6 } else { 3 };
        assert_eq!(about(&report, file), expect(&[(line, "yaml-syntax")]), "the first alias in {file}");
        assert!(message(&report, file).contains("repeat the text too many times"), "{file}");
    }
    assert_eq!(report["counts"]["records"], 1, "the good record is still checked");

    put(root, "pqs.yaml", format!("{MANIFEST}{}", laughs()));
    let stderr = cannot_check(root, "pqs.yaml");
    assert!(stderr.contains("repeat the text too many times"), "{stderr}");

    put(root, "pqs.yaml", format!("{MANIFEST}framework: framework.yaml\n"));
    put(root, "framework.yaml", format!("id: x\ntitle: X\n{}standards: []\n", laughs()));
    cannot_check(root, "framework.yaml");
}

#[test]
fn yaml_nested_ten_thousand_deep_is_a_finding() {
    let dir = portfolio();
    let root = dir.path();
    let lists = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let maps = format!("{}x{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    let fields = "title: Deep\ntype: other\ndate: 2026-02-01\n";
    put(root, "evidence/deep-title.md", record(&format!("title: {lists}\ntype: other\ndate: 2026-02-01\n")));
    put(root, "evidence/deep-lists.md", record(&format!("{fields}notes: {lists}\n")));
    put(root, "evidence/deep-maps.md", record(&format!("{fields}notes: {maps}\n")));
    put(root, "evidence/deep-unclosed.md", record(&format!("{}\n", "[".repeat(10_000))));
    let report = check(root);
    assert_eq!(about(&report, "evidence/deep-title.md"), expect(&[(2, "wrong-value-type")]));
    for file in ["evidence/deep-lists.md", "evidence/deep-maps.md"] {
        assert_eq!(about(&report, file), expect(&[(5, "yaml-syntax")]), "{file}");
        assert!(message(&report, file).contains("nested inside each other too deeply"), "{file}");
    }
    assert_eq!(about(&report, "evidence/deep-unclosed.md"), expect(&[(3, "yaml-syntax")]));

    put(root, "pqs.yaml", format!("{MANIFEST}notes: {lists}\n"));
    let stderr = cannot_check(root, "pqs.yaml");
    assert!(stderr.contains("(line 4)"), "{stderr}");

    put(root, "pqs.yaml", format!("{MANIFEST}framework: framework.yaml\n"));
    put(root, "framework.yaml", format!("id: x\ntitle: X\nstandards: {lists}\n"));
    cannot_check(root, "framework.yaml");
}

#[test]
fn markdown_nested_thousands_deep_is_checked_and_makes_both_packs() {
    let dir = portfolio();
    let root = dir.path();
    let body = [
        ">".repeat(10_000) + " quoted",
        "- ".repeat(5_000) + "listed",
        "*".repeat(20_000) + "emphasised" + &"*".repeat(20_000),
        "[".repeat(10_000) + "bracketed" + &"]".repeat(10_000),
    ]
    .join("\n\n");
    put(
        root,
        "evidence/deep-body.md",
        format!("---\ntitle: Deep\ntype: other\ndate: 2026-02-01\n---\n{body}\n"),
    );
    let report = check(root);
    assert_eq!(about(&report, "evidence/deep-body.md"), []);
    let out = tempfile::tempdir().expect("temp dir");
    let before = snapshot(root);
    let run = finish(
        pqs()
            .arg("render")
            .arg(root)
            .args(["--format", BOTH_PACKS, "--date", TODAY, "--out"])
            .arg(out.path().join("pack.html")),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(snapshot(root), before, "rendering changed nothing in the portfolio");
    let html = fs::read_to_string(out.path().join("pack.html")).expect("the HTML pack");
    assert!(html.contains("emphasised"));
    if cfg!(feature = "pdf") {
        let pdf = fs::read(out.path().join("pack.pdf")).expect("the PDF pack");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

#[test]
fn a_100_mb_record_is_reported_as_too_large_and_not_read() {
    let dir = portfolio();
    let root = dir.path();
    let path = root.join("evidence/huge.md");
    // Sparse: the size is set, no 100 MB is written.
    let file = fs::File::create(&path).expect("create");
    file.set_len(100 * 1024 * 1024).expect("set the size");
    drop(file);
    let report = check(root);
    // Read, its zero bytes would be a `missing-front-matter` at line 1.
    assert_eq!(about(&report, "evidence/huge.md"), expect(&[(0, "file-too-large")]));
    assert_eq!(
        message(&report, "evidence/huge.md"),
        "this file is 100 MiB, more than the 5 MiB a record may be"
    );
    assert_eq!(report["counts"]["records"], 1);
    fs::remove_file(&path).expect("delete the big file");
}

#[test]
fn binary_and_other_encodings_are_reported_at_the_first_bad_byte() {
    let dir = portfolio();
    let root = dir.path();
    let png = fs::read(crate::fixture("hostile/evidence/square.png")).expect("an image");
    put(root, "evidence/picture.md", png);
    put(root, "evidence/latin-1.md", b"---\ntitle: Caf\xE9\ntype: other\ndate: 2026-02-01\n---\nText.\n");
    put(root, "evidence/utf-16.md", b"\xFF\xFE-\x00-\x00-\x00\n\x00");
    put(root, "evidence/zeros.md", [0u8; 4096]);
    let report = check(root);
    assert_eq!(about(&report, "evidence/picture.md"), expect(&[(1, "not-utf8")]));
    assert_eq!(about(&report, "evidence/latin-1.md"), expect(&[(2, "not-utf8")]));
    assert_eq!(about(&report, "evidence/utf-16.md"), expect(&[(1, "not-utf8")]));
    assert_eq!(about(&report, "evidence/zeros.md"), expect(&[(1, "missing-front-matter")]));
}

#[test]
fn empty_files_and_files_of_only_a_fence() {
    let dir = portfolio();
    let root = dir.path();
    put(root, "evidence/empty.md", "");
    put(root, "evidence/blank.md", " \n\n");
    put(root, "evidence/fence.md", "---");
    put(root, "evidence/fence-line.md", "---\n");
    put(root, "evidence/two-fences.md", "---\n---\n");
    let report = check(root);
    assert_eq!(about(&report, "evidence/empty.md"), expect(&[(0, "empty-file")]));
    assert_eq!(about(&report, "evidence/blank.md"), expect(&[(0, "empty-file")]));
    assert_eq!(about(&report, "evidence/fence.md"), expect(&[(1, "unclosed-front-matter")]));
    assert_eq!(about(&report, "evidence/fence-line.md"), expect(&[(1, "unclosed-front-matter")]));
    assert_eq!(
        about(&report, "evidence/two-fences.md"),
        expect(&[(1, "missing-field"), (1, "missing-field"), (1, "missing-field"), (2, "empty-body")])
    );
}

#[test]
fn a_field_given_twice_is_reported_where_it_is_repeated() {
    let dir = portfolio();
    let root = dir.path();
    put(root, "evidence/twice.md", record("title: A\ntitle: B\ntype: other\ndate: 2026-02-01\ntitle: C\n"));
    put(root, "pqs.yaml", format!("{MANIFEST}candidate: Someone Else\n"));
    let report = check(root);
    assert_eq!(
        about(&report, "evidence/twice.md"),
        expect(&[(3, "duplicate-field"), (6, "duplicate-field")])
    );
    assert_eq!(about(&report, "pqs.yaml"), expect(&[(4, "duplicate-field")]));
    assert_eq!(report["candidate"], "Alex Morgan", "the first is the one that counts");
}

#[test]
fn tabs_used_to_indent_are_reported_at_their_line() {
    let dir = portfolio();
    let root = dir.path();
    put(root, "evidence/tab-item.md", record("title: A\ntype: other\ndate: 2026-02-01\ntags:\n\t- one\n"));
    put(root, "evidence/tab-key.md", record("title: A\n\ttype: other\ndate: 2026-02-01\n"));
    let report = check(root);
    assert_eq!(about(&report, "evidence/tab-item.md"), expect(&[(6, "yaml-syntax")]));
    assert_eq!(about(&report, "evidence/tab-key.md"), expect(&[(3, "yaml-syntax")]));
    assert!(message(&report, "evidence/tab-key.md").contains("a tab is used to indent a line"));

    put(root, "pqs.yaml", "candidate: Alex Morgan\n\tmentor: Sam Patel\nstarted: 2026-01-12\n");
    let stderr = cannot_check(root, "pqs.yaml");
    assert!(stderr.contains("(line 2)") && stderr.contains("indent with spaces"), "{stderr}");
}

#[test]
fn a_pqs_yaml_that_is_a_list_cannot_be_checked() {
    let dir = portfolio();
    put(dir.path(), "pqs.yaml", "- candidate: Alex Morgan\n- mentor: Sam Patel\n");
    let stderr = cannot_check(dir.path(), "pqs.yaml");
    assert!(stderr.contains("it should be `field: value` lines, but it is a list"), "{stderr}");
}

#[test]
fn a_framework_with_a_standard_twice_cannot_be_used() {
    let dir = portfolio();
    let root = dir.path();
    put(root, "pqs.yaml", format!("{MANIFEST}framework: framework.yaml\n"));
    let standards = "  - {id: '1', title: One}\n  - {id: '2', title: Two}\n  - {id: '1', title: Again}\n";
    put(root, "framework.yaml", format!("id: ours\ntitle: Ours\nstandards:\n{standards}"));
    let stderr = cannot_check(root, "framework.yaml");
    assert!(stderr.contains("(line 6): standard id `1` is used twice"), "the second one: {stderr}");
}

#[cfg(unix)]
#[test]
fn a_pqs_yaml_or_framework_that_is_a_pipe_is_refused_without_waiting() {
    let dir = portfolio();
    let root = dir.path();
    let fifo = |name: &str| {
        let _ = std::fs::remove_file(root.join(name));
        pipe(&root.join(name));
    };
    fifo("pqs.yaml");
    let stderr = cannot_check(root, "pqs.yaml");
    assert!(stderr.contains("not an ordinary file"), "{stderr}");

    std::fs::remove_file(root.join("pqs.yaml")).expect("remove the pipe");
    put(root, "pqs.yaml", format!("{MANIFEST}framework: framework.yaml\n"));
    fifo("framework.yaml");
    let stderr = cannot_check(root, "framework.yaml");
    assert!(stderr.contains("not an ordinary file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_record_that_is_a_pipe_is_named_without_waiting_and_the_rest_is_checked() {
    let dir = portfolio();
    let root = dir.path();
    fs::create_dir_all(root.join("evidence/notes")).expect("mkdir");
    pipe(&root.join("evidence/notes/pipe.md"));
    fs::create_dir_all(root.join("evidence/linked")).expect("mkdir");
    std::os::unix::fs::symlink("../notes/pipe.md", root.join("evidence/linked/to-pipe.md")).expect("link");
    let report = check(root);
    for file in ["evidence/notes/pipe.md", "evidence/linked/to-pipe.md"] {
        assert_eq!(about(&report, file), expect(&[(0, "unreadable-file")]), "{file}");
        assert!(message(&report, file).contains("not an ordinary file"), "{file}");
    }
    assert_eq!(report["counts"]["records"], 1, "the good record is checked: {report}");
}

#[test]
fn a_framework_requirement_of_an_unknown_record_type_is_named_with_its_line() {
    let dir = portfolio();
    let root = dir.path();
    put(root, "pqs.yaml", format!("{MANIFEST}framework: framework.yaml\n"));
    let requirement = "requirements:\n  - id: essays\n    label: Two essays\n    type: essay\n    min: 2\n";
    put(root, "framework.yaml", format!("id: ours\ntitle: Ours\nstandards: []\n{requirement}"));
    let stderr = cannot_check(root, "framework.yaml");
    assert!(
        stderr.contains(
            "is not valid (line 7): `type` in entry 1 of `requirements`: `essay` is not allowed here"
        ),
        "{stderr}"
    );
}

#[test]
fn attachments_outside_the_portfolio_are_refused_and_never_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = dir.path().join("outside/secret.txt");
    put(dir.path(), "outside/secret.txt", "SECRET-CONTENTS");
    let root = dir.path().join("portfolio");
    put(&root, "pqs.yaml", MANIFEST);
    let attachments = [
        "../../outside/secret.txt".to_owned(),
        outside.display().to_string(),
        "https://example.org/secret.txt".to_owned(),
        "file:///etc/passwd".to_owned(),
        "../evidence/../../outside/secret.txt".to_owned(),
    ];
    let list: String = attachments.iter().map(|a| format!("  - \"{a}\"\n")).collect();
    put(
        &root,
        "evidence/attached.md",
        record(&format!("title: A\ntype: other\ndate: 2026-02-01\nattachments:\n{list}")),
    );
    let report = check(&root);
    let refused: Vec<(u64, &str)> =
        (6..).take(attachments.len()).map(|l| (l, "attachment-outside-portfolio")).collect();
    assert_eq!(about(&report, "evidence/attached.md"), expect(&refused));

    let out = tempfile::tempdir().expect("temp dir");
    let run = finish(
        pqs()
            .arg("render")
            .arg(&root)
            .args(["--force", "--date", TODAY, "--out"])
            .arg(out.path().join("pack.html")),
    );
    assert_eq!(run.code, 0, "{run:?}");
    let html = fs::read_to_string(out.path().join("pack.html")).expect("pack");
    assert!(!html.contains("SECRET-CONTENTS"), "nothing outside the portfolio is read into the pack");
}

#[cfg(unix)]
#[test]
fn attachments_that_are_links_out_or_pipes_are_refused_and_never_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "outside/secret.txt", "SECRET-CONTENTS");
    let root = dir.path().join("portfolio");
    put(&root, "pqs.yaml", MANIFEST);
    symlink(dir.path().join("outside/secret.txt"), root.join("evidence-link.txt")).expect("link");
    pipe(&root.join("pipe"));
    let yaml = "title: A\ntype: other\ndate: 2026-02-01\nattachments: [../evidence-link.txt, ../pipe]\n";
    put(&root, "evidence/attached.md", format!("---\n{yaml}---\n![a pipe](../pipe)\n"));
    let report = check(&root);
    assert_eq!(
        about(&report, "evidence/attached.md"),
        expect(&[(5, "attachment-outside-portfolio"), (5, "attachment-outside-portfolio")])
    );
    let out = tempfile::tempdir().expect("temp dir");
    let run = finish(
        pqs()
            .arg("render")
            .arg(&root)
            .args(["--force", "--format", BOTH_PACKS, "--date", TODAY, "--out"])
            .arg(out.path().join("pack.html")),
    );
    assert_eq!(run.code, 0, "a pipe is never opened, so the render ends: {run:?}");
    let html = fs::read_to_string(out.path().join("pack.html")).expect("pack");
    assert!(!html.contains("SECRET-CONTENTS"));
}

#[cfg(unix)]
#[test]
fn links_in_the_evidence_folder_never_lead_outside_or_round_in_circles() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "outside/secret.md", GOOD.replace("What happened.", "SECRET-CONTENTS"));
    let root = dir.path().join("portfolio");
    put(&root, "pqs.yaml", MANIFEST);
    put(&root, "evidence/good.md", GOOD);
    let evidence = root.join("evidence");
    fs::create_dir_all(evidence.join("loop")).expect("mkdir");
    symlink(&evidence, evidence.join("loop/again")).expect("a folder that leads back up");
    symlink(&evidence, evidence.join("loop/again.md")).expect("the same, named like a record");
    symlink(evidence.join("round-b.md"), evidence.join("round-a.md")).expect("a to b");
    symlink(evidence.join("round-a.md"), evidence.join("round-b.md")).expect("b to a");
    symlink(dir.path().join("outside/secret.md"), evidence.join("outside.md")).expect("a file outside");
    symlink(dir.path().join("outside"), evidence.join("outside-folder")).expect("a folder outside");
    let report = check(&root);
    let found: Vec<(String, u64, String)> = located(&report);
    // Linked folders are never walked, and each one is named.
    let expected = [
        ("evidence/loop/again", "link-to-folder"),
        ("evidence/loop/again.md", "link-to-folder"),
        ("evidence/outside-folder", "link-to-folder"),
        ("evidence/outside.md", "link-outside-portfolio"),
        ("evidence/round-a.md", "unreadable-file"),
        ("evidence/round-b.md", "unreadable-file"),
    ];
    let expected: Vec<(String, u64, String)> =
        expected.iter().map(|(f, c)| ((*f).to_owned(), 0, (*c).to_owned())).collect();
    assert_eq!(found, expected);
    assert_eq!(report["counts"]["records"], 1, "only the good record, once");

    let out = tempfile::tempdir().expect("temp dir");
    let run =
        finish(pqs().arg("render").arg(&root).args(["--force", "--out"]).arg(out.path().join("pack.html")));
    assert_eq!(run.code, 0, "{run:?}");
    let html = fs::read_to_string(out.path().join("pack.html")).expect("pack");
    assert!(!html.contains("SECRET-CONTENTS"), "nothing outside the portfolio is in the pack");
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_named_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt as _;
    let user = crate::Unprivileged::find();
    let dir = portfolio();
    let root = dir.path();
    user.share(root);
    put(root, "evidence/closed.md", GOOD);
    put(root, "evidence/closed-folder/inside.md", GOOD);
    let before = snapshot(root);
    let set = |file: &str, mode: u32| {
        fs::set_permissions(root.join(file), fs::Permissions::from_mode(mode)).expect("chmod");
    };
    set("evidence/closed.md", 0o000);
    set("evidence/closed-folder", 0o000);
    let run = finish(user.pqs().arg("check").arg(root).args(["--format", "json", "--today", TODAY]));
    set("evidence/closed.md", 0o644);
    set("evidence/closed-folder", 0o755);
    assert_eq!(snapshot(root), before, "checking changed no file");
    assert_eq!(run.code, 1, "{run:?}");
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(about(&report, "evidence/closed.md"), expect(&[(0, "unreadable-file")]));
    assert_eq!(about(&report, "evidence/closed-folder"), expect(&[(0, "unreadable-file")]));
    assert_eq!(
        message(&report, "evidence/closed-folder"),
        "this folder could not be read, so the records in it were not checked: Permission denied (os error 13)"
    );
    assert_eq!(report["counts"]["records"], 1, "the good record is still checked");
}

#[test]
fn records_deleted_while_the_check_runs_are_named_or_left_out() {
    let check_json = || {
        let mut command = pqs();
        command.args(["check", "--format", "json", "--today", TODAY]);
        command
    };
    for round in 0..5u32 {
        let dir = portfolio();
        let root = dir.path().to_path_buf();
        let names: Vec<String> = (0..1200).map(|i| format!("evidence/part-{}/r{i:04}.md", i % 8)).collect();
        for name in &names {
            put(&root, name, GOOD);
        }
        // Every third record, and one whole folder, go; from the end, so that the deletions
        // meet the check on its way through.
        let mut doomed: Vec<String> =
            names.iter().step_by(3).filter(|n| !n.contains("part-7")).cloned().collect();
        doomed.reverse();
        let before = snapshot(&root);
        // The deletions start at 0, 1/4, ... of the time a whole check takes.
        let started = std::time::Instant::now();
        assert_eq!(finish(check_json().arg(&root)).code, 0);
        let delay = started.elapsed() * round / 4;
        let deleter = {
            let root = root.clone();
            let doomed = doomed.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let _ = fs::remove_dir_all(root.join("evidence/part-7"));
                for name in &doomed {
                    let _ = fs::remove_file(root.join(name));
                }
            })
        };
        let run: Run = finish(check_json().arg(&root));
        deleter.join().expect("the deletions ran");
        assert!(run.code == 0 || run.code == 1, "round {round}: {run:?}");
        let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let gone = |file: &str| doomed.iter().any(|d| d == file) || file.starts_with("evidence/part-7");
        for (file, _, code) in located(&report) {
            assert!(gone(&file) && code == "unreadable-file", "round {round}: {code} about {file}");
        }
        let survivors = names.iter().filter(|n| !gone(n)).count() + 1;
        let records = report["counts"]["records"].as_u64().expect("count");
        assert!(records >= survivors as u64, "round {round}: {records} records, {survivors} survived");
        let mut left = before;
        left.retain(|name, _| !gone(name) && name != "evidence/part-7");
        assert_eq!(snapshot(&root), left, "round {round}: nothing else changed");
    }
}
