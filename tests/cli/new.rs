//! `pqs new` and `pqs templates export`: records that pass `pqs check` at once, never an
//! overwritten file, and prompts reported once a record is finished.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{check_json, copy_tree, example, located, pqs};

/// A copy of the in-progress example in a temporary folder.
fn portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("in-progress"), dir.path());
    dir
}

/// Run `pqs new` in `dir` with `args`; returns the exit status, the path printed, and stderr.
fn new(dir: &Path, args: &[&str]) -> (i32, PathBuf, String) {
    let output = pqs().current_dir(dir).arg("new").args(args).output().expect("runs");
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    (output.status.code().expect("exit"), dir.join(printed.trim()), stderr)
}

fn flags(record_type: &str) -> Vec<&str> {
    let mut args = vec![record_type, "--title", "A first go: trying it", "--date", "2026-11-20"];
    match record_type {
        "observation" => args.extend([
            "--kind",
            "direct",
            "--observer",
            "Dee Okafor (mentor)",
            "--setting",
            "team meeting",
        ]),
        "feedback" => args.extend(["--kind", "carer"]),
        _ => {}
    }
    if ["observation", "reflection", "supervision", "feedback", "learning"].contains(&record_type) {
        args.extend(["--standards", "6.1,7"]);
    }
    args
}

#[test]
fn every_type_by_flags_passes_check_at_once() {
    let dir = portfolio();
    for record_type in pqs::model::RecordType::NAMES {
        let (code, path, stderr) = new(dir.path(), &flags(record_type));
        assert_eq!(code, 0, "{record_type}: {stderr}");
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("2026-11-20-{record_type}-")), "{name}");
        assert!(name.ends_with("a-first-go-trying-it.md"), "{name}");
        let text = fs::read_to_string(&path).expect("written");
        assert!(text.contains("draft: true"), "{record_type} starts as a draft");
        assert!(text.contains("_Prompt: "), "{record_type} has prompts");
    }
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(located(&report).is_empty(), "{:?}", located(&report));
    assert_eq!(report["counts"]["drafts"], 11);
}

#[test]
fn observation_name_and_front_matter() {
    let dir = portfolio();
    let (_, path, _) = new(
        dir.path(),
        &[&flags("observation")[..], &["--dir", "observations", "--tags", "group,first"]].concat(),
    );
    assert_eq!(
        path.strip_prefix(dir.path()).expect("inside"),
        Path::new("evidence/observations/2026-11-20-observation-direct-a-first-go-trying-it.md")
    );
    let text = fs::read_to_string(&path).expect("written");
    let front = text.split("---\n").nth(1).expect("front-matter");
    assert_eq!(
        front,
        "title: \"A first go: trying it\"\ntype: observation\nkind: \"direct\"\ndate: 2026-11-20\nobserver: \"Dee Okafor (mentor)\"\nsetting: \"team meeting\"\nstandards: [\"6.1\",\"7\"]\ntags: [\"group\",\"first\"]\ndraft: true\n"
    );
    for heading in [
        "Planning and consent",
        "What was observed",
        "Observer's feedback",
        "My reflection",
        "Standards evidenced",
        "Next steps",
    ] {
        assert!(text.contains(&format!("## {heading}\n")), "{heading}");
    }
}

#[test]
fn the_same_title_and_date_twice_keeps_the_first_file() {
    let dir = portfolio();
    let (_, first, _) = new(dir.path(), &flags("pdp"));
    fs::write(&first, "my own words").expect("edit");
    let (code, second, _) = new(dir.path(), &flags("pdp"));
    assert_eq!(code, 0);
    assert_ne!(first, second);
    assert!(second.to_string_lossy().ends_with("-2.md"), "{}", second.display());
    assert_eq!(fs::read_to_string(&first).expect("read"), "my own words");
}

#[test]
fn without_a_terminal_a_missing_value_exits_2_naming_the_flag() {
    let dir = portfolio();
    let cases: [(&[&str], &str); 5] = [
        (&["reflection", "--standards", "6"], "--title"),
        (&["observation", "--title", "T", "--observer", "M", "--standards", "6"], "--kind"),
        (&["observation", "--title", "T", "--kind", "direct", "--standards", "6"], "--observer"),
        (&["feedback", "--title", "T", "--kind", "carer"], "--standards"),
        (&["reflection", "--title", "T", "--standards", "6", "--dir", "../out"], "--dir ../out"),
    ];
    let count = || fs::read_dir(dir.path().join("evidence")).expect("list").count();
    let before = count();
    for (args, flag) in cases {
        let (code, _, stderr) = new(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(flag), "{args:?}: {stderr}");
    }
    assert_eq!(count(), before, "nothing was written");
}

