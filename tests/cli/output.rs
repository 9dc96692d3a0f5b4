//! What reaches the terminal, the CI log and the shell: names with control characters are shown
//! escaped (never raw), GitHub workflow commands cannot be forged, and suggested commands quote
//! every value for the shell.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::{finish, pqs};

const TODAY: &str = "2026-11-22";

/// Write `bytes` to `file` under `root`, making its folder.
fn put(root: &Path, file: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

/// A portfolio in `portfolio/` of a temporary folder (so its name is fixed).
fn portfolio() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("portfolio");
    put(&root, "pqs.yaml", "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n");
    (dir, root)
}

/// `pqs check . --today TODAY [extra]` run in `root`: its standard output.
fn check(root: &Path, extra: &[&str]) -> String {
    let run = finish(pqs().current_dir(root).args(["check", ".", "--today", TODAY]).args(extra));
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stdout
}

/// Whether `text` holds a character no output may show raw (all but line feeds between lines).
fn raw_control(text: &str) -> Option<char> {
    let bidi = |c: char| ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
    text.chars().find(|&c| c != '\n' && (c.is_control() || bidi(c)))
}

/// A portfolio with a record named with an escape sequence, one whose name holds a line feed
/// that would start a GitHub workflow command, and a value holding escapes.
fn hostile_names() -> (TempDir, PathBuf) {
    let (dir, root) = portfolio();
    let record = "---\ntitle: T\ntype: other\ndate: 2026-02-01\ncolour: red\n---\nText.\n";
    put(&root, "evidence/\u{1b}[2J\u{1b}[31mred.md", record);
    put(&root, "evidence/evil\n::error::forged.md", record);
    put(
        &root,
        "evidence/draft\u{1b}[1m.md",
        "---\ntitle: T\ntype: other\ndate: 2026-02-01\ndraft: true\n---\n",
    );
    put(
        &root,
        "evidence/bidi\u{202e}dm.md",
        "---\ntitle: T\ntype: \"other\\e]0;x\\a\\u202e\"\ndate: 2026-02-01\n---\nText.\n",
    );
    (dir, root)
}

#[test]
fn names_with_control_characters_are_escaped_in_the_human_report() {
    let (_dir, root) = hostile_names();
    let text = check(&root, &[]);
    assert_eq!(raw_control(&text), None, "{text}");
    assert!(!text.lines().any(|line| line.starts_with("::")), "{text}");
    insta::assert_snapshot!("hostile_names_human", text);
}

/// GitHub's own encoding keeps every text as it was (so that annotations land on their files);
/// it is enough that a line feed cannot end a command and start another.
#[test]
fn names_with_control_characters_cannot_forge_github_commands() {
    let (_dir, root) = hostile_names();
    let text = check(&root, &["--format", "github"]);
    let (commands, rest): (Vec<&str>, Vec<&str>) = text.lines().partition(|line| line.starts_with("::"));
    assert_eq!(rest, ["pqs check: 3 errors, 5 warnings and 13 notes in 1 portfolio"]);
    assert_eq!(commands.len(), 21, "one command per finding:\n{text}");
    assert!(!commands.iter().any(|c| c.starts_with("::error::")), "none forged:\n{text}");
    insta::assert_snapshot!("hostile_names_github", text);
}

#[test]
fn an_error_naming_a_hostile_path_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs().current_dir(dir.path()).args(["check", "no\n::error::such\u{1b}[2J"]));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: could not read `no\\n::error::such\\u{1b}[2J`: No such file or directory (os error 2)\n"
    );
}

/// The commands in backticks of `help` that start with `pqs `.
fn suggested_commands(help: &str) -> Vec<String> {
    help.split('`').skip(1).step_by(2).filter(|c| c.starts_with("pqs ")).map(str::to_owned).collect()
}