#[test]
fn prompts_left_in_a_finished_record_are_reported_at_their_lines() {
    let dir = portfolio();
    let (_, path, _) = new(dir.path(), &flags("reflection"));
    let text = fs::read_to_string(&path).expect("read");
    let text = text
        .replace("draft: true", "draft: false")
        .replace(
            "_Prompt: Describe the situation briefly, with people referred to by role or pseudonym._",
            "A supervisee brought a hard case.",
        )
        .replace(
            "_Prompt: What went through your mind at the time, and what did you notice in yourself?_\n",
            "",
        );
    fs::write(&path, &text).expect("write");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).expect("present") as u64 + 1;
    let file = path.strip_prefix(dir.path()).expect("inside").to_string_lossy().replace('\\', "/");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "warnings only");
    assert_eq!(
        located(&report),
        [
            (file.clone(), line_of("## What I thought and felt"), "empty-section".to_owned()),
            (file.clone(), line_of("_Prompt: Make sense of it"), "unanswered-prompt".to_owned()),
            (file.clone(), line_of("_Prompt: What do you now understand"), "unanswered-prompt".to_owned()),
            (file.clone(), line_of("_Prompt: What will you do differently"), "unanswered-prompt".to_owned()),
        ]
    );
    let (code, _) = check_json(dir.path(), &["--deny", "warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn exported_templates_are_used_and_never_overwritten() {
    let dir = portfolio();
    let output = pqs().current_dir(dir.path()).args(["templates", "export", "--all"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let listed = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(listed.lines().count(), pqs::templates::BUILT_IN.len());
    assert!(listed.lines().all(|l| l.starts_with("wrote templates/")), "{listed}");
    assert!(listed.contains("wrote templates/new/observation.md.tera\n"), "{listed}");
    assert!(listed.contains("wrote templates/pack.html.tera\n"), "{listed}");
    let own = dir.path().join("templates/new/pdp.md.tera");
    let edited =
        fs::read_to_string(&own).expect("read").replace("## Goals for the year", "## Goals for this year");
    fs::write(&own, &edited).expect("edit");
    let output = pqs().current_dir(dir.path()).args(["templates", "export", "--all"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&output.stdout).contains("kept your templates/new/pdp.md.tera"));
    assert_eq!(fs::read_to_string(&own).expect("read"), edited);
    let (_, path, _) = new(dir.path(), &flags("pdp"));
    assert!(fs::read_to_string(path).expect("read").contains("## Goals for this year"));
}

#[test]
fn a_broken_portfolio_template_is_an_error_naming_file_and_line() {
    let dir = portfolio();
    let own = dir.path().join("templates/new/learning.md.tera");
    fs::create_dir_all(own.parent().expect("parent")).expect("mkdir");
    fs::write(&own, "---\ntitle: {{ title | yaml }}\n{% for x in %}\n---\n").expect("write");
    for args in [&["new", "learning", "--title", "T", "--standards", "6"][..], &["check"][..]] {
        let output = pqs().current_dir(dir.path()).args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("templates/new/learning.md.tera") && stderr.contains("(line 3)"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn edit_opens_the_new_record_in_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = portfolio();
    let editor = dir.path().join("editor.sh");
    fs::write(&editor, "#!/bin/sh\nprintf 'Written in the editor.\\n' >> \"$1\"\n").expect("script");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).expect("chmod");
    let output = pqs()
        .current_dir(dir.path())
        .env_remove("VISUAL")
        .env("EDITOR", &editor)
        .arg("new")
        .args([&flags("pdp")[..], &["--edit"]].concat())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let path = dir.path().join(String::from_utf8(output.stdout).expect("UTF-8").trim());
    assert!(fs::read_to_string(path).expect("read").ends_with("Written in the editor.\n"));

    let output = pqs()
        .current_dir(dir.path())
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .arg("new")
        .args([&flags("pdp")[..], &["--edit"]].concat())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "the record is made all the same");
    insta::assert_snapshot!("edit_without_an_editor", String::from_utf8_lossy(&output.stderr));
    let pdps = fs::read_dir(dir.path().join("evidence"))
        .expect("list")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().contains("-pdp-a-first-go")));
    assert_eq!(pdps.count(), 2, "the record is written without an editor");

    let output = pqs()
        .current_dir(dir.path())
        .env("VISUAL", "no-such-editor-anywhere --wait")
        .arg("new")
        .args([&flags("pdp")[..], &["--edit"]].concat())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.ends_with(
            "error: the new record is written, but the editor `no-such-editor-anywhere --wait` (from VISUAL or EDITOR) could not start: there is no such program\n"
        ),
        "{stderr}"
    );

    // An editor whose path has a space in it, quoted as a shell would.
    let spaced = dir.path().join("my editor.sh");
    fs::rename(&editor, &spaced).expect("rename");
    let output = pqs()
        .current_dir(dir.path())
        .env("VISUAL", format!("'{}'", spaced.display()))
        .arg("new")
        .args([&flags("pdp")[..], &["--edit"]].concat())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let path = dir.path().join(String::from_utf8(output.stdout).expect("UTF-8").trim());
    assert!(fs::read_to_string(path).expect("read").ends_with("Written in the editor.\n"));
}