/// The arguments `sh -c` passes to `pqs` in `command`, with `pqs` replaced by a function that
/// prints them (one per line after `<`, each ending in `>`), run in the empty folder `here`.
fn arguments_in_shell(command: &str, here: &Path) -> Vec<String> {
    let script = format!("pqs() {{ for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; }}; {command}");
    let output = std::process::Command::new("sh").arg("-c").arg(&script).current_dir(here).output();
    let output = output.expect("sh runs");
    assert!(output.status.success(), "{script}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    text.lines().map(|l| l.trim_start_matches('<').trim_end_matches('>').to_owned()).collect()
}

#[test]
fn suggested_commands_quote_every_value_for_the_shell() {
    let (dir, root) = portfolio();
    let file = "evidence/notes; touch PWNED #.md";
    put(&root, file, "---\ntitle: T\ntype: other\ndate: 2026-02-01\n---\nText.\n");
    let run =
        finish(pqs().current_dir(&root).args(["sign", file, "--by", "Sam O'Brien", "--role", "mentor"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = root.join(file);
    let signed = fs::read_to_string(&path).expect("read");
    fs::write(&path, signed.replace("Text.", "Changed text.")).expect("write");

    let (_, report) = crate::check_json(&root, &[]);
    let stale =
        report["diagnostics"].as_array().expect("diagnostics").iter().find(|d| d["code"] == "signoff-stale");
    let help = stale.expect("a stale sign-off")["help"].as_str().expect("help").to_owned();
    assert_eq!(
        help,
        "see what changed with `pqs diff-signed 'evidence/notes; touch PWNED #.md'`; if the change is right, sign again with `pqs sign 'evidence/notes; touch PWNED #.md' --by 'Sam O'\\''Brien' --role mentor`"
    );
    let here = dir.path().join("shell");
    fs::create_dir(&here).expect("mkdir");
    let commands = suggested_commands(&help);
    assert_eq!(arguments_in_shell(&commands[0], &here), ["diff-signed", file]);
    assert_eq!(
        arguments_in_shell(&commands[1], &here),
        ["sign", file, "--by", "Sam O'Brien", "--role", "mentor"]
    );
    assert_eq!(fs::read_dir(&here).expect("list").count(), 0, "the commands made no file (no PWNED)");
}

/// The findings of `report` as `(code, severity, line)`, counted.
fn tally(report: &serde_json::Value) -> std::collections::BTreeMap<(String, String), usize> {
    let mut counts = std::collections::BTreeMap::new();
    for d in report["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["file"].is_string()) {
        let key = (
            d["code"].as_str().expect("code").to_owned(),
            d["severity"].as_str().expect("severity").to_owned(),
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// The findings of `report` in `file` whose message starts with `and `: the summaries of a cap.
fn summaries(report: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let found = diagnostics.iter().filter(|d| d["message"].as_str().is_some_and(|m| m.starts_with("and ")));
    found
        .map(|d| {
            let text = |key: &str| d[key].as_str().expect("text").to_owned();
            (
                text("code"),
                d["line"].as_u64().expect("line"),
                d["column"].as_u64().expect("column"),
                text("message"),
            )
        })
        .collect()
}

#[test]
fn a_record_with_100_000_unknown_fields_shows_100_and_counts_the_rest() {
    let (_dir, root) = portfolio();
    let mut text = String::from("---\ntitle: T\ntype: other\ndate: 2026-02-01\n");
    for i in 0..100_000 {
        text.push_str(&format!("k{i}: x\n"));
    }
    text.push_str("---\nText.\n");
    put(&root, "evidence/keys.md", text);
    let (code, report) = crate::check_json(&root, &[]);
    assert_eq!(code, 1);
    let expected = [(("unknown-field".to_owned(), "error".to_owned()), 101)];
    assert_eq!(tally(&report), expected.into_iter().collect());
    assert_eq!(
        summaries(&report),
        [(
            "unknown-field".to_owned(),
            105,
            1,
            "and 99900 more `unknown-field` findings in this file, from here on, not shown one by one"
                .to_owned()
        )]
    );
    assert_eq!(report["counts"]["errors"], 101, "{}", report["counts"]);
}

#[test]
fn a_line_of_10_000_email_addresses_shows_100_and_counts_the_rest() {
    let (_dir, root) = portfolio();
    let addresses: Vec<String> = (0..10_000).map(|i| format!("p{i}@mailbox.org")).collect();
    let text = format!("---\ntitle: T\ntype: other\ndate: 2026-02-01\n---\n{}\n", addresses.join(" "));
    put(&root, "evidence/emails.md", text);
    let (code, report) = crate::check_json(&root, &[]);
    assert_eq!(code, 0, "an address is a warning");
    let expected = [(("privacy-email".to_owned(), "warning".to_owned()), 101)];
    assert_eq!(tally(&report), expected.into_iter().collect());
    let column = addresses[..100].iter().map(|a| a.len() + 1).sum::<usize>() + 1;
    assert_eq!(
        summaries(&report),
        [(
            "privacy-email".to_owned(),
            6,
            column as u64,
            "and 9900 more `privacy-email` findings in this file, from here on, not shown one by one"
                .to_owned()
        )]
    );
    let human = finish(pqs().current_dir(&root).args(["check", ".", "--today", TODAY]));
    let last = human.stdout.split("\n\n").find(|f| f.contains("and 9900 more")).expect("the summary");
    insta::assert_snapshot!("email_summary_human", last);
}

#[test]
fn status_and_verify_escape_names_too() {
    let (_dir, root) = portfolio();
    put(&root, "pqs.yaml", "candidate: \"Alex\\e[2J\\u202e\"\nmentor: Sam Patel\nstarted: 2026-01-12\n");
    put(
        &root,
        "evidence/evil\n::error::forged.md",
        "---\ntitle: T\ntype: other\ndate: 2026-02-01\n---\nText.\n",
    );
    let status = finish(pqs().current_dir(&root).args(["status", "--today", TODAY]));
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(raw_control(&status.stdout), None, "{}", status.stdout);
    assert_eq!(
        status.stdout.lines().next(),
        Some("Pathway of Alex\\u{1b}[2J\\u{202e}, started 2026-01-12: month 11 of 12, today 2026-11-22")
    );
    let verify = finish(pqs().current_dir(&root).args(["sign", "--verify"]));
    assert_eq!(verify.code, 0, "{}", verify.stderr);
    assert_eq!(
        verify.stdout,
        "evidence/evil\\n::error::forged.md\n  not signed\n\n0 sign-offs still valid, 0 no longer valid, 0 cannot be checked, 0 not accepted; 0 still needed.\n"
    );
}

#[test]
fn a_front_matter_over_a_mebibyte_is_one_finding_and_is_not_read() {
    let (_dir, root) = portfolio();
    let mut text = String::from("---\ntitle: T\ntype: other\ndate: 2026-02-01\n");
    while text.len() < 1024 * 1024 + 100 {
        text.push_str("standards: [6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1, 6.1]\n");
    }
    text.push_str("---\nText.\n");
    put(&root, "evidence/long.md", text);
    let (code, report) = crate::check_json(&root, &[]);
    assert_eq!(code, 1);
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == "evidence/long.md")
        .map(|d| {
            (
                d["line"].clone(),
                d["column"].clone(),
                d["code"].clone(),
                d["message"].clone(),
                d["help"].clone(),
            )
        })
        .collect();
    let expected = serde_json::json!([
        1,
        1,
        "front-matter-too-large",
        "this record's front-matter is 1.0 MiB, more than the 1 MiB pqs reads, so the record is not read",
        "keep the front-matter to the record's fields (a record's take a few hundred bytes), and write longer text in the body, under a heading"
    ]);
    let expected = expected.as_array().expect("array");
    let expected = (
        expected[0].clone(),
        expected[1].clone(),
        expected[2].clone(),
        expected[3].clone(),
        expected[4].clone(),
    );
    assert_eq!(found, [expected]);
}
